// `pnpm bench:drain`: what storing the answer log costs per answer. Batches of answer-log entries,
// as the drain's XREADGROUP hands them out under stress (by default 190: 3,000 answers a second over
// 16 shards, each batch gathered during the 1 s linger), are parsed and stored with the drain's own
// code into a test schema. Prints the worker's and Postgres's CPU per answer: on a machine shared
// with the server and Redis, that CPU arrives in bursts that the answers in flight wait behind.
// Prints figures; asserts nothing.
import { createTestDatabase } from '@petakom/db/testing';
import { parseArgs } from 'node:util';
import { storeBatch } from '../src/answer-log/answer-log.repository.ts';
import { parseEntry, type AnswerLogEntry } from '../src/answer-log/entry.ts';
import { insertAttempts } from '../test/fixtures.ts';
// The harness's reading of Postgres's CPU time from /proc, as the load tests report it.
import { commandCpuSeconds } from '../../../loadtests/src/harness/proc-stats.ts';

const { values: args } = parseArgs({
  options: {
    attempts: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '190' },
    answers: { type: 'string', default: '120000' },
  },
});
const attemptCount = Number(args.attempts);
const batchSize = Number(args.batch);
const total = Number(args.answers);
const ITEMS_PER_ATTEMPT = 40;

const t = await createTestDatabase('bench_drain');
try {
  console.error(`setting up ${attemptCount} attempts…`);
  const { attemptIds } = await insertAttempts(t.db, attemptCount);
  const items = attemptIds.map(() => Array.from({ length: ITEMS_PER_ATTEMPT }, () => crypto.randomUUID()));
  const seqs = attemptIds.map(() => 0);
  let clock = Date.now();
  let streamSeq = 0;
  // The stream's raw fields, as XREADGROUP returns them, so the parsing is measured too.
  const rawBatch = (): { id: string; fields: string[] }[] =>
    Array.from({ length: batchSize }, () => {
      const a = Math.floor(Math.random() * attemptIds.length);
      const item = items[a]?.[Math.floor(Math.random() * ITEMS_PER_ATTEMPT)] as string;
      seqs[a] = (seqs[a] ?? 0) + 1;
      clock += 1;
      const fields = ['k', 'answer', 'a', attemptIds[a] as string, 'i', item, 's', String(seqs[a])];
      fields.push('v', JSON.stringify(1 + Math.floor(Math.random() * 5)), 'd', '0', 't', String(clock));
      return { id: `${clock}-${streamSeq++}`, fields };
    });

  const parseBatch = (raw: { id: string; fields: string[] }[]): AnswerLogEntry[] =>
    raw.flatMap((r) => {
      const p = parseEntry(0, r.id, r.fields);
      return p.ok ? [p.entry] : [];
    });

  // Warm the JIT and Postgres's caches as a running drain has them.
  for (let n = 0; n < 20; n++) await storeBatch(t.db, parseBatch(rawBatch()));

  const batches = Array.from({ length: Math.ceil(total / batchSize) }, rawBatch);
  const pg0 = commandCpuSeconds('postgres');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let stored = 0;
  for (const raw of batches) stored += (await storeBatch(t.db, parseBatch(raw))).fresh;
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const workerCpu = (cpu.user + cpu.system) / 1e6;
  const pgCpu = commandCpuSeconds('postgres') - pg0;
  const us = (s: number) => ((s / stored) * 1e6).toFixed(1);
  console.log(
    `\nanswer-log drain: ${stored} answers stored in batches of ${batchSize}, ${attemptCount} attempts`,
  );
  console.log(
    `wall time                              ${wall.toFixed(1)} s (${(stored / wall).toFixed(0)} answers/s)`,
  );
  console.log(`worker CPU per answer (parse + store)  ${us(workerCpu)} µs`);
  console.log(`Postgres CPU per answer (all processes) ${us(pgCpu)} µs`);
  console.log(
    `per batch: worker ${((workerCpu / batches.length) * 1000).toFixed(1)} ms, Postgres ${((pgCpu / batches.length) * 1000).toFixed(1)} ms`,
  );
} finally {
  await t.destroy();
}
