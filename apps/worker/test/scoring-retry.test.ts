// A scoring job that fails for a passing reason is retried with backoff and scores the attempt
// once: the worker reaches Postgres through a TCP proxy this test owns and takes down for a while,
// so the failure is a real refused connection, not a mock.
import { createDb, type Database } from '@petakom/db';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture } from '../bench/fixtures.ts';
import { createLogger } from '../src/logger.ts';
import { createQueues, type Queues } from '../src/queues.ts';
import { startScoringWorker, type ScoringWorker } from '../src/scoring/scoring.worker.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Forwards TCP to Postgres while up; while down the port refuses connections and open ones are cut. */
class PostgresProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(base: string): string {
    const u = new URL(base);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

let t: TestDatabase;
let proxy: PostgresProxy;
let workerDb: Kysely<Database>;
let redis: Redis;
let prefix: string;
let queues: Queues;
let worker: ScoringWorker;
let attemptId: string;

beforeAll(async () => {
  t = await createTestDatabase('worker_scoring_retry');
  const fx = await loadScoringFixture(t.db);
  const { attemptIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 1);
  attemptId = attemptIds[0] ?? '';
  const target = new URL(PG_URL);
  proxy = new PostgresProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.up();
  workerDb = createDb(proxy.url(PG_URL), { schema: t.schema, max: 4 });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_scoring_retry');
  queues = createQueues(redis, prefix);
  worker = startScoringWorker({
    db: workerDb,
    connection: redis,
    redisPrefix: prefix,
    logger: createLogger('silent'),
  });
}, 60_000);

afterAll(async () => {
  await worker.close();
  await queues.close();
  await workerDb.destroy();
  await proxy.down();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t.destroy();
});

describe('scoring retries', () => {
  it('retries a job whose Postgres connection was refused after a backoff and scores the attempt once', async () => {
    await proxy.down();
    // the platform's own job options: 5 attempts, exponential backoff from 2 s
    await queues.enqueueScoring(attemptId);

    const waiting = await waitFor('the failed first try to wait out its backoff', async () => {
      const job = await queues.scoring.getJob(attemptId);
      return job && (await job.getState()) === 'delayed' ? job : undefined;
    });
    expect(waiting.attemptsMade).toBe(1);
    expect(waiting.failedReason).toMatch(/ECONNREFUSED/);
    const none = await t.db.selectFrom('results').select('id').where('attempt_id', '=', attemptId).execute();
    expect(none).toEqual([]);

    await proxy.up();
    const done = await waitFor(
      'the retried job to complete',
      async () => {
        const job = await queues.scoring.getJob(attemptId);
        return job && (await job.getState()) === 'completed' ? job : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.attemptsStarted).toBe(2);
    // the second try started no sooner than the first backoff step after the job was added
    expect((done.processedOn ?? 0) - done.timestamp).toBeGreaterThanOrEqual(2_000);

    // enqueueing again is a no-op: the completed job id is kept
    await queues.enqueueScoring(attemptId);
    const results = await t.db
      .selectFrom('results')
      .select(['id', 'version'])
      .where('attempt_id', '=', attemptId)
      .execute();
    expect(results.map((r) => r.version)).toEqual([1]);
    const competencies = await t.db
      .selectFrom('result_competencies')
      .select('competency_code')
      .where('result_id', '=', results[0]?.id ?? '')
      .execute();
    expect(competencies).toHaveLength(9);
    const failures = await t.db
      .selectFrom('scoring_failures')
      .select('attempt_id')
      .where('attempt_id', '=', attemptId)
      .execute();
    expect(failures).toEqual([]);
  });
});
