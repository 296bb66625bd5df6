// createServer: one complete server process (HTTP app, socket.io with the Redis adapter, deadline
// sweep, session preparation), used by main.ts and by tests that start servers in-process.
import { createAdapter } from '@socket.io/redis-adapter';
import { EXAM_NAMESPACE, MAX_SOCKET_MESSAGE_BYTES, PROCTOR_NAMESPACE } from '@petakom/protocol';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import { buildApp } from './app.ts';
import { ParticipantLoginService } from './auth/participant-login.service.ts';
import type { ServerConfig } from './config.ts';
import { createContext, type ServerContext } from './context.ts';
import { DeadlineSweep } from './exam/deadline-sweep.ts';
import { ExamRepository } from './exam/exam.repository.ts';
import { ExamService } from './exam/exam.service.ts';
import { registerExamNamespace } from './exam/exam.socket.ts';
import { SectionViewsService } from './exam/section-views.service.ts';
import { PrepareScheduler } from './exam/prepare-scheduler.ts';
import { SeatDirectory } from './proctor/seats.ts';
import { registerProctorNamespace } from './proctor/proctor.socket.ts';
import { DisconnectWatch } from './proctor/disconnect-watch.ts';
import type { ExamNamespace, ProctorNamespace } from './realtime/io-types.ts';
import { Live } from './realtime/live.ts';

export interface PetakomServer {
  app: FastifyInstance;
  io: Server;
  ctx: ServerContext;
  sweep: DeadlineSweep;
  scheduler: PrepareScheduler;
  disconnects: DisconnectWatch;
  /** Starts listening (PORT 0 picks a free port); returns the base URL. */
  listen(): Promise<string>;
  /** Graceful: tells clients to reconnect elsewhere, stops the loops, closes every connection. */
  close(): Promise<void>;
}

export interface CreateServerOptions {
  logger?: Logger;
  /** Tests drive the sweep and the scheduler by hand. */
  background?: boolean;
}

export async function createServer(
  config: ServerConfig,
  options: CreateServerOptions = {},
): Promise<PetakomServer> {
  const log = options.logger ?? pino({ level: config.LOG_LEVEL });
  const ctx = createContext(config, log);
  await ctx.store.ensureStreams();

  const io = new Server({
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // A silently dead connection (cable pulled, PC frozen) is noticed within 35 s, well inside the
    // two minutes that make a long disconnection. Pings every 10 s cost 1,000 frames a second each
    // way with 10,000 participants connected; every 20 s, half that.
    pingInterval: 20_000,
    pingTimeout: 15_000,
  });
  const pub = new Redis(config.REDIS_URL);
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub, { key: `${config.REDIS_PREFIX}socket.io`, requestsTimeout: 3000 }));

  const exam = io.of(EXAM_NAMESPACE) as unknown as ExamNamespace;
  const proctor = io.of(PROCTOR_NAMESPACE) as unknown as ProctorNamespace;
  const sectionViews = new SectionViewsService(ctx);
  const service = new ExamService(ctx, sectionViews);
  const live = new Live(ctx, exam, proctor, service, new SeatDirectory(new ExamRepository(ctx.db), exam));
  registerExamNamespace(ctx, exam, service, live);
  registerProctorNamespace(ctx, proctor, live);

  const app = await buildApp(ctx, { login: new ParticipantLoginService(ctx, live), sectionViews });
  io.attach(app.server);

  const sweep = new DeadlineSweep(ctx, live);
  const scheduler = new PrepareScheduler(ctx);
  const disconnects = new DisconnectWatch(ctx, live);
  let closing: Promise<void> | null = null;

  return {
    app,
    io,
    ctx,
    sweep,
    scheduler,
    disconnects,
    async listen() {
      const address = await app.listen({
        port: config.PORT,
        host: config.HOST,
        backlog: config.LISTEN_BACKLOG,
      });
      if (options.background !== false) {
        sweep.start();
        scheduler.start();
        disconnects.start();
      }
      return address.replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    },
    close() {
      closing ??= (async () => {
        ctx.accepting = false;
        await sweep.stop();
        await scheduler.stop();
        await disconnects.stop();
        live.stop();
        const reconnectAfterMs = config.SHUTDOWN_RECONNECT_MS;
        exam.local.emit('server:shutdown', { reconnectAfterMs });
        proctor.local.emit('server:shutdown', { reconnectAfterMs });
        // Let the notice reach the clients before their connections drop.
        await new Promise((r) => setTimeout(r, 50));
        exam.local.disconnectSockets(true);
        proctor.local.disconnectSockets(true);
        io.engine.close();
        await app.close();
        await Promise.all([pub.quit().catch(() => undefined), sub.quit().catch(() => undefined)]);
        await ctx.close();
      })();
      return closing;
    },
  };
}
