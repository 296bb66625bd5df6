// The worker's environment, parsed once at boot; bad configuration stops it with one clear line.
import { z } from 'zod';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const workerEnvSchema = z.object({
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/petakom'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Every Redis key (answer-log streams, BullMQ queues) starts with this, shared with the server. */
  REDIS_PREFIX: z.string().min(1).default('pk:'),
  /** Postgres schema the worker writes to (tests and benchmarks use their own). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  LOG_LEVEL: logLevel.default('info'),
  ANSWER_LOG_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Entries handed out this long ago and still not stored are taken over by another worker. */
  DRAIN_CLAIM_IDLE_MS: z.coerce.number().int().min(100).default(30_000),
  DRAIN_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  // After a batch smaller than DRAIN_BATCH_SIZE, wait this long before reading again: at exam pace
  // a shard gets a few entries per read, and each transaction's round trips (BEGIN, INSERT, UPDATE,
  // COMMIT, XACK) cost the worker and Postgres more than its rows — 43 % of the worker's time in a
  // login storm was those writes. The answers are already durable in Redis; only the copy waits.
  DRAIN_LINGER_MS: z.coerce.number().int().min(0).max(5_000).default(1_000),
  // A session's live state (its attempts, room feed) moves from Redis to Postgres this long after the
  // session's end, once none of its attempts can change any more; the proctor's room view and the
  // berita acara then read it from Postgres. Kept in Redis for ever, it filled maxmemory in weeks.
  LIVE_ARCHIVE_AFTER_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(12),
  LIVE_ARCHIVE_EVERY_SEC: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Distinguishes worker processes in the consumer group; defaults to host and pid. */
  WORKER_CONSUMER: z.string().min(1).optional(),
});

export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`invalid worker configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
