// The only I/O of master data: units, positions, position standards, competencies and participants.
import { defaultCompetencyDictionary, type CompetencyRequirement, type RosterEntry } from '@petakom/domain';
import type { Database, Jenjang, PositionKind } from '@petakom/db';
import type { Kysely } from 'kysely';

export class MasterDataRepository {
  constructor(readonly db: Kysely<Database>) {}

  /** Every agency for a platform admin (no agency of their own), else only the staff member's own. */
  listAgencies(agencyId: string | null) {
    let query = this.db.selectFrom('agencies').select(['id', 'code', 'name']);
    if (agencyId !== null) query = query.where('id', '=', agencyId);
    return query.orderBy('name').orderBy('code').execute();
  }

  listUnits(agencyId: string) {
    return this.db
      .selectFrom('units')
      .select(['id', 'code', 'name', 'parent_id'])
      .where('agency_id', '=', agencyId)
      .orderBy('name')
      .execute();
  }

  listPositions(agencyId: string) {
    return this.db
      .selectFrom('positions')
      .select(['id', 'code', 'name', 'jenjang', 'kind', 'unit_id'])
      .where('agency_id', '=', agencyId)
      .orderBy('name')
      .execute();
  }

  async standardsOf(positionIds: readonly string[]): Promise<Map<string, CompetencyRequirement[]>> {
    const out = new Map<string, CompetencyRequirement[]>();
    if (positionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('position_standards')
      .select(['position_id', 'competency_code', 'required_level', 'importance'])
      .where('position_id', 'in', positionIds)
      .orderBy('competency_code')
      .execute();
    for (const r of rows) {
      const list = out.get(r.position_id) ?? [];
      list.push({
        competency: r.competency_code,
        requiredLevel: r.required_level,
        importance: r.importance,
      });
      out.set(r.position_id, list);
    }
    return out;
  }

  /** Position standards reference competencies; the nine core ones are seeded from the domain dictionary. */
  async ensureCoreCompetencies(executor: Kysely<Database> = this.db): Promise<void> {
    await executor
      .insertInto('competencies')
      .values(
        defaultCompetencyDictionary.map((c) => ({
          code: c.code,
          agency_id: null,
          kind: c.kind,
          name: c.name,
          dictionary: JSON.stringify(c),
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }

  async knownCompetencies(agencyId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('competencies')
      .select('code')
      .where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', '=', agencyId)]))
      .execute();
    return new Set(rows.map((r) => r.code));
  }

  async replaceStandard(
    executor: Kysely<Database>,
    positionId: string,
    requirements: readonly CompetencyRequirement[],
  ): Promise<void> {
    await executor.deleteFrom('position_standards').where('position_id', '=', positionId).execute();
    if (requirements.length === 0) return;
    await executor
      .insertInto('position_standards')
      .values(
        requirements.map((r) => ({
          position_id: positionId,
          competency_code: r.competency,
          required_level: r.requiredLevel,
          importance: r.importance,
        })),
      )
      .execute();
  }

  async upsertPosition(
    executor: Kysely<Database>,
    agencyId: string,
    p: { code: string | null; name: string; jenjang: Jenjang; kind: PositionKind; unitId: string | null },
  ): Promise<{ id: string; inserted: boolean }> {
    const existing = await executor
      .selectFrom('positions')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where((eb) =>
        p.code ? eb('code', '=', p.code) : eb.and([eb('code', 'is', null), eb('name', '=', p.name)]),
      )
      .executeTakeFirst();
    if (existing) {
      await executor
        .updateTable('positions')
        .set({ name: p.name, jenjang: p.jenjang, kind: p.kind, unit_id: p.unitId })
        .where('id', '=', existing.id)
        .execute();
      return { id: existing.id, inserted: false };
    }
    const row = await executor
      .insertInto('positions')
      .values({
        agency_id: agencyId,
        code: p.code,
        name: p.name,
        jenjang: p.jenjang,
        kind: p.kind,
        unit_id: p.unitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, inserted: true };
  }

  async existingNips(nips: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < nips.length; i += 1000) {
      const rows = await this.db
        .selectFrom('participants')
        .select('nip')
        .where('nip', 'in', nips.slice(i, i + 1000))
        .execute();
      for (const r of rows) found.add(r.nip);
    }
    return found;
  }

  /** Inserts new participants and updates existing ones (matched on NIP), in chunks. */
  async upsertParticipants(executor: Kysely<Database>, entries: readonly RosterEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) {
      await executor
        .insertInto('participants')
        .values(
          entries.slice(i, i + 500).map((e) => ({
            nip: e.nip,
            full_name: e.fullName,
            birth_date: e.birthDate,
            gender: e.gender,
            position_id: e.positionId,
            unit_id: e.unitId,
            skp_predikat: e.skpPredikat,
            email: e.email,
          })),
        )
        .onConflict((oc) =>
          oc.column('nip').doUpdateSet((eb) => ({
            full_name: eb.ref('excluded.full_name'),
            birth_date: eb.ref('excluded.birth_date'),
            gender: eb.ref('excluded.gender'),
            position_id: eb.ref('excluded.position_id'),
            unit_id: eb.ref('excluded.unit_id'),
            skp_predikat: eb.ref('excluded.skp_predikat'),
            email: eb.ref('excluded.email'),
          })),
        )
        .execute();
    }
  }

  listParticipants(agencyId: string, limit: number, offset: number, q: string | undefined) {
    let query = this.db
      .selectFrom('participants')
      .innerJoin('units', 'units.id', 'participants.unit_id')
      .select([
        'participants.id',
        'participants.nip',
        'participants.full_name',
        'participants.birth_date',
        'participants.gender',
        'participants.position_id',
        'participants.unit_id',
        'participants.skp_predikat',
        'participants.email',
      ])
      .where('units.agency_id', '=', agencyId)
      .orderBy('participants.nip')
      .limit(limit)
      .offset(offset);
    if (q) {
      query = query.where((eb) =>
        eb.or([eb('participants.nip', 'like', `${q}%`), eb('participants.full_name', 'ilike', `%${q}%`)]),
      );
    }
    return query.execute();
  }
}
