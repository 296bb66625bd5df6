// /api/v1/admin/campaigns — the agency's campaigns (list, create, edit) and, under :campaignId,
// scheduling, pengawas, kartu peserta, reschedule, dashboard.
import {
  campaignCreateRequestSchema,
  campaignListResponseSchema,
  campaignParamsSchema,
  campaignResponseSchema,
  campaignUpdateRequestSchema,
  cardsQuerySchema,
  dashboardResponseSchema,
  errorReplySchema,
  okResponseSchema,
  proctorAssignRequestSchema,
  rescheduleParamsSchema,
  rescheduleRequestSchema,
  rescheduleResponseSchema,
  scheduleRequestSchema,
  scheduleResponseSchema,
  sessionListResponseSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole, staffAgency } from '../../staff/roles.ts';
import { loadKartuPeserta, renderKartuPeserta } from '../scheduling/kartu-peserta.ts';
import { SchedulingService } from '../scheduling/scheduling.service.ts';
import { campaignFor } from './campaign-access.ts';
import { CampaignProgressService } from './campaign-progress.service.ts';
import { CampaignSetupService } from './campaign-setup.service.ts';

const BASE = '/api/v1/admin/campaigns/:campaignId';
const errors = {
  400: errorReplySchema,
  401: errorReplySchema,
  403: errorReplySchema,
  404: errorReplySchema,
  409: errorReplySchema,
};
const PLANNERS = requireRole('admin', 'bkd');
const READERS = requireRole('admin', 'bkd', 'assessor');

export function campaignRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const scheduling = new SchedulingService(ctx.db, ctx.config.PETAKOM_TZ);
    const progress = new CampaignProgressService(ctx.db);
    const setup = new CampaignSetupService(ctx.db);

    app.get(
      '/api/v1/admin/campaigns',
      {
        config: READERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: "The agency's campaigns with battery, exam dates, sessions and registrations",
          response: { 200: campaignListResponseSchema, ...errors },
        },
      },
      async (request) => ({
        ok: true as const,
        campaigns: await setup.list(currentStaff(request).agencyId),
      }),
    );

    app.post(
      '/api/v1/admin/campaigns',
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: "Create a campaign on one of the agency's batteries (audited)",
          body: campaignCreateRequestSchema,
          response: { 200: campaignResponseSchema, ...errors },
        },
      },
      async (request) => ({
        ok: true as const,
        campaign: await setup.create(currentStaff(request), staffAgency(request), request.body),
      }),
    );

    app.get(
      BASE,
      {
        config: READERS,
        schema: {
          tags: ['admin: campaigns'],
          params: campaignParamsSchema,
          response: { 200: campaignResponseSchema, ...errors },
        },
      },
      async (request) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        return { ok: true as const, campaign: await setup.get(null, campaign.id) };
      },
    );

    app.patch(
      BASE,
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: 'Rename, change status or set the laporan penyelenggaraan details (audited)',
          params: campaignParamsSchema,
          body: campaignUpdateRequestSchema,
          response: { 200: campaignResponseSchema, ...errors },
        },
      },
      async (request) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        return {
          ok: true as const,
          campaign: await setup.update(currentStaff(request), campaign.id, request.body),
        };
      },
    );

    app.post(
      `${BASE}/schedule`,
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: 'Create sessions and seat the roster (units kept together, capacity respected)',
          params: campaignParamsSchema,
          body: scheduleRequestSchema,
          response: { 200: scheduleResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return scheduling.schedule(currentStaff(request), request.params.campaignId, request.body);
      },
    );

    app.get(
      `${BASE}/sessions`,
      {
        config: READERS,
        schema: {
          tags: ['admin: campaigns'],
          params: campaignParamsSchema,
          response: { 200: sessionListResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return { ok: true as const, sessions: await progress.sessions(request.params.campaignId) };
      },
    );

    app.put(
      `${BASE}/sessions/:sessionId/proctors`,
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          params: z.object({ campaignId: z.uuid(), sessionId: z.uuid() }),
          body: proctorAssignRequestSchema,
          response: { 200: okResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { campaignId, sessionId } = request.params;
        await campaignFor(ctx.db, request, campaignId);
        await scheduling.assignSessionProctors(
          currentStaff(request),
          campaignId,
          sessionId,
          request.body.staffUserIds,
        );
        return { ok: true as const };
      },
    );

    app.get(
      `${BASE}/kartu-peserta.pdf`,
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: 'Kartu peserta (PDF) of the campaign, one session or one participant',
          params: campaignParamsSchema,
          querystring: cardsQuerySchema,
        },
      },
      async (request, reply) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        const { cards } = await loadKartuPeserta(ctx.db, campaign.id, request.query);
        const pdf = await renderKartuPeserta(campaign.name, cards, ctx.config.PETAKOM_TZ);
        return reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="kartu-peserta.pdf"')
          .send(pdf);
      },
    );

    app.post(
      `${BASE}/registrations/:registrationId/reschedule`,
      {
        config: PLANNERS,
        schema: {
          tags: ['admin: campaigns'],
          params: rescheduleParamsSchema,
          body: rescheduleRequestSchema,
          response: { 200: rescheduleResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { campaignId, registrationId } = request.params;
        await campaignFor(ctx.db, request, campaignId);
        const moved = await scheduling.reschedule(
          currentStaff(request),
          campaignId,
          registrationId,
          request.body.sessionId,
          request.body.reason,
        );
        return { ok: true as const, ...moved };
      },
    );

    app.get(
      `${BASE}/dashboard`,
      {
        config: READERS,
        schema: {
          tags: ['admin: campaigns'],
          summary: 'Live progress: sessions done, attendance, in progress, absent (ready to reschedule)',
          params: campaignParamsSchema,
          response: { 200: dashboardResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return progress.dashboard(request.params.campaignId);
      },
    );
  };
}
