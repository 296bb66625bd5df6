// Builds the Fastify app: external plugins, then app-wide behaviour (errors, ids), then routes.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { MAX_REST_BODY_BYTES, errorReply } from '@petakom/protocol';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ParticipantLoginService } from './auth/participant-login.service.ts';
import { participantRoutes } from './auth/participant.routes.ts';
import type { SectionViewsService } from './exam/section-views.service.ts';
import { sectionViewsRoutes } from './exam/section-views.routes.ts';
import { campaignResultsPlugin } from './admin/campaigns/campaign-results.plugin.ts';
import { resultsRoutes } from './results/results.routes.ts';
import type { ServerContext } from './context.ts';
import { opsRoutes } from './ops/ops.routes.ts';
import { proctorRoutes } from './proctor/proctor.routes.ts';
import { staffAuthPlugin } from './staff/staff-auth.plugin.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { masterDataRoutes } from './admin/master-data/master-data.routes.ts';
import { itemBankRoutes } from './admin/item-banks/item-bank.routes.ts';
import { batteryRoutes } from './admin/batteries/battery.routes.ts';

export async function buildApp(
  ctx: ServerContext,
  services: { login: ParticipantLoginService; sectionViews: SectionViewsService },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: MAX_REST_BODY_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: true,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // external plugins
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'petakom API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  // staff sessions and the per-route role check; before every route so none escapes it
  await app.register(staffAuthPlugin(ctx));

  // app-wide behaviour
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      return reply
        .code(400)
        .send(
          errorReply('VALIDATION', issue ? `${issue.instancePath || 'body'}: ${issue.message}` : 'invalid'),
        );
    }
    const err = error as { statusCode?: number; code?: string; message?: string };
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send(errorReply('PAYLOAD_TOO_LARGE', 'body too large'));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorReply('VALIDATION', err.message ?? 'bad request'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorReply('INTERNAL', 'internal error'));
  });

  // routes
  await app.register(opsRoutes(ctx));
  await app.register(participantRoutes(services.login));
  await app.register(sectionViewsRoutes(ctx, services.sectionViews));
  await app.register(staffRoutes(ctx));
  await app.register(masterDataRoutes(ctx));
  await app.register(itemBankRoutes(ctx));
  await app.register(batteryRoutes(ctx));
  await app.register(campaignResultsPlugin(ctx)); // campaigns, scheduling, results, exports, HR API
  await app.register(resultsRoutes(ctx)); // scoring: explained results, rescoring, item analysis, report PDF
  await app.register(proctorRoutes(ctx)); // sessions of today, berita acara

  const webDist = ctx.config.WEB_DIST ? resolve(ctx.config.WEB_DIST) : null;
  if (webDist && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path.startsWith('/socket.io');
    if (webDist && !isApi && request.method === 'GET') return reply.sendFile('index.html', webDist);
    return reply.code(404).send(errorReply('NOT_FOUND', 'no such route'));
  });
  return app;
}
