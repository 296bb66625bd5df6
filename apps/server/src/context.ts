// Everything a server process holds open (Postgres, Redis, queues) and the services built on them,
// created once per process and closed in reverse order on shutdown.
import { createDb, type Database } from '@petakom/db';
import { answerLogBacklog, ExamStore } from '@petakom/exam-store';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { RoomTokens } from './auth/room-token.ts';
import { TokenService } from './auth/tokens.ts';
import { CoalescingRedis } from './coalescing-redis.ts';
import type { ServerConfig } from './config.ts';
import { ServerMetrics, readRedisMemory } from './ops/metrics.ts';

export interface ServerContext {
  config: ServerConfig;
  log: Logger;
  db: Kysely<Database>;
  redis: Redis;
  store: ExamStore;
  tokens: TokenService;
  roomTokens: RoomTokens;
  metrics: ServerMetrics;
  queues: { scoring: Queue };
  /** False once shutdown begins: /ready answers 503 so the load balancer stops sending traffic. */
  accepting: boolean;
  close(): Promise<void>;
}

export function createContext(config: ServerConfig, log: Logger): ServerContext {
  const db = createDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA });
  // Not ioredis's auto-pipelining: at exam pace its pipelines kept ~9 MB a scavenge alive into the
  // old generation (20–100 ms scavenges, a 0.3 s mark-compact a minute), and an answer's
  // acknowledgement waited for every other command batched with it. See docs/performance-log.md.
  const redis = new CoalescingRedis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const store = new ExamStore(redis, { prefix: config.REDIS_PREFIX, shards: config.ANSWER_LOG_SHARDS });
  const scoring = new Queue('scoring', {
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
    prefix: `${config.REDIS_PREFIX}bull`,
  });
  const metrics = new ServerMetrics({
    answerLogLag: () => answerLogBacklog(redis, store.keys),
    async queueDepths() {
      const counts = await scoring.getJobCounts('waiting', 'active', 'delayed');
      return { scoring: (counts['waiting'] ?? 0) + (counts['active'] ?? 0) + (counts['delayed'] ?? 0) };
    },
    redisMemory: () => readRedisMemory(redis),
    async dueAttempts() {
      const now = await store.serverTime();
      let total = 0;
      for (let shard = 0; shard < store.keys.shards; shard++) {
        total += await redis.zcount(store.keys.due(shard), '-inf', String(now));
      }
      return total;
    },
  });
  const ctx: ServerContext = {
    config,
    log,
    db,
    redis,
    store,
    tokens: new TokenService(config.PETAKOM_SECRET, config.ACCESS_TOKEN_TTL_SEC),
    roomTokens: new RoomTokens(redis, (id) => store.keys.session(id), {
      secret: config.PETAKOM_SECRET,
      periodMs: config.ROOM_TOKEN_PERIOD_SEC * 1000,
      graceMs: config.ROOM_TOKEN_GRACE_SEC * 1000,
    }),
    metrics,
    queues: { scoring },
    accepting: true,
    async close() {
      await scoring.close().catch(() => undefined);
      await db.destroy().catch(() => undefined);
      await redis.quit().catch(() => undefined);
    },
  };
  return ctx;
}
