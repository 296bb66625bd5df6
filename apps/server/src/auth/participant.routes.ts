// POST /api/v1/participant/session: participant login.
import {
  HTTP_STATUS,
  errorReplySchema,
  participantLoginRequestSchema,
  participantLoginResponseSchema,
} from '@petakom/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ParticipantLoginService } from './participant-login.service.ts';

export function participantRoutes(login: ParticipantLoginService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/participant/session',
      {
        schema: {
          tags: ['participant'],
          body: participantLoginRequestSchema,
          response: {
            200: participantLoginResponseSchema,
            400: errorReplySchema,
            401: errorReplySchema,
            403: errorReplySchema,
            409: errorReplySchema,
            429: errorReplySchema,
          },
        },
      },
      async (request, reply) => {
        const outcome = await login.login(request.body, request.ip);
        if (outcome.ok) return outcome;
        request.log.info({ code: outcome.code }, 'participant login refused');
        return reply
          .code(HTTP_STATUS[outcome.code] as 400)
          .send({ ok: false, error: { code: outcome.code, message: outcome.message } });
      },
    );
  };
}
