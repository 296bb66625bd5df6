// /api/v1/admin/item-banks and /api/v1/admin/items: author items of every type (new version on each
// edit), import JSON / XLSX / Moodle XML / QTI 2.1 whole or not at all, export JSON and XLSX.
import fastifyMultipart from '@fastify/multipart';
import {
  ITEM_BANK_FORMAT,
  ITEM_SHEET_COLUMNS,
  checkItemCandidate,
  checkItemCandidates,
  itemBankFileSchema,
  itemFromSheetRow,
  itemToSheetRow,
  type ItemProblem,
} from '@petakom/domain';
import {
  idParamsSchema,
  itemBankSchema,
  itemBankWriteRequestSchema,
  itemExportQuerySchema,
  itemImportQuerySchema,
  itemImportResponseSchema,
  itemWriteRequestSchema,
  storedItemSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import type { ServerContext } from '../../context.ts';
import { ApiFailure, handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole, staffAgency } from '../../staff/roles.ts';
import { MasterDataRepository } from '../master-data/master-data.repository.ts';
import { readSheet, writeXlsx } from '../master-data/sheet-reader.ts';
import { readUpload } from '../master-data/upload.ts';
import { ItemBankRepository, type StoredItem } from './item-bank.repository.ts';
import { parseMoodleXml, parseQti, type RawCandidate } from './xml-formats.ts';

const READ = requireRole('admin', 'bkd', 'assessor');
const WRITE = requireRole('admin', 'bkd');
const tags = ['admin: item banks'];
/** An item with embedded images can be large; the app-wide body limit is for exam traffic. */
const ITEM_BODY_LIMIT = 4 * 1024 * 1024;

const dto = (s: StoredItem) => ({
  itemId: s.itemId,
  versionId: s.versionId,
  version: s.version,
  code: s.code,
  content: s.item as unknown as Record<string, unknown>,
});

function refuse(message: string, problems: ItemProblem[]): never {
  throw new ApiFailure('VALIDATION', message, { problems });
}

export function itemBankRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    await app.register(fastifyMultipart);
    const repo = new ItemBankRepository(ctx.db);
    const master = new MasterDataRepository(ctx.db);

    const bankOf = async (agencyId: string, bankId: string) => {
      const bank = await repo.findBank(agencyId, bankId);
      if (!bank) throw new ApiFailure('NOT_FOUND', 'Bank soal tidak ditemukan.');
      return bank;
    };

    /** Competency codes must exist (items reference them); the core nine are seeded on demand. */
    const checkCompetencies = async (
      agencyId: string,
      entries: { line: number; item: { type: string; competency?: string } }[],
    ) => {
      await master.ensureCoreCompetencies();
      const known = await master.knownCompetencies(agencyId);
      return entries
        .filter((e) => e.item.competency !== undefined && !known.has(e.item.competency))
        .map((e): ItemProblem => ({
          line: e.line,
          code: 'INVALID_ITEM',
          message: `Kompetensi ${e.item.competency} tidak dikenal.`,
        }));
    };

    app.get(
      '/api/v1/admin/item-banks',
      {
        config: READ,
        schema: {
          tags,
          response: { 200: z.object({ ok: z.literal(true), banks: z.array(itemBankSchema) }) },
        },
      },
      async (request) => {
        const banks = await ctx.db
          .selectFrom('item_banks')
          .select(['id', 'name', 'description'])
          .where('agency_id', '=', staffAgency(request))
          .orderBy('name')
          .execute();
        return { ok: true as const, banks };
      },
    );

    app.post(
      '/api/v1/admin/item-banks',
      {
        config: WRITE,
        schema: {
          tags,
          body: itemBankWriteRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), bank: itemBankSchema }) },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const bank = await ctx.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('item_banks')
            .values({
              agency_id: agencyId,
              name: request.body.name,
              description: request.body.description ?? null,
            })
            .returning(['id', 'name', 'description'])
            .executeTakeFirstOrThrow();
          await recordAudit(trx, {
            actor: currentStaff(request),
            action: 'item_bank.create',
            targetType: 'item_bank',
            targetId: row.id,
            ip: request.ip,
          });
          return row;
        });
        return { ok: true as const, bank };
      },
    );

    app.get(
      '/api/v1/admin/item-banks/:id/items',
      {
        config: READ,
        schema: {
          tags,
          params: idParamsSchema,
          response: { 200: z.object({ ok: z.literal(true), items: z.array(storedItemSchema) }) },
        },
      },
      async (request) => {
        const bank = await bankOf(staffAgency(request), request.params.id);
        return { ok: true as const, items: (await repo.currentItems(bank.id)).map(dto) };
      },
    );

    app.post(
      '/api/v1/admin/item-banks/:id/items',
      {
        config: WRITE,
        bodyLimit: ITEM_BODY_LIMIT,
        schema: {
          tags,
          params: idParamsSchema,
          body: itemWriteRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), item: storedItemSchema }) },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const bank = await bankOf(agencyId, request.params.id);
        const checked = checkItemCandidate(1, request.body.code ?? null, request.body.content);
        if (!checked.ok) refuse(checked.problem.message, [checked.problem]);
        const unknown = await checkCompetencies(agencyId, [{ line: 1, item: checked.candidate.item }]);
        if (unknown.length > 0) refuse(unknown[0]?.message ?? '', unknown);
        const staff = currentStaff(request);
        const [stored] = await ctx.db
          .transaction()
          .execute(async (trx) => {
            const out = await repo.insertItems(trx, bank.id, [checked.candidate], staff.id);
            await recordAudit(trx, {
              actor: staff,
              action: 'item.create',
              targetType: 'item',
              targetId: out[0]?.itemId ?? null,
              ip: request.ip,
            });
            return out;
          })
          .catch(duplicateCode);
        if (!stored) throw new Error('item insert returned nothing');
        return { ok: true as const, item: dto(stored) };
      },
    );

    app.put(
      '/api/v1/admin/items/:id',
      {
        config: WRITE,
        bodyLimit: ITEM_BODY_LIMIT,
        schema: {
          tags,
          params: idParamsSchema,
          body: itemWriteRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), item: storedItemSchema }) },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const versions = await repo.versionsOfItem(agencyId, request.params.id);
        const latest = versions.at(-1);
        if (!latest) throw new ApiFailure('NOT_FOUND', 'Butir soal tidak ditemukan.');
        const checked = checkItemCandidate(1, latest.code, request.body.content);
        if (!checked.ok) refuse(checked.problem.message, [checked.problem]);
        if (checked.candidate.item.type !== latest.item.type)
          refuse('Tipe butir tidak dapat diubah; buat butir baru.', []);
        const unknown = await checkCompetencies(agencyId, [{ line: 1, item: checked.candidate.item }]);
        if (unknown.length > 0) refuse(unknown[0]?.message ?? '', unknown);
        const staff = currentStaff(request);
        const stored = await ctx.db.transaction().execute(async (trx) => {
          const out = await repo.addVersion(trx, latest.itemId, checked.candidate.item, staff.id);
          await recordAudit(trx, {
            actor: staff,
            action: 'item.version',
            targetType: 'item',
            targetId: latest.itemId,
            detail: { version: out.version },
            ip: request.ip,
          });
          return out;
        });
        return { ok: true as const, item: dto(stored) };
      },
    );

    app.get(
      '/api/v1/admin/items/:id/versions',
      {
        config: READ,
        schema: {
          tags,
          params: idParamsSchema,
          response: { 200: z.object({ ok: z.literal(true), versions: z.array(storedItemSchema) }) },
        },
      },
      async (request) => {
        const versions = await repo.versionsOfItem(staffAgency(request), request.params.id);
        if (versions.length === 0) throw new ApiFailure('NOT_FOUND', 'Butir soal tidak ditemukan.');
        return { ok: true as const, versions: versions.map(dto) };
      },
    );

    app.post(
      '/api/v1/admin/item-banks/:id/imports',
      {
        config: WRITE,
        schema: {
          tags,
          params: idParamsSchema,
          querystring: itemImportQuerySchema,
          response: { 200: itemImportResponseSchema },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const bank = await bankOf(agencyId, request.params.id);
        const upload = await readUpload(request);
        const { format, subtest, dryRun } = request.query;
        let raw: RawCandidate[] = [];
        let fileProblems: ItemProblem[] = [];
        if (format === 'json') {
          let parsed: unknown;
          try {
            parsed = JSON.parse(upload.data.toString('utf8'));
          } catch {
            refuse('Berkas bukan JSON yang sah.', [
              { line: 0, code: 'INVALID_FILE', message: 'Berkas bukan JSON yang sah.' },
            ]);
          }
          const file = itemBankFileSchema.safeParse(parsed);
          if (!file.success)
            refuse(`Bukan berkas bank soal petakom (${ITEM_BANK_FORMAT} versi 1).`, [
              { line: 0, code: 'INVALID_FILE', message: file.error.issues[0]?.message ?? 'format salah' },
            ]);
          raw = file.data.items.map((e, i) => ({ line: i + 1, code: e.code, content: e.content }));
        } else if (format === 'xlsx') {
          raw = (
            await readSheet(
              upload.filename.endsWith('.xlsx') ? upload.filename : `${upload.filename}.xlsx`,
              upload.mimetype,
              upload.data,
            )
          ).map((row) => ({ line: row.line, ...itemFromSheetRow(row) }));
        } else {
          const parsed = (format === 'moodle' ? parseMoodleXml : parseQti)(
            upload.data.toString('utf8'),
            subtest,
          );
          raw = parsed.candidates;
          fileProblems = parsed.problems;
        }
        const checked = checkItemCandidates(raw);
        const codes = checked.candidates.flatMap((c) => (c.code === null ? [] : [c.code]));
        const taken = new Set(
          codes.length === 0
            ? []
            : (
                await ctx.db
                  .selectFrom('items')
                  .select('code')
                  .where('item_bank_id', '=', bank.id)
                  .where('code', 'in', codes)
                  .execute()
              ).map((r) => r.code),
        );
        const clashes = checked.candidates
          .filter((c) => c.code !== null && taken.has(c.code))
          .map((c): ItemProblem => ({
            line: c.line,
            code: 'DUPLICATE_CODE',
            message: `Kode ${c.code} sudah ada di bank soal ini.`,
          }));
        const problems = [
          ...fileProblems,
          ...checked.problems,
          ...clashes,
          ...(await checkCompetencies(agencyId, checked.candidates)),
        ].sort((a, b) => a.line - b.line);
        if (problems.length > 0)
          refuse(`Berkas ditolak: ${problems.length} masalah; tidak ada butir yang diimpor.`, problems);
        if (checked.candidates.length === 0) refuse('Berkas tidak berisi butir soal.', []);
        if (dryRun)
          return {
            ok: true as const,
            format,
            imported: 0,
            dryRun,
            items: checked.candidates.map((c) => ({ line: c.line, code: c.code, versionId: null })),
          };
        const staff = currentStaff(request);
        const stored = await ctx.db
          .transaction()
          .execute(async (trx) => {
            const out = await repo.insertItems(trx, bank.id, checked.candidates, staff.id);
            await recordAudit(trx, {
              actor: staff,
              action: 'item_bank.import',
              targetType: 'item_bank',
              targetId: bank.id,
              detail: { format, filename: upload.filename, items: out.length },
              ip: request.ip,
            });
            return out;
          })
          .catch(duplicateCode);
        return {
          ok: true as const,
          format,
          imported: stored.length,
          dryRun,
          items: stored.map((s, i) => ({
            line: checked.candidates[i]?.line ?? 0,
            code: s.code,
            versionId: s.versionId,
          })),
        };
      },
    );

    app.get(
      '/api/v1/admin/item-banks/:id/export',
      { config: READ, schema: { tags, params: idParamsSchema, querystring: itemExportQuerySchema } },
      async (request, reply) => {
        const bank = await bankOf(staffAgency(request), request.params.id);
        const items = await repo.currentItems(bank.id);
        const base = `bank-soal-${bank.id.slice(0, 8)}`;
        if (request.query.format === 'xlsx') {
          const file = await writeXlsx(
            ITEM_SHEET_COLUMNS,
            items.map((s) => itemToSheetRow(s.code, s.item)),
          );
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${base}.xlsx"`)
            .send(file);
        }
        const body = {
          format: ITEM_BANK_FORMAT,
          version: 1 as const,
          items: items.map((s) => {
            const { id: _id, ...content } = s.item;
            return { code: s.code, content };
          }),
        };
        return reply
          .header('content-disposition', `attachment; filename="${base}.json"`)
          .type('application/json')
          .send(JSON.stringify(body));
      },
    );
  };
}

function duplicateCode(error: unknown): never {
  if ((error as { code?: string }).code === '23505') {
    throw new ApiFailure(
      'VALIDATION',
      'Kode butir sudah dipakai di bank soal ini; tidak ada butir yang diimpor.',
      { problems: [] },
      409,
    );
  }
  throw error;
}
