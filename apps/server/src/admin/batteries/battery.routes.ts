// /api/v1/admin/batteries: build batteries from bank items (chosen by competency and type), check
// them with the domain blueprint rules, and preview exactly what a participant sees for a seed.
import {
  ITEM_TYPE_OF_SECTION,
  applyOptionOrder,
  batterySchema,
  buildForm,
  defaultBlueprintSpec,
  defaultScoringModel,
  participantView,
  scoringModelSchema,
  seededRandom,
  shuffle,
  validateBattery,
  type Battery,
  type BlueprintProblem,
  type Item,
  type ScoringModel,
} from '@petakom/domain';
import {
  batteryPickRequestSchema,
  batteryPreviewQuerySchema,
  batterySchemaDto,
  batteryValidateRequestSchema,
  batteryValidationResponseSchema,
  batteryWriteRequestSchema,
  idParamsSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import type { ServerContext } from '../../context.ts';
import { ApiFailure, handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole, staffAgency } from '../../staff/roles.ts';
import { ItemBankRepository } from '../item-banks/item-bank.repository.ts';

const READ = requireRole('admin', 'bkd', 'assessor');
const WRITE = requireRole('admin', 'bkd');
const tags = ['admin: batteries'];

export function batteryRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const items = new ItemBankRepository(ctx.db);

    /** Parses the battery and its scoring model and lists every blueprint problem. */
    const check = async (
      agencyId: string,
      input: { blueprint: unknown; scoringModel?: unknown; spec: 'default' | 'free' },
    ): Promise<{
      battery: Battery;
      model: ScoringModel;
      problems: BlueprintProblem[];
      byId: Map<string, Item>;
    }> => {
      const battery = batterySchema.safeParse(input.blueprint);
      if (!battery.success) {
        const issue = battery.error.issues[0];
        throw new ApiFailure(
          'VALIDATION',
          `blueprint.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'tidak sah'}`,
        );
      }
      const model = scoringModelSchema.safeParse(input.scoringModel ?? defaultScoringModel);
      if (!model.success) {
        const issue = model.error.issues[0];
        throw new ApiFailure(
          'VALIDATION',
          `scoringModel.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'tidak sah'}`,
        );
      }
      const stored = await items.versionsById(
        agencyId,
        battery.data.sections.flatMap((s) => s.itemIds),
      );
      const byId = new Map([...stored.values()].map((s) => [s.versionId, s.item]));
      const problems = validateBattery(
        battery.data,
        byId,
        input.spec === 'default' ? defaultBlueprintSpec : null,
      );
      return { battery: battery.data, model: model.data, problems, byId };
    };

    const dto = (row: { id: string; name: string; blueprint: unknown; scoring_model: unknown }) => ({
      id: row.id,
      name: row.name,
      blueprint: row.blueprint as Record<string, unknown>,
      scoringModel: row.scoring_model as Record<string, unknown>,
    });

    app.get(
      '/api/v1/admin/batteries',
      {
        config: READ,
        schema: {
          tags,
          response: { 200: z.object({ ok: z.literal(true), batteries: z.array(batterySchemaDto) }) },
        },
      },
      async (request) => {
        const rows = await ctx.db
          .selectFrom('batteries')
          .select(['id', 'name', 'blueprint', 'scoring_model'])
          .where('agency_id', '=', staffAgency(request))
          .orderBy('name')
          .execute();
        return { ok: true as const, batteries: rows.map(dto) };
      },
    );

    app.post(
      '/api/v1/admin/batteries/validate',
      {
        config: READ,
        schema: {
          tags,
          body: batteryValidateRequestSchema,
          response: { 200: batteryValidationResponseSchema },
        },
      },
      async (request) => {
        const { problems } = await check(staffAgency(request), request.body);
        return { ok: true as const, valid: problems.length === 0, problems };
      },
    );

    app.post(
      '/api/v1/admin/batteries/pick',
      {
        config: WRITE,
        schema: {
          tags,
          body: batteryPickRequestSchema,
          response: {
            200: z.object({
              ok: z.literal(true),
              itemIds: z.array(z.string()),
              shortfalls: z.array(z.object({ subject: z.string(), wanted: z.number(), found: z.number() })),
            }),
          },
        },
      },
      async (request) => {
        const agencyId = staffAgency(request);
        const body = request.body;
        const bank = await items.findBank(agencyId, body.itemBankId);
        if (!bank) throw new ApiFailure('NOT_FOUND', 'Bank soal tidak ditemukan.');
        const type = ITEM_TYPE_OF_SECTION[body.kind];
        const pool = (await items.currentItems(bank.id)).map((s) => s.item).filter((i) => i.type === type);
        const groups: { subject: string; wanted: number; of: Item[] }[] = [];
        if (body.kind === 'potensi') {
          for (const [subtest, wanted] of Object.entries(body.perSubtest ?? {})) {
            groups.push({
              subject: subtest,
              wanted,
              of: pool.filter((i) => i.type === 'single_choice' && i.subtest === subtest),
            });
          }
        } else {
          const spec = defaultBlueprintSpec.sections.find((s) => s.kind === body.kind);
          const competencies = body.competencies ?? [...(spec?.competencies ?? [])];
          const wanted = body.perCompetency ?? spec?.perCompetency ?? 1;
          for (const code of competencies)
            groups.push({
              subject: code,
              wanted,
              of: pool.filter((i) => i.type !== 'single_choice' && i.competency === code),
            });
        }
        const itemIds: string[] = [];
        const shortfalls: { subject: string; wanted: number; found: number }[] = [];
        for (const g of groups) {
          const chosen = shuffle(g.of, seededRandom(`${body.seed}\u0000${g.subject}`)).slice(0, g.wanted);
          if (chosen.length < g.wanted)
            shortfalls.push({ subject: g.subject, wanted: g.wanted, found: chosen.length });
          itemIds.push(...chosen.map((i) => i.id));
        }
        return { ok: true as const, itemIds, shortfalls };
      },
    );

    const save = async (
      request: { ip: string },
      agencyId: string,
      staffId: Parameters<typeof recordAudit>[1]['actor'],
      body: z.infer<typeof batteryWriteRequestSchema>,
      id: string | null,
    ) => {
      const { battery, model, problems } = await check(agencyId, body);
      if (problems.length > 0) {
        throw new ApiFailure('VALIDATION', `Baterai belum memenuhi cetak biru: ${problems.length} masalah.`, {
          problems,
        });
      }
      return ctx.db.transaction().execute(async (trx) => {
        const values = {
          name: body.name,
          blueprint: JSON.stringify(battery),
          scoring_model: JSON.stringify(model),
        };
        const row =
          id === null
            ? await trx
                .insertInto('batteries')
                .values({ agency_id: agencyId, ...values })
                .returning(['id', 'name', 'blueprint', 'scoring_model'])
                .executeTakeFirstOrThrow()
            : await trx
                .updateTable('batteries')
                .set(values)
                .where('id', '=', id)
                .where('agency_id', '=', agencyId)
                .returning(['id', 'name', 'blueprint', 'scoring_model'])
                .executeTakeFirst();
        if (!row) throw new ApiFailure('NOT_FOUND', 'Baterai tidak ditemukan.');
        await recordAudit(trx, {
          actor: staffId,
          action: id === null ? 'battery.create' : 'battery.update',
          targetType: 'battery',
          targetId: row.id,
          detail: {
            sections: battery.sections.length,
            items: battery.sections.reduce((n, s) => n + s.itemIds.length, 0),
          },
          ip: request.ip,
        });
        return dto(row);
      });
    };

    app.post(
      '/api/v1/admin/batteries',
      {
        config: WRITE,
        schema: {
          tags,
          body: batteryWriteRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), battery: batterySchemaDto }) },
        },
      },
      async (request) => ({
        ok: true as const,
        battery: await save(request, staffAgency(request), currentStaff(request), request.body, null),
      }),
    );

    app.put(
      '/api/v1/admin/batteries/:id',
      {
        config: WRITE,
        schema: {
          tags,
          params: idParamsSchema,
          body: batteryWriteRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), battery: batterySchemaDto }) },
        },
      },
      async (request) => {
        // a battery already used by a campaign is the record of what was tested: it stays as it is
        const used = await ctx.db
          .selectFrom('campaigns')
          .select('id')
          .where('battery_id', '=', request.params.id)
          .executeTakeFirst();
        if (used)
          throw new ApiFailure(
            'VALIDATION',
            'Baterai sudah dipakai kampanye; buat baterai baru.',
            undefined,
            409,
          );
        return {
          ok: true as const,
          battery: await save(
            request,
            staffAgency(request),
            currentStaff(request),
            request.body,
            request.params.id,
          ),
        };
      },
    );

    app.get(
      '/api/v1/admin/batteries/:id/preview',
      { config: READ, schema: { tags, params: idParamsSchema, querystring: batteryPreviewQuerySchema } },
      async (request) => {
        const agencyId = staffAgency(request);
        const row = await ctx.db
          .selectFrom('batteries')
          .select(['blueprint'])
          .where('id', '=', request.params.id)
          .where('agency_id', '=', agencyId)
          .executeTakeFirst();
        if (!row) throw new ApiFailure('NOT_FOUND', 'Baterai tidak ditemukan.');
        const battery = batterySchema.parse(row.blueprint);
        const stored = await items.versionsById(
          agencyId,
          battery.sections.flatMap((s) => s.itemIds),
        );
        const byId = new Map([...stored.values()].map((s) => [s.versionId, s.item]));
        const form = buildForm(battery, request.query.seed, byId);
        // Exactly the participant's path: the form's order, the keyless view, the form's option order.
        return {
          ok: true as const,
          seed: request.query.seed,
          sections: battery.sections.map((section, i) => {
            const fs = form.sections[i];
            return {
              key: section.key,
              title: section.title,
              kind: section.kind,
              timeLimitSec: section.timeLimitSec,
              instructions: section.instructions,
              items: (fs?.itemIds ?? []).map((id) => {
                const item = byId.get(id);
                if (!item) throw new ApiFailure('NOT_FOUND', `Butir ${id} tidak ditemukan.`);
                return applyOptionOrder(participantView(item), fs?.optionOrder[id]);
              }),
            };
          }),
        };
      },
    );
  };
}
