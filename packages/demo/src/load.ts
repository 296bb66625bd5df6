// Loads a generated demo into Postgres in one transaction, and seeds an empty database at start-up.
import { hash } from '@node-rs/argon2';
import { defaultCompetencyDictionary, defaultScoringModel, type Battery } from '@petakom/domain';
import type { Database } from '@petakom/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import { generateDemo, type DemoData } from './generate.ts';
import { demoUuid } from './random.ts';

const BATCH = 1000;

async function insertInBatches<T>(
  rows: readonly T[],
  insert: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

const json = (value: unknown): string => JSON.stringify(value);

/** Item version ids are what a battery's blueprint names (the server builds forms from them). */
export function itemVersionId(data: DemoData, itemId: string): string {
  return demoUuid(data.seed, 'item-version', `${itemId}@1`);
}

export async function loadDemo(db: Kysely<Database>, data: DemoData): Promise<void> {
  // Hash before the transaction opens so it is not held across the slow part.
  const hashes = await Promise.all(data.staff.map((s) => hash(s.password)));
  await db.transaction().execute((trx) => loadInto(trx, data, hashes));
}

async function loadInto(
  trx: Transaction<Database>,
  data: DemoData,
  hashes: readonly string[],
): Promise<void> {
  await insertOrganisation(trx, data);
  await insertItems(trx, data);
  await trx
    .insertInto('campaigns')
    .values({
      id: data.campaign.id,
      agency_id: data.campaign.agencyId,
      battery_id: data.campaign.batteryId,
      name: data.campaign.name,
      purpose: data.campaign.purpose,
      validity_years: data.campaign.validityYears,
      settings: json(data.campaign.settings),
      status: 'active',
    })
    .execute();
  await insertInBatches(data.participants, (batch) =>
    trx
      .insertInto('participants')
      .values(
        batch.map((p) => ({
          id: p.id,
          nip: p.nip,
          full_name: p.fullName,
          birth_date: p.birthDate,
          gender: p.gender,
          position_id: p.positionId,
          unit_id: p.unitId,
          skp_predikat: p.skpPredikat,
          email: p.email,
        })),
      )
      .execute(),
  );
  await trx
    .insertInto('staff_users')
    .values(
      data.staff.map((s, i) => ({
        id: s.id,
        agency_id: data.agency.id,
        username: s.username,
        full_name: s.fullName,
        password_hash: hashes[i] as string,
        roles: s.roles,
      })),
    )
    .execute();
  await trx
    .insertInto('rooms')
    .values(
      data.rooms.map((r) => ({
        id: r.id,
        agency_id: data.agency.id,
        name: r.name,
        location: 'Lantai 4 Kantor BKPSDMD',
        capacity: r.capacity,
      })),
    )
    .execute();
  await trx
    .insertInto('exam_sessions')
    .values(
      data.sessions.map((s) => ({
        id: s.id,
        campaign_id: s.campaignId,
        date: s.date,
        slot: s.slot,
        room_id: s.roomId,
        capacity: s.capacity,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        status: s.status,
      })),
    )
    .execute();
  await trx
    .insertInto('proctor_assignments')
    .values(data.proctorAssignments.map((a) => ({ session_id: a.sessionId, staff_user_id: a.staffUserId })))
    .execute();
  await insertInBatches(data.registrations, (batch) =>
    trx
      .insertInto('registrations')
      .values(
        batch.map((r) => ({
          id: r.id,
          campaign_id: r.campaignId,
          participant_id: r.participantId,
          session_id: r.sessionId,
          seat_no: r.seatNo,
          access_code: r.accessCode,
          status: r.status,
        })),
      )
      .execute(),
  );
}

async function insertOrganisation(trx: Transaction<Database>, data: DemoData): Promise<void> {
  await trx
    .insertInto('agencies')
    .values({ id: data.agency.id, code: 'PROV-KN', name: data.agency.name })
    .execute();
  await trx
    .insertInto('units')
    .values(data.units.map((u) => ({ id: u.id, agency_id: u.agencyId, parent_id: u.parentId, name: u.name })))
    .execute();
  // The national dictionary may already be there (another agency, or an earlier install).
  await trx
    .insertInto('competencies')
    .values(
      defaultCompetencyDictionary.map((c) => ({
        code: c.code,
        agency_id: null,
        kind: c.kind,
        name: c.name,
        dictionary: json(c),
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await trx
    .insertInto('competencies')
    .values(
      data.teknisCompetencies.map((c) => ({
        code: c.code,
        agency_id: data.agency.id,
        kind: c.kind,
        name: c.name,
        dictionary: json(c),
      })),
    )
    .execute();
  await trx
    .insertInto('positions')
    .values(
      data.positions.map((p) => ({
        id: p.id,
        agency_id: p.agencyId,
        unit_id: p.unitId,
        name: p.name,
        jenjang: p.jenjang,
        kind: p.kind,
      })),
    )
    .execute();
  const standards = data.positions.flatMap((p) =>
    p.standard.requirements.map((r) => ({
      position_id: p.id,
      competency_code: r.competency,
      required_level: r.requiredLevel,
      importance: r.importance,
    })),
  );
  await insertInBatches(standards, (batch) => trx.insertInto('position_standards').values(batch).execute());
}

async function insertItems(trx: Transaction<Database>, data: DemoData): Promise<void> {
  await trx
    .insertInto('item_banks')
    .values({ id: data.itemBank.id, agency_id: data.itemBank.agencyId, name: data.itemBank.name })
    .execute();
  await trx
    .insertInto('items')
    .values(
      data.items.map((item, i) => ({
        id: item.id,
        item_bank_id: data.itemBank.id,
        code: `DEMO-${String(i + 1).padStart(3, '0')}`,
        type: item.type,
        competency_code: item.type === 'single_choice' ? null : item.competency,
        subtest: item.type === 'single_choice' ? item.subtest : null,
        current_version: 1,
      })),
    )
    .execute();
  await trx
    .insertInto('item_versions')
    .values(
      data.items.map((item) => ({
        id: itemVersionId(data, item.id),
        item_id: item.id,
        version: 1,
        content: json(item),
      })),
    )
    .execute();
  const blueprint: Battery = {
    sections: data.battery.battery.sections.map((s) => ({
      ...s,
      itemIds: s.itemIds.map((id) => itemVersionId(data, id)),
    })),
  };
  await trx
    .insertInto('batteries')
    .values({
      id: data.battery.id,
      agency_id: data.agency.id,
      name: data.battery.name,
      blueprint: json(blueprint),
      scoring_model: json(defaultScoringModel),
    })
    .execute();
}

export interface SeedOptions {
  /** Today's date (YYYY-MM-DD, Asia/Jakarta): the demo's first exam day. */
  today: string;
  seed?: string;
  /** The moment of seeding: opens the make-up session (see `practiceStartsAt`) right then. */
  now?: Date;
}

/** Seeds the demo when the database holds no agency yet; a second call changes nothing. */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  options: SeedOptions,
): Promise<{ seeded: boolean; data?: DemoData }> {
  const hasAgency = async (q: Kysely<Database>): Promise<boolean> =>
    (await q.selectFrom('agencies').select('id').limit(1).executeTakeFirst()) !== undefined;
  if (await hasAgency(db)) return { seeded: false };
  const data = generateDemo({
    startDate: options.today,
    ...(options.now !== undefined && { practiceStartsAt: options.now.toISOString() }),
    ...(options.seed !== undefined && { seed: options.seed }),
  });
  const hashes = await Promise.all(data.staff.map((s) => hash(s.password)));
  // Several server processes may start together: the lock lets exactly one of them seed.
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('petakom:demo-seed'))`.execute(trx);
    if (await hasAgency(trx)) return { seeded: false };
    await loadInto(trx, data, hashes);
    return { seeded: true, data };
  });
}
