// /api/v1/admin/campaigns/:campaignId/results… — table, reviews, approve+publish, charts; and the
// participant side of publication (results login, own result, own report PDF).
import {
  campaignParamsSchema,
  categoriesByUnitResponseSchema,
  chartQuerySchema,
  errorReplySchema,
  heatmapResponseSchema,
  nineBoxResponseSchema,
  publishRequestSchema,
  publishResponseSchema,
  resultsPageSchema,
  resultsQuerySchema,
  reviewListSchema,
  reviewParamsSchema,
  reviewRequestSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { handleApiFailures } from '../../staff/api-failure.ts';
import { currentStaff, requireRole } from '../../staff/roles.ts';
import { campaignFor } from '../campaigns/campaign-access.ts';
import { CampaignResultsRepository } from './campaign-results.repository.ts';
import { CampaignResultsService } from './campaign-results.service.ts';
import { participantResultsRoutes } from './participant-results.routes.ts';
import type { PublicationService } from './publication.service.ts';

const BASE = '/api/v1/admin/campaigns/:campaignId';
const errors = {
  400: errorReplySchema,
  401: errorReplySchema,
  403: errorReplySchema,
  404: errorReplySchema,
  409: errorReplySchema,
};
const READERS = requireRole('admin', 'bkd', 'assessor');
const REVIEWERS = requireRole('admin', 'assessor');
const PUBLISHERS = requireRole('admin', 'bkd');
const TAGS = ['admin: results'];

export function publicationRoutes(
  ctx: ServerContext,
  publication: PublicationService,
): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);
    const results = new CampaignResultsService(new CampaignResultsRepository(ctx.db));

    app.get(
      `${BASE}/results`,
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: campaignParamsSchema,
          querystring: resultsQuerySchema,
          response: { 200: resultsPageSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return results.table(request.params.campaignId, request.query);
      },
    );

    app.get(
      `${BASE}/results/nine-box`,
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: campaignParamsSchema,
          querystring: chartQuerySchema,
          response: { 200: nineBoxResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return results.nineBox(request.params.campaignId, request.query.unitId);
      },
    );

    app.get(
      `${BASE}/results/categories-by-unit`,
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: campaignParamsSchema,
          response: { 200: categoriesByUnitResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return results.categoriesByUnit(request.params.campaignId);
      },
    );

    app.get(
      `${BASE}/results/heatmap`,
      {
        config: READERS,
        schema: {
          tags: TAGS,
          params: campaignParamsSchema,
          response: { 200: heatmapResponseSchema, ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return results.heatmap(request.params.campaignId);
      },
    );

    app.get(
      `${BASE}/results/:resultId/reviews`,
      {
        config: READERS,
        schema: { tags: TAGS, params: reviewParamsSchema, response: { 200: reviewListSchema, ...errors } },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        return {
          ok: true as const,
          reviews: await publication.reviews(request.params.campaignId, request.params.resultId),
        };
      },
    );

    app.post(
      `${BASE}/results/:resultId/reviews`,
      {
        config: REVIEWERS,
        schema: {
          tags: TAGS,
          summary: "An assessor's review (agree, disagree = second opinion, note) with a comment",
          params: reviewParamsSchema,
          body: reviewRequestSchema,
          response: { 200: z.object({ ok: z.literal(true), id: z.string() }), ...errors },
        },
      },
      async (request) => {
        await campaignFor(ctx.db, request, request.params.campaignId);
        const id = await publication.addReview(
          currentStaff(request),
          request.params.campaignId,
          request.params.resultId,
          request.body,
        );
        return { ok: true as const, id };
      },
    );

    app.post(
      `${BASE}/publication`,
      {
        config: PUBLISHERS,
        schema: {
          tags: TAGS,
          summary: 'Approve and publish current results as one audited act (webhooks follow)',
          params: campaignParamsSchema,
          body: publishRequestSchema,
          response: { 200: publishResponseSchema, ...errors },
        },
      },
      async (request) => {
        const campaign = await campaignFor(ctx.db, request, request.params.campaignId);
        return publication.publish(currentStaff(request), campaign, request.body, request.ip);
      },
    );

    await app.register(participantResultsRoutes(ctx, publication));
  };
}
