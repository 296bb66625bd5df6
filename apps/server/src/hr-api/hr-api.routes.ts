// /api/v1/hr — the read-only results API for HR information systems (API key; each key reads only
// its own agency's published results), and the staff routes that manage its clients
// (/api/v1/admin/api-clients).
import type { Database } from '@petakom/db';
import {
  HR_API_KEY_HEADER,
  apiClientCreateSchema,
  apiClientCreatedSchema,
  apiClientListQuerySchema,
  apiClientListSchema,
  apiClientParamsSchema,
  apiClientRevokeSchema,
  errorReply,
  errorReplySchema,
  hrResultsPageSchema,
  hrResultsQuerySchema,
  okResponseSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { CampaignResultsRepository } from '../admin/publication/campaign-results.repository.ts';
import { validUntil } from '../admin/publication/publication.service.ts';
import { ApiFailure, handleApiFailures } from '../staff/api-failure.ts';
import { currentStaff, requireRole } from '../staff/roles.ts';
import { ApiClientsService } from './api-clients.service.ts';
import { HR_READ_SCOPE, authenticateApiKey, type ApiClientPrincipal } from './api-keys.ts';

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };

declare module 'fastify' {
  interface FastifyRequest {
    apiClient: ApiClientPrincipal | null;
  }
}

export function hrApiRoutes(db: Kysely<Database>): FastifyPluginAsyncZod {
  return async (app) => {
    handleApiFailures(app);

    const clients = new ApiClientsService(db);

    app.get(
      '/api/v1/admin/api-clients',
      {
        config: requireRole('admin'),
        schema: {
          tags: ['admin: HR API'],
          summary: "The agency's registered HR systems, revoked ones included (no keys or secrets)",
          querystring: apiClientListQuerySchema,
          response: { 200: apiClientListSchema, ...errors },
        },
      },
      async (request) => ({
        ok: true as const,
        clients: await clients.list(currentStaff(request), request.query.agencyId),
      }),
    );

    app.post(
      '/api/v1/admin/api-clients',
      {
        config: requireRole('admin'),
        schema: {
          tags: ['admin: HR API'],
          summary:
            'Register an HR system of your agency: returns its API key (once) and its webhook secret (once)',
          body: apiClientCreateSchema,
          response: { 200: apiClientCreatedSchema, ...errors, 409: errorReplySchema },
        },
      },
      async (request) => ({
        ok: true as const,
        ...(await clients.create(currentStaff(request), request.body)),
      }),
    );

    app.delete(
      '/api/v1/admin/api-clients/:clientId',
      {
        config: requireRole('admin'),
        schema: {
          tags: ['admin: HR API'],
          summary: 'Revoke an HR system of your agency: its key stops working and its webhooks stop',
          params: apiClientParamsSchema,
          body: apiClientRevokeSchema,
          response: { 200: okResponseSchema, ...errors },
        },
      },
      async (request) => {
        await clients.revoke(currentStaff(request), request.params.clientId, request.body?.reason);
        return { ok: true as const };
      },
    );

    await app.register(async (hr) => {
      hr.decorateRequest('apiClient', null);
      hr.addHook('onRequest', async (request, reply) => {
        const header = request.headers[HR_API_KEY_HEADER];
        const auth = request.headers.authorization;
        const key =
          typeof header === 'string'
            ? header
            : auth?.startsWith('Bearer ')
              ? auth.slice('Bearer '.length)
              : undefined;
        const client = await authenticateApiKey(db, key);
        if (!client)
          return reply.code(401).send(errorReply('UNAUTHENTICATED', 'API key missing, unknown or revoked.'));
        if (!client.scopes.includes(HR_READ_SCOPE))
          return reply.code(403).send(errorReply('FORBIDDEN', 'scope results:read required'));
        request.apiClient = client;
      });

      hr.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().get(
        '/api/v1/hr/results',
        {
          schema: {
            tags: ['HR API'],
            summary: 'Published results with their validity period, page by page (API key)',
            querystring: hrResultsQuerySchema,
            response: { 200: hrResultsPageSchema, ...errors },
          },
        },
        async (request) => {
          const { campaignId, page, pageSize } = request.query;
          const client = request.apiClient;
          if (!client) throw new ApiFailure('UNAUTHENTICATED', 'API key missing, unknown or revoked.');
          let base = db
            .selectFrom('publications as pub')
            .innerJoin('results as res', 'res.id', 'pub.result_id')
            .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
            .innerJoin('participants as p', 'p.id', 'a.participant_id')
            .innerJoin('units as u', 'u.id', 'p.unit_id')
            .innerJoin('positions as pos', 'pos.id', 'p.position_id')
            .innerJoin('campaigns as c', 'c.id', 'pub.campaign_id')
            .where('pub.withdrawn_at', 'is', null)
            // a key reads its own agency's results only, whatever campaignId it asks for
            .where('c.agency_id', '=', client.agencyId);
          if (campaignId) base = base.where('pub.campaign_id', '=', campaignId);
          const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
          const rows = await base
            .select([
              'res.id as resultId',
              'c.id as campaignId',
              'c.validity_years',
              'p.nip',
              'p.full_name',
              'u.name as unitName',
              'pos.name as positionName',
              'pos.jenjang',
              'res.jpm',
              'res.category',
              'res.nine_box',
              'pub.published_at',
            ])
            .orderBy('pub.published_at')
            .orderBy('pub.id')
            .limit(pageSize)
            .offset((page - 1) * pageSize)
            .execute();
          const comps = await new CampaignResultsRepository(db).competencies(rows.map((r) => r.resultId));
          const byResult = new Map<string, typeof comps>();
          for (const c of comps) byResult.set(c.resultId, [...(byResult.get(c.resultId) ?? []), c]);
          return {
            ok: true as const,
            page,
            pageSize,
            total: Number(total.n),
            results: rows.map((r) => ({
              resultId: r.resultId,
              campaignId: r.campaignId,
              nip: r.nip,
              fullName: r.full_name,
              unitName: r.unitName,
              positionName: r.positionName,
              jenjang: r.jenjang,
              jpm: r.jpm === null ? null : Number(r.jpm),
              category: r.category,
              nineBox: r.nine_box,
              competencies: (byResult.get(r.resultId) ?? []).map((c) => ({
                code: c.code,
                score: c.score,
                level: c.level,
                requiredLevel: c.requiredLevel,
                gap: c.gap,
              })),
              publishedAt: r.published_at.toISOString(),
              validFrom: r.published_at.toISOString(),
              validUntil: validUntil(r.published_at, r.validity_years).toISOString(),
            })),
          };
        },
      );
    });
  };
}
