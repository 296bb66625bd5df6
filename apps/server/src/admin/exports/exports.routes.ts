// /api/v1/admin/campaigns/:campaignId/exports — XLSX of results and gaps, the laporan
// penyelenggaraan PDF, and the zip of all individual reports (a worker job: start, poll, download).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  campaignParamsSchema,
  errorReplySchema,
  exportJobParamsSchema,
  exportJobStartedSchema,
  exportJobStatusSchema,
  type ExportJobStatus,
} from '@petakom/protocol';
import { Job, Queue } from 'bullmq';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { recordAudit } from '../../audit/audit.ts';
import { ApiFailure, handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole } from '../../staff/roles.ts';
import { campaignFor } from '../campaigns/campaign-access.ts';
import { CampaignResultsRepository } from '../publication/campaign-results.repository.ts';
import { loadLaporan, renderLaporan } from './laporan-penyelenggaraan.ts';
import { resultsWorkbook } from './results-workbook.ts';

/** Shared with apps/worker/src/exports/reports-zip.worker.ts. */
export const EXPORTS_QUEUE = 'exports';
export const REPORTS_ZIP_JOB = 'reports-zip';

const BASE = '/api/v1/admin/campaigns/:campaignId/exports';
const EXPORTERS = requireRole('admin', 'bkd');
const TAGS = ['admin: exports'];
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };
const progressSchema = z.object({ done: z.number().int(), total: z.number().int() });
const outputSchema = z.object({ fileName: z.string(), files: z.number().int(), bytes: z.number().int() });
const jobDataSchema = z.object({ campaignId: z.string() });

export function exportRoutes(ctx: ServerContext, exportDir: string): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const repo = new CampaignResultsRepository(ctx.db);
    const queue = new Queue(EXPORTS_QUEUE, {
      connection: { url: ctx.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: `${ctx.config.REDIS_PREFIX}bull`,
      defaultJobOptions: {
        attempts: 2,
        backoff: { type: 'fixed', delay: 10_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    app.addHook('onClose', () => queue.close());

    app.get(
      `${BASE}/results.xlsx`,
      {
        config: EXPORTERS,
        schema: { tags: TAGS, summary: 'Results and gaps (XLSX)', params: campaignParamsSchema },
      },
      async (request, reply) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        const xlsx = await resultsWorkbook(repo, campaign.id, campaign.name);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="hasil-pemetaan.xlsx"')
          .send(xlsx);
      },
    );

    app.get(
      `${BASE}/laporan-penyelenggaraan.pdf`,
      {
        config: EXPORTERS,
        schema: { tags: TAGS, summary: 'Organiser report (PDF)', params: campaignParamsSchema },
      },
      async (request, reply) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        const pdf = await renderLaporan(await loadLaporan(ctx.db, campaign));
        return reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="laporan-penyelenggaraan.pdf"')
          .send(pdf);
      },
    );

    app.post(
      `${BASE}/reports-zip`,
      {
        config: EXPORTERS,
        schema: {
          tags: TAGS,
          summary: 'Start building the zip of every individual report (worker job)',
          params: campaignParamsSchema,
          response: { 200: exportJobStartedSchema, ...errors },
        },
      },
      async (request) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        const staff = currentStaff(request);
        const jobId = `reports-zip-${campaign.id}-${Date.now()}`;
        await queue.add(REPORTS_ZIP_JOB, { campaignId: campaign.id, requestedBy: staff.id }, { jobId });
        await recordAudit(ctx.db, {
          actor: staff,
          action: 'export.reports_zip',
          targetType: 'campaign',
          targetId: campaign.id,
          detail: { jobId },
        });
        return { ok: true as const, jobId };
      },
    );

    const jobOf = async (campaignId: string, jobId: string) => {
      const job = await Job.fromId(queue, jobId);
      const data = jobDataSchema.safeParse(job?.data);
      if (!job || !data.success || data.data.campaignId !== campaignId) {
        throw new ApiFailure('NOT_FOUND', 'Pekerjaan ekspor tidak ditemukan.');
      }
      return job;
    };

    app.get(
      `${BASE}/jobs/:jobId`,
      {
        config: EXPORTERS,
        schema: {
          tags: TAGS,
          params: exportJobParamsSchema,
          response: { 200: exportJobStatusSchema, ...errors },
        },
      },
      async (request): Promise<ExportJobStatus> => {
        const { campaignId, jobId } = request.params;
        await campaignFor(ctx.db, request, campaignId);
        const job = await jobOf(campaignId, jobId);
        const state = await job.getState();
        const progress = progressSchema.safeParse(job.progress);
        const { done, total } = progress.success ? progress.data : { done: 0, total: 0 };
        const finished = state === 'completed';
        return {
          ok: true,
          jobId,
          state:
            (['waiting', 'active', 'completed', 'failed', 'delayed'] as const).find((s) => s === state) ??
            'unknown',
          progress: finished ? 100 : total === 0 ? 0 : Math.floor((done / total) * 100),
          done,
          total,
          downloadUrl: finished
            ? `/api/v1/admin/campaigns/${campaignId}/exports/jobs/${jobId}/download`
            : null,
          error: state === 'failed' ? (job.failedReason ?? 'gagal') : null,
        };
      },
    );

    app.get(
      `${BASE}/jobs/:jobId/download`,
      {
        config: EXPORTERS,
        schema: { tags: TAGS, summary: 'The finished zip', params: exportJobParamsSchema },
      },
      async (request, reply) => {
        const { campaignId, jobId } = request.params;
        await campaignFor(ctx.db, request, campaignId);
        const job = await jobOf(campaignId, jobId);
        const output = outputSchema.safeParse(job.returnvalue);
        if ((await job.getState()) !== 'completed' || !output.success) {
          throw new ApiFailure('NOT_FOUND', 'Arsip belum selesai dibuat.');
        }
        const path = join(exportDir, output.data.fileName);
        const info = await stat(path).catch(() => null);
        if (!info) throw new ApiFailure('NOT_FOUND', 'Arsip sudah tidak tersedia; buat ulang.');
        return reply
          .type('application/zip')
          .header('content-length', info.size)
          .header('content-disposition', 'attachment; filename="laporan-individu.zip"')
          .send(createReadStream(path));
      },
    );
  };
}
