// /api/v1/admin: units, positions with their competency standards (edit and import), and the
// participant roster (CSV/XLSX import: a dry run listing every bad row, then an all-or-nothing apply).
import fastifyMultipart from '@fastify/multipart';
import {
  checkPositions,
  checkRoster,
  competencyStandardSchema,
  nameKey,
  positionKindOf,
  standardForJabatan,
  type CompetencyRequirement,
  type PositionEntry,
  type RosterEntry,
} from '@petakom/domain';
import {
  agencyListResponseSchema,
  idParamsSchema,
  importReportSchema,
  listQuerySchema,
  participantListResponseSchema,
  positionCreatedResponseSchema,
  positionListResponseSchema,
  positionResponseSchema,
  positionWriteRequestSchema,
  rosterImportQuerySchema,
  standardWriteRequestSchema,
  unitListResponseSchema,
  unitResponseSchema,
  unitWriteRequestSchema,
  type ImportReport,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { recordAudit } from '../../audit/audit.ts';
import { ApiFailure, handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole, staffAgency } from '../../staff/roles.ts';
import { ImportStore, type StoredImport } from './import-store.ts';
import { MasterDataRepository } from './master-data.repository.ts';
import { readSheet } from './sheet-reader.ts';
import { readUpload } from './upload.ts';

const READ = requireRole('admin', 'bkd', 'assessor');
const WRITE = requireRole('admin', 'bkd');
const tags = ['admin: master data'];

type PositionImportEntry = Omit<PositionEntry, 'unit'> & { unitId: string | null };

export function reportOf<T>(
  stored: StoredImport<T>,
  appliedAt: string | null,
  summary: Record<string, number>,
): ImportReport {
  return {
    ok: true,
    importId: stored.id,
    kind: stored.kind,
    filename: stored.filename,
    totalRows: stored.totalRows,
    validRows: stored.entries.length,
    problems: stored.problems,
    canApply: stored.problems.length === 0 && stored.entries.length > 0 && appliedAt === null,
    appliedAt,
    summary,
  };
}

/** Loads a dry run of the caller's agency and claims it for applying, or says why not. */
export async function claimImport<T>(
  store: ImportStore,
  id: string,
  kind: string,
  agencyId: string,
): Promise<StoredImport<T>> {
  const stored = await store.load<T>(id);
  if (!stored || stored.kind !== kind || stored.agencyId !== agencyId) {
    throw new ApiFailure(
      'NOT_FOUND',
      'Impor tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkasnya.',
    );
  }
  if (stored.problems.length > 0) {
    throw new ApiFailure(
      'VALIDATION',
      `Uji coba impor menemukan ${stored.problems.length} masalah; perbaiki berkas dan unggah ulang.`,
      { problems: stored.problems },
      409,
    );
  }
  if (stored.entries.length === 0)
    throw new ApiFailure('VALIDATION', 'Berkas tidak berisi baris data.', undefined, 409);
  if (!(await store.markApplied(id)))
    throw new ApiFailure('VALIDATION', 'Impor ini sudah diterapkan.', undefined, 409);
  return stored;
}

export function masterDataRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    await app.register(fastifyMultipart);
    const repo = new MasterDataRepository(ctx.db);
    const imports = new ImportStore(ctx.redis, ctx.config.REDIS_PREFIX);

    // ---- agencies ----
    app.get(
      '/api/v1/admin/agencies',
      {
        config: READ,
        schema: {
          tags,
          summary: 'The agencies the staff member reaches: all for a platform admin, else their own',
          response: { 200: agencyListResponseSchema },
        },
      },
      async (request) => ({
        ok: true as const,
        agencies: await repo.listAgencies(currentStaff(request).agencyId),
      }),
    );

    // ---- units ----
    app.get(
      '/api/v1/admin/units',
      {
        config: READ,
        schema: { tags, response: { 200: unitListResponseSchema } },
      },
      async (request) => {
        const rows = await repo.listUnits(staffAgency(request));
        return {
          ok: true as const,
          units: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentId: r.parent_id })),
        };
      },
    );

    app.post(
      '/api/v1/admin/units',
      {
        config: WRITE,
        schema: {
          tags,
          body: unitWriteRequestSchema,
          response: { 200: unitResponseSchema },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const body = request.body;
        const unit = await ctx.db
          .transaction()
          .execute(async (trx) => {
            const row = await trx
              .insertInto('units')
              .values({
                agency_id: agencyId,
                code: body.code ?? null,
                name: body.name,
                parent_id: body.parentId ?? null,
              })
              .returning(['id', 'code', 'name', 'parent_id'])
              .executeTakeFirstOrThrow();
            await recordAudit(trx, {
              actor: currentStaff(request),
              action: 'unit.create',
              targetType: 'unit',
              targetId: row.id,
              detail: { name: row.name },
              ip: request.ip,
            });
            return row;
          })
          .catch(uniqueViolation('Kode unit sudah dipakai.'));
        return {
          ok: true as const,
          unit: { id: unit.id, code: unit.code, name: unit.name, parentId: unit.parent_id },
        };
      },
    );

    app.put(
      '/api/v1/admin/units/:id',
      {
        config: WRITE,
        schema: {
          tags,
          params: idParamsSchema,
          body: unitWriteRequestSchema,
          response: { 200: unitResponseSchema },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const body = request.body;
        if (body.parentId === request.params.id)
          throw new ApiFailure('VALIDATION', 'Unit tidak dapat menjadi induk dirinya sendiri.');
        const unit = await ctx.db
          .transaction()
          .execute(async (trx) => {
            const row = await trx
              .updateTable('units')
              .set({ code: body.code ?? null, name: body.name, parent_id: body.parentId ?? null })
              .where('id', '=', request.params.id)
              .where('agency_id', '=', agencyId)
              .returning(['id', 'code', 'name', 'parent_id'])
              .executeTakeFirst();
            if (!row) throw new ApiFailure('NOT_FOUND', 'Unit tidak ditemukan.');
            await recordAudit(trx, {
              actor: currentStaff(request),
              action: 'unit.update',
              targetType: 'unit',
              targetId: row.id,
              ip: request.ip,
            });
            return row;
          })
          .catch(uniqueViolation('Kode unit sudah dipakai.'));
        return {
          ok: true as const,
          unit: { id: unit.id, code: unit.code, name: unit.name, parentId: unit.parent_id },
        };
      },
    );

    // ---- positions and standards ----
    const positionsOf = async (agencyId: string) => {
      const rows = await repo.listPositions(agencyId);
      const standards = await repo.standardsOf(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        jenjang: r.jenjang,
        kind: r.kind,
        unitId: r.unit_id,
        standard: (standards.get(r.id) ?? []).map(({ competency, requiredLevel, importance }) => ({
          competency,
          requiredLevel,
          importance,
        })),
      }));
    };

    app.get(
      '/api/v1/admin/positions',
      {
        config: READ,
        schema: {
          tags,
          response: { 200: positionListResponseSchema },
        },
      },
      async (request) => ({
        ok: true as const,
        positions: await positionsOf(staffAgency(request)),
      }),
    );

    app.post(
      '/api/v1/admin/positions',
      {
        config: WRITE,
        schema: {
          tags,
          body: positionWriteRequestSchema,
          response: { 200: positionCreatedResponseSchema },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const body = request.body;
        const id = await ctx.db
          .transaction()
          .execute(async (trx) => {
            await repo.ensureCoreCompetencies(trx);
            const row = await trx
              .insertInto('positions')
              .values({
                agency_id: agencyId,
                code: body.code ?? null,
                name: body.name,
                jenjang: body.jenjang,
                kind: positionKindOf(body.jenjang),
                unit_id: body.unitId ?? null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            // a new jabatan starts from its jenjang's default standard
            await repo.replaceStandard(trx, row.id, standardForJabatan(body.jenjang).requirements);
            await recordAudit(trx, {
              actor: currentStaff(request),
              action: 'position.create',
              targetType: 'position',
              targetId: row.id,
              detail: { name: body.name, jenjang: body.jenjang },
              ip: request.ip,
            });
            return row.id;
          })
          .catch(uniqueViolation('Kode jabatan sudah dipakai.'));
        return { ok: true as const, id };
      },
    );

    app.put(
      '/api/v1/admin/positions/:id/standard',
      {
        config: WRITE,
        schema: {
          tags,
          params: idParamsSchema,
          body: standardWriteRequestSchema,
          response: { 200: positionResponseSchema },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const position = await ctx.db
          .selectFrom('positions')
          .select(['id', 'jenjang'])
          .where('id', '=', request.params.id)
          .where('agency_id', '=', agencyId)
          .executeTakeFirst();
        if (!position) throw new ApiFailure('NOT_FOUND', 'Jabatan tidak ditemukan.');
        const parsed = competencyStandardSchema.safeParse({
          jenjang: position.jenjang,
          requirements: request.body.requirements,
        });
        if (!parsed.success)
          throw new ApiFailure('VALIDATION', parsed.error.issues[0]?.message ?? 'standar tidak sah');
        await repo.ensureCoreCompetencies();
        const known = await repo.knownCompetencies(agencyId);
        const unknown = parsed.data.requirements
          .filter((r) => !known.has(r.competency))
          .map((r) => r.competency);
        if (unknown.length > 0)
          throw new ApiFailure('VALIDATION', `Kompetensi tidak dikenal: ${unknown.join(', ')}.`);
        await ctx.db.transaction().execute(async (trx) => {
          await repo.replaceStandard(trx, position.id, parsed.data.requirements as CompetencyRequirement[]);
          await recordAudit(trx, {
            actor: currentStaff(request),
            action: 'position.standard.update',
            targetType: 'position',
            targetId: position.id,
            reason: request.body.reason ?? null,
            detail: {
              requirements: parsed.data.requirements.map(
                (r) => `${r.competency}:${r.requiredLevel}:${r.importance}`,
              ),
            },
            ip: request.ip,
          });
        });
        const all = await positionsOf(agencyId);
        const updated = all.find((p) => p.id === position.id);
        if (!updated) throw new ApiFailure('NOT_FOUND', 'Jabatan tidak ditemukan.');
        return { ok: true as const, position: updated };
      },
    );

    app.post(
      '/api/v1/admin/positions/imports',
      { config: WRITE, schema: { tags, response: { 200: importReportSchema } } },
      async (request) => {
        const agencyId = staffAgency(request);
        const upload = await readUpload(request);
        const rows = await readSheet(upload.filename, upload.mimetype, upload.data);
        const checked = checkPositions(rows);
        const units = await repo.listUnits(agencyId);
        const problems = [...checked.problems];
        const entries: PositionImportEntry[] = [];
        for (const { unit, ...entry } of checked.entries) {
          const found =
            unit === null
              ? null
              : units.find(
                  (u) => (u.code && nameKey(u.code) === nameKey(unit)) || nameKey(u.name) === nameKey(unit),
                );
          if (found === undefined)
            problems.push({
              line: entry.line,
              code: 'UNKNOWN_UNIT',
              field: 'unit',
              message: `Unit kerja "${unit}" tidak dikenal.`,
            });
          else entries.push({ ...entry, unitId: found?.id ?? null });
        }
        problems.sort((a, b) => a.line - b.line);
        const stored = await imports.save<PositionImportEntry>({
          kind: 'positions',
          agencyId,
          createdBy: currentStaff(request).id,
          filename: upload.filename,
          entries,
          problems,
          totalRows: rows.length,
          meta: {},
        });
        return reportOf(stored, null, { positions: entries.length });
      },
    );

    app.post(
      '/api/v1/admin/positions/imports/:id/apply',
      { config: WRITE, schema: { tags, params: idParamsSchema, response: { 200: importReportSchema } } },
      async (request) => {
        const agencyId = staffAgency(request);
        const stored = await claimImport<PositionImportEntry>(
          imports,
          request.params.id,
          'positions',
          agencyId,
        );
        let inserted = 0;
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await repo.ensureCoreCompetencies(trx);
            for (const e of stored.entries) {
              const r = await repo.upsertPosition(trx, agencyId, {
                code: e.code,
                name: e.name,
                jenjang: e.jenjang,
                kind: e.kind,
                unitId: e.unitId,
              });
              if (r.inserted) inserted++;
              await repo.replaceStandard(trx, r.id, e.standard.requirements);
            }
            await recordAudit(trx, {
              actor: currentStaff(request),
              action: 'position.import.apply',
              targetType: 'import',
              targetId: stored.id,
              detail: { filename: stored.filename, rows: stored.entries.length, inserted },
              ip: request.ip,
            });
          });
        } catch (error) {
          await imports.clearApplied(stored.id);
          throw changedSinceDryRun(error);
        }
        return reportOf(stored, await imports.appliedAt(stored.id), {
          positions: stored.entries.length,
          inserted,
          updated: stored.entries.length - inserted,
        });
      },
    );

    // ---- roster ----
    app.get(
      '/api/v1/admin/participants',
      {
        config: READ,
        schema: {
          tags,
          querystring: listQuerySchema,
          response: { 200: participantListResponseSchema },
        },
      },
      async (request) => {
        const rows = await repo.listParticipants(
          staffAgency(request),
          request.query.limit,
          request.query.offset,
          request.query.q,
        );
        return {
          ok: true as const,
          participants: rows.map((r) => ({
            id: r.id,
            nip: r.nip,
            fullName: r.full_name,
            birthDate: r.birth_date,
            gender: r.gender,
            positionId: r.position_id,
            unitId: r.unit_id,
            skpPredikat: r.skp_predikat,
            email: r.email,
          })),
        };
      },
    );

    app.post(
      '/api/v1/admin/roster/imports',
      {
        config: WRITE,
        schema: { tags, querystring: rosterImportQuerySchema, response: { 200: importReportSchema } },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const upload = await readUpload(request);
        const rows = await readSheet(upload.filename, upload.mimetype, upload.data);
        const [positions, units] = await Promise.all([
          repo.listPositions(agencyId),
          repo.listUnits(agencyId),
        ]);
        const checked = checkRoster(rows, {
          positions,
          units,
          today: new Date(),
          massCat: request.query.massCat,
        });
        const existing = await repo.existingNips(checked.entries.map((e) => e.nip));
        const stored = await imports.save<RosterEntry>({
          kind: 'roster',
          agencyId,
          createdBy: currentStaff(request).id,
          filename: upload.filename,
          entries: checked.entries,
          problems: checked.problems,
          totalRows: rows.length,
          meta: {},
        });
        return reportOf(stored, null, {
          inserted: checked.entries.length - existing.size,
          updated: existing.size,
        });
      },
    );

    app.get(
      '/api/v1/admin/roster/imports/:id',
      { config: WRITE, schema: { tags, params: idParamsSchema, response: { 200: importReportSchema } } },
      async (request) => {
        const stored = await imports.load<RosterEntry>(request.params.id);
        if (!stored || stored.kind !== 'roster' || stored.agencyId !== staffAgency(request))
          throw new ApiFailure('NOT_FOUND', 'Impor tidak ditemukan atau sudah kedaluwarsa.');
        return reportOf(stored, await imports.appliedAt(stored.id), {});
      },
    );

    app.post(
      '/api/v1/admin/roster/imports/:id/apply',
      { config: WRITE, schema: { tags, params: idParamsSchema, response: { 200: importReportSchema } } },
      async (request) => {
        const agencyId = staffAgency(request);
        const stored = await claimImport<RosterEntry>(imports, request.params.id, 'roster', agencyId);
        const existing = await repo.existingNips(stored.entries.map((e) => e.nip));
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await repo.upsertParticipants(trx, stored.entries);
            await recordAudit(trx, {
              actor: currentStaff(request),
              action: 'roster.import.apply',
              targetType: 'import',
              targetId: stored.id,
              detail: { filename: stored.filename, rows: stored.entries.length, updated: existing.size },
              ip: request.ip,
            });
          });
        } catch (error) {
          await imports.clearApplied(stored.id);
          throw changedSinceDryRun(error);
        }
        return reportOf(stored, await imports.appliedAt(stored.id), {
          inserted: stored.entries.length - existing.size,
          updated: existing.size,
        });
      },
    );
  };
}

/** A reference that vanished between the dry run and the apply: nothing was applied; say so. */
export function changedSinceDryRun(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === '23503' || code === '23505') {
    return new ApiFailure(
      'VALIDATION',
      'Data induk berubah sejak uji coba; tidak ada yang diterapkan. Unggah ulang berkasnya.',
      undefined,
      409,
    );
  }
  return error;
}

/** Turns a unique-constraint violation into a clear 409; anything else is rethrown. */
function uniqueViolation(message: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505')
      throw new ApiFailure('VALIDATION', message, undefined, 409);
    throw error;
  };
}
