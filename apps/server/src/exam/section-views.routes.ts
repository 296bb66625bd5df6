// GET /api/v1/participant/views/:batteryId/:sectionKey: a section's participant views for the
// participant's own battery, built once per process and served from memory (gzip when accepted),
// with a strong ETag and immutable caching so a browser fetches them once per battery section.
import { MAX_ID_CHARS, errorReply, errorReplySchema, sectionViewsSchema } from '@petakom/protocol';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import {
  SectionNotFound,
  type BuiltSectionViews,
  type SectionViewsService,
} from './section-views.service.ts';

// The URL carries the version (`?v=`) in the web app, so a changed battery is a new URL: immutable is safe.
const CACHE_CONTROL = 'private, max-age=86400, immutable';

/** Whether `Accept-Encoding` takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether `If-None-Match` names either representation of these views (weak comparison, RFC 9110 13.1.2). */
function notModified(header: string | undefined, views: BuiltSectionViews): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === views.etag || tag === views.gzipEtag;
  });
}

export function sectionViewsRoutes(
  ctx: ServerContext,
  sectionViews: SectionViewsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/participant/views/:batteryId/:sectionKey',
      {
        schema: {
          tags: ['participant'],
          summary:
            "A section's participant views (no keys, no weights) for the bearer's own battery; ETag, gzip, immutable",
          params: z.object({
            batteryId: z.string().min(1).max(MAX_ID_CHARS),
            sectionKey: z.string().min(1).max(MAX_ID_CHARS),
          }),
          querystring: z.object({ v: z.string().max(MAX_ID_CHARS).optional() }),
          response: {
            200: sectionViewsSchema,
            401: errorReplySchema,
            403: errorReplySchema,
            404: errorReplySchema,
          },
        },
      },
      async (request, reply) => {
        const authorization = request.headers.authorization;
        const verified = authorization?.startsWith('Bearer ')
          ? await ctx.tokens.verifyParticipant(authorization.slice('Bearer '.length))
          : ({ ok: false, code: 'UNAUTHENTICATED' } as const);
        if (!verified.ok) return reply.code(401).send(errorReply(verified.code, 'access token refused'));
        const { attemptId } = verified.claims;
        const { batteryId, sectionKey } = request.params;
        const own = await ctx.store.batteryOf(attemptId);
        if (own === null) return reply.code(404).send(errorReply('NOT_FOUND', 'attempt not prepared'));
        if (own !== batteryId)
          return reply.code(403).send(errorReply('FORBIDDEN', 'views of another battery'));

        let views: BuiltSectionViews;
        try {
          views = await sectionViews.get(batteryId, sectionKey, async () => {
            const record = await ctx.store.readAttempt(attemptId);
            const section = record?.sections.find((s) => s.key === sectionKey);
            return section ? section.order.map((o) => o.itemId) : null;
          });
        } catch (err) {
          if (err instanceof SectionNotFound)
            return reply.code(404).send(errorReply('NOT_FOUND', 'no such section'));
          throw err;
        }

        const gzip = acceptsGzip(request.headers['accept-encoding']);
        // The body is bytes built once, not an object the route schema would serialise.
        const raw = reply as unknown as FastifyReply;
        raw
          .header('etag', gzip ? views.gzipEtag : views.etag)
          .header('cache-control', CACHE_CONTROL)
          .header('vary', 'Accept-Encoding');
        if (notModified(request.headers['if-none-match'], views)) return raw.code(304).send();
        raw.type('application/json; charset=utf-8');
        if (gzip) raw.header('content-encoding', 'gzip');
        return raw.send(gzip ? views.gzipped : views.body);
      },
    );
  };
}
