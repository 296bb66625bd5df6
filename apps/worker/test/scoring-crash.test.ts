// A worker killed with SIGKILL in the middle of scoring, then restarted, leaves every attempt
// scored exactly once: the real worker process (tsx src/main.ts) on its own schema and prefix.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture } from '../bench/fixtures.ts';
import { createQueues, type Queues } from '../src/queues.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../src/main.ts');
const ATTEMPTS = 400;

let t: TestDatabase;
let redis: Redis;
let prefix: string;
let queues: Queues;
let attemptIds: string[];
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: t.connectionString,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'error',
      ANSWER_LOG_SHARDS: '1',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function counts() {
  const { rows } = await sql<{
    results: number;
    attempts: number;
    competencies: number;
    max_version: number | null;
  }>`
    SELECT (SELECT count(*)::int FROM results) AS results,
           (SELECT count(DISTINCT attempt_id)::int FROM results) AS attempts,
           (SELECT count(*)::int FROM result_competencies) AS competencies,
           (SELECT max(version) FROM results) AS max_version`.execute(t.db);
  const row = rows[0];
  if (!row) throw new Error('no counts');
  return row;
}

beforeAll(async () => {
  t = await createTestDatabase('worker_scoring_crash');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_scoring_crash');
  queues = createQueues(redis, prefix);
  const fx = await loadScoringFixture(t.db);
  ({ attemptIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, ATTEMPTS));
}, 120_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await queues.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t.destroy();
});

describe('scoring worker crash', () => {
  it('scores every attempt exactly once after a kill -9 in the middle of a batch and a restart', async () => {
    for (const id of attemptIds) await queues.enqueueScoring(id);
    const first = startWorker();
    const seen = await waitFor(
      'the first results',
      async () => {
        const c = await counts();
        return c.results > 0 ? c : undefined;
      },
      { timeoutMs: 60_000, everyMs: 20 },
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await counts();
    expect(seen.results).toBeGreaterThan(0);
    expect(atKill.results).toBeLessThan(ATTEMPTS);

    startWorker();
    const done = await waitFor(
      'every attempt scored',
      async () => {
        const c = await counts();
        const jobs = await queues.scoring.getJobCounts('completed');
        return c.attempts === ATTEMPTS && jobs['completed'] === ATTEMPTS ? c : undefined;
      },
      { timeoutMs: 90_000, everyMs: 200 },
    );
    expect(done).toEqual({
      results: ATTEMPTS,
      attempts: ATTEMPTS,
      competencies: ATTEMPTS * 9,
      max_version: 1,
    });
    const failures = await t.db.selectFrom('scoring_failures').selectAll().execute();
    expect(failures).toEqual([]);
  }, 200_000);
});
