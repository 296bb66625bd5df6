// Staff results routes under /api/v1/admin: a result with its explanation, a campaign's scoring
// state (with failure reasons), rescoring and its differences, item analysis, and the individual
// report PDF. Guarded by the staff roles; rescoring and report downloads are audited.
import { errorReplySchema } from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignFor } from '../admin/campaigns/campaign-access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { ServerContext } from '../context.ts';
import { ApiFailure, handleApiFailures } from '../staff/api-failure.ts';
import { currentStaff, requireRole } from '../staff/roles.ts';
import { ReportClient } from './report-client.ts';
import { ResultsRepository } from './results.repository.ts';
import {
  attemptParams,
  campaignParams,
  diffQuery,
  explainedResultResponse,
  itemAnalysisResponse,
  registrationParams,
  rescoreBody,
  rescoreResponse,
  rescoreRunResponse,
  runParams,
  scoringListResponse,
  versionDiffResponse,
  versionQuery,
} from './results.schemas.ts';
import { ResultsService } from './results.service.ts';

const READERS = requireRole('admin', 'bkd', 'assessor');
const RESCORERS = requireRole('admin', 'bkd');
const TAGS = ['admin: scoring'];
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };

export function resultsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const repo = new ResultsRepository(ctx.db);
    const service = new ResultsService(repo);
    const reports = new ReportClient(
      { url: ctx.config.REDIS_URL, maxRetriesPerRequest: null },
      `${ctx.config.REDIS_PREFIX}bull`,
    );
    app.addHook('onClose', () => reports.close());

    app.get(
      '/api/v1/admin/results/:attemptId',
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: attemptParams,
          querystring: versionQuery,
          response: { 200: explainedResultResponse, ...errors },
        },
      },
      async (request) =>
        service.explained(request.params.attemptId, currentStaff(request).agencyId, request.query.version),
    );

    app.get(
      '/api/v1/admin/results/:attemptId/diff',
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: attemptParams,
          querystring: diffQuery,
          response: { 200: versionDiffResponse, ...errors },
        },
      },
      async (request) =>
        service.versionDiff(
          request.params.attemptId,
          currentStaff(request).agencyId,
          request.query.from,
          request.query.to,
        ),
    );

    app.get(
      '/api/v1/admin/campaigns/:campaignId/scoring',
      {
        config: READERS,
        schema: { tags: TAGS, params: campaignParams, response: { 200: scoringListResponse, ...errors } },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return service.campaignScoring(request.params.campaignId);
      },
    );

    app.post(
      '/api/v1/admin/campaigns/:campaignId/scoring/rescore',
      {
        config: RESCORERS,
        schema: {
          tags: TAGS,
          params: campaignParams,
          body: rescoreBody,
          response: { 202: rescoreResponse, ...errors },
        },
      },
      async (request, reply) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        const staff = currentStaff(request);
        const run = await ctx.db.transaction().execute(async (trx) => {
          const created = await new ResultsRepository(trx).createRescoreRun(
            campaign.id,
            staff.id,
            request.body.reason,
          );
          await recordAudit(trx, {
            actor: staff,
            action: 'results.rescore',
            targetType: 'campaign',
            targetId: campaign.id,
            reason: request.body.reason,
            detail: { runId: created.id },
            ip: request.ip,
          });
          return created;
        });
        await ctx.queues.scoring.add(
          'rescore-campaign',
          { runId: run.id },
          { jobId: `rescore-${run.id}`, attempts: 3 },
        );
        return reply.code(202).send({ runId: run.id, requestedAt: run.requested_at.toISOString() });
      },
    );

    app.get(
      '/api/v1/admin/campaigns/:campaignId/scoring/rescore/:runId',
      {
        config: READERS,
        schema: { tags: TAGS, params: runParams, response: { 200: rescoreRunResponse, ...errors } },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return service.rescoreRun(request.params.campaignId, request.params.runId);
      },
    );

    app.get(
      '/api/v1/admin/campaigns/:campaignId/item-analysis',
      {
        config: READERS,
        schema: { tags: TAGS, params: campaignParams, response: { 200: itemAnalysisResponse, ...errors } },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return service.itemAnalysis(request.params.campaignId);
      },
    );

    app.get(
      '/api/v1/admin/registrations/:registrationId/report.pdf',
      { config: READERS, schema: { tags: TAGS, params: registrationParams } },
      async (request, reply) => {
        const reg = await ctx.db
          .selectFrom('registrations')
          .select(['campaign_id'])
          .where('id', '=', request.params.registrationId)
          .executeTakeFirst();
        if (!reg) throw new ApiFailure('NOT_FOUND', 'Pendaftaran tidak ditemukan.');
        await campaignFor(ctx.db, request, reg.campaign_id);
        const report = await reports.individual(request.params.registrationId);
        // The report is confidential: every download is on the record.
        await recordAudit(ctx.db, {
          actor: currentStaff(request),
          action: 'results.report.download',
          targetType: 'registration',
          targetId: request.params.registrationId,
          detail: { resultVersion: report.resultVersion },
          ip: request.ip,
        });
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="laporan-individu-${request.params.registrationId}.pdf"`,
          )
          .send(report.pdf);
      },
    );
  };
}
