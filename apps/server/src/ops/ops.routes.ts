// Operations endpoints: liveness, readiness (Postgres and Redis reachable) and Prometheus metrics.
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context.ts';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function opsRoutes(ctx: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', { logLevel: 'warn' }, async () => ({ ok: true }));

    app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
      const checks: Record<string, string> = {};
      await Promise.all([
        within(2000, sql`select 1`.execute(ctx.db)).then(
          () => (checks['postgres'] = 'ok'),
          (err: unknown) => (checks['postgres'] = String(err)),
        ),
        within(2000, ctx.redis.ping()).then(
          () => (checks['redis'] = 'ok'),
          (err: unknown) => (checks['redis'] = String(err)),
        ),
      ]);
      checks['accepting'] = ctx.accepting ? 'ok' : 'shutting down';
      const ok = Object.values(checks).every((v) => v === 'ok');
      return reply.code(ok ? 200 : 503).send({ ok, checks });
    });

    app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
      const body = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(body);
    });
  };
}
