// A participant's own published result, weeks after the exam: the results login (NIP + access code
// + birth date → a token of scope `results`), the result, and the full individual report PDF of the
// published version, rendered by the worker through the `reports` queue.
import {
  HTTP_STATUS,
  errorReply,
  errorReplySchema,
  participantResultResponseSchema,
  resultsLoginRequestSchema,
  resultsLoginResponseSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ResultsLoginService } from '../../auth/results-login.service.ts';
import type { ServerContext } from '../../context.ts';
import { ReportClient } from '../../results/report-client.ts';
import type { PublicationService } from './publication.service.ts';

const TAGS = ['participant'];
const NOT_PUBLISHED = errorReply('NOT_PUBLISHED', 'Hasil Anda belum diterbitkan.');

export function participantResultsRoutes(
  ctx: ServerContext,
  publication: PublicationService,
): FastifyPluginAsyncZod {
  return async (app) => {
    const login = new ResultsLoginService(ctx);
    const reports = new ReportClient(
      { url: ctx.config.REDIS_URL, maxRetriesPerRequest: null },
      `${ctx.config.REDIS_PREFIX}bull`,
    );
    app.addHook('onClose', () => reports.close());

    /** Only a results token opens these routes; an exam token (or none) is 401. */
    const participantOf = async (authorization: string | undefined) => {
      if (!authorization?.startsWith('Bearer ')) return null;
      const verified = await ctx.tokens.verifyResults(authorization.slice('Bearer '.length));
      return verified.ok ? verified.claims.participantId : null;
    };
    const unauthenticated = errorReply('UNAUTHENTICATED', 'Silakan masuk kembali.');
    const refusal = { 401: errorReplySchema, 404: errorReplySchema };

    app.post(
      '/api/v1/participant/results-session',
      {
        schema: {
          tags: TAGS,
          summary: 'Results login: NIP, access code and birth date give a token of scope `results`',
          body: resultsLoginRequestSchema,
          response: {
            200: resultsLoginResponseSchema,
            400: errorReplySchema,
            401: errorReplySchema,
            429: errorReplySchema,
          },
        },
      },
      async (request, reply) => {
        const outcome = await login.login(request.body, request.ip);
        if (outcome.ok) return outcome;
        request.log.info({ code: outcome.code }, 'results login refused');
        return reply
          .code(HTTP_STATUS[outcome.code] as 401)
          .send({ ok: false, error: { code: outcome.code, message: outcome.message } });
      },
    );

    app.get(
      '/api/v1/participant/result',
      {
        schema: {
          tags: TAGS,
          summary: 'The caller’s own published result (results token)',
          response: { 200: participantResultResponseSchema, ...refusal },
        },
      },
      async (request, reply) => {
        const participantId = await participantOf(request.headers.authorization);
        if (!participantId) return reply.code(401).send(unauthenticated);
        const own = await publication.ownResult(participantId);
        if (!own) return reply.code(404).send(NOT_PUBLISHED);
        return { ok: true as const, result: own.result };
      },
    );

    app.get(
      '/api/v1/participant/result.pdf',
      {
        schema: {
          tags: TAGS,
          summary: 'The caller’s full individual report of the published version, as PDF (results token)',
        },
      },
      async (request, reply) => {
        const participantId = await participantOf(request.headers.authorization);
        if (!participantId) return reply.code(401).send(unauthenticated);
        const own = await publication.ownResult(participantId);
        if (!own) return reply.code(404).send(NOT_PUBLISHED);
        // The published version by id: a newer rescoring awaiting review is never what they get.
        const report = await reports.individual(own.registrationId, own.result.resultId);
        const who = await ctx.db
          .selectFrom('participants')
          .select('nip')
          .where('id', '=', participantId)
          .executeTakeFirstOrThrow();
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="laporan-individu-${who.nip}.pdf"`)
          .header('cache-control', 'no-store')
          .header('x-result-version', String(report.resultVersion ?? ''))
          .send(report.pdf);
      },
    );
  };
}
