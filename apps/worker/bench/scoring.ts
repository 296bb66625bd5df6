// `pnpm bench:scoring`: 10,000 closed attempts of 204 answers go through the scoring queue into
// results in Postgres, processed by a real worker process. Prints attempts per second, total
// time and the worker's peak memory. Goal: all 10,000 in at most 60 s.
import { createTestDatabase, deleteRedisPrefix, uniqueRedisPrefix } from '@petakom/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { bullPrefix, queueNames, scoringJobId } from '../src/queues.ts';
import { closeAttempts, loadScoringFixture } from './fixtures.ts';

const ATTEMPTS = Number(process.env['BENCH_ATTEMPTS'] ?? 10_000);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const here = dirname(fileURLToPath(import.meta.url));

function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

const t = await createTestDatabase('bench_scoring');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const prefix = uniqueRedisPrefix('bench_scoring');
const queue = new Queue(queueNames.scoring, { connection: redis, prefix: bullPrefix(prefix) });
let child: ReturnType<typeof spawn> | null = null;
try {
  const setupStart = performance.now();
  const campaignsNeeded = Math.ceil(ATTEMPTS / 2000);
  const fx = await loadScoringFixture(t.db, campaignsNeeded - 1);
  const attemptIds: string[] = [];
  for (const [i, campaignId] of fx.campaignIds.entries()) {
    const n = Math.min(2000, ATTEMPTS - i * 2000);
    if (n <= 0) break;
    attemptIds.push(...(await closeAttempts(t.db, fx, campaignId, n)).attemptIds);
  }
  await sql`ANALYZE`.execute(t.db);
  const answers = await t.db
    .selectFrom('attempt_answers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `setup: ${attemptIds.length} closed attempts, ${answers.n} answers in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  child = spawn(process.execPath, ['--import', 'tsx', resolve(here, '../src/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: t.connectionString,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ANSWER_LOG_SHARDS: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid ?? 0;
  // The worker is ready when its scoring Worker has registered with the queue.
  for (let i = 0; i < 200 && (await queue.getWorkersCount()) === 0; i++) await sleep(100);

  const start = performance.now();
  for (let i = 0; i < attemptIds.length; i += 1000) {
    await queue.addBulk(
      attemptIds.slice(i, i + 1000).map((attemptId) => ({
        name: 'score-attempt',
        data: { attemptId },
        opts: { jobId: scoringJobId(attemptId), attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
      })),
    );
  }
  let done = 0;
  let lastPrint = start;
  while (done < attemptIds.length) {
    await sleep(250);
    const row = await t.db
      .selectFrom('results')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    done = Number(row.n);
    if (performance.now() - lastPrint > 5000) {
      lastPrint = performance.now();
      console.log(`  ${done} scored after ${((lastPrint - start) / 1000).toFixed(1)} s`);
    }
    if (performance.now() - start > 600_000) throw new Error(`gave up: ${done} scored after 600 s`);
  }
  const seconds = (performance.now() - start) / 1000;
  const peak = peakRssMb(pid);
  const failed = await t.db
    .selectFrom('scoring_failures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const competencyRows = await t.db
    .selectFrom('result_competencies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`scored:        ${done} attempts (${competencyRows.n} competency rows, ${failed.n} failures)`);
  console.log(`total time:    ${seconds.toFixed(2)} s (goal ≤ 60 s: ${seconds <= 60 ? 'met' : 'NOT met'})`);
  console.log(`throughput:    ${(done / seconds).toFixed(0)} attempts/s`);
  console.log(`worker peak:   ${peak ?? '?'} MB resident (VmHWM)`);
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }
  await queue.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t.destroy();
}
