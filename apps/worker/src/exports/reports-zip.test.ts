// The zip export job against real Postgres and BullMQ: progress climbs to the total and the archive
// holds one individual report PDF per scored participant (absent ones have no report in it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { closeAttempts, loadScoringFixture, type ScoringFixture } from '../../bench/fixtures.ts';
import { bullPrefix } from '../queues.ts';
import { BatchScorer } from '../scoring/score-batch.ts';
import { ScoringRepository } from '../scoring/scoring.repository.ts';
import {
  EXPORTS_QUEUE,
  REPORTS_ZIP_JOB,
  startExportsWorker,
  type ReportsZipOutput,
  type ReportsZipProgress,
} from './reports-zip.worker.ts';

let t: TestDatabase;
let fx: ScoringFixture;
let redis: Redis;
let prefix: string;
let dir: string;
let scoredNips: string[];

function zipEntries(file: string): Promise<{ name: string; bytes: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: { name: string; bytes: Buffer }[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  t = await createTestDatabase('exports_zip');
  fx = await loadScoringFixture(t.db);
  const campaignId = fx.data.campaign.id;
  const { attemptIds } = await closeAttempts(t.db, fx, campaignId, 5);
  await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds);
  const rows = await t.db
    .selectFrom('attempts as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select('p.nip')
    .where('a.id', 'in', attemptIds)
    .execute();
  scoredNips = rows.map((r) => r.nip).sort();
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('exports_zip');
  dir = mkdtempSync(join(tmpdir(), 'petakom-exports-test-'));
}, 90_000);

afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
  await t.destroy();
});

describe('reports zip export', () => {
  it('reports progress and produces a zip with one PDF per scored participant', async () => {
    const exportsWorker = startExportsWorker({
      db: t.db,
      connection: redis,
      redisPrefix: prefix,
      logger: pino({ level: 'silent' }),
      env: { EXPORT_DIR: dir },
    });
    const queue = new Queue(EXPORTS_QUEUE, { connection: redis, prefix: bullPrefix(prefix) });
    const events = new QueueEvents(EXPORTS_QUEUE, {
      connection: redis.duplicate(),
      prefix: bullPrefix(prefix),
    });
    try {
      await events.waitUntilReady();
      const seen: ReportsZipProgress[] = [];
      events.on('progress', ({ data }) => seen.push(data as ReportsZipProgress));
      const job = await queue.add(
        REPORTS_ZIP_JOB,
        { campaignId: fx.data.campaign.id, requestedBy: null },
        { jobId: 'zip-test-1' },
      );
      const output = (await job.waitUntilFinished(events, 120_000)) as ReportsZipOutput;
      expect(output).toMatchObject({ fileName: 'zip-test-1.zip', files: 5 });
      expect(seen[0]).toEqual({ done: 0, total: 5 });
      expect(seen.at(-1)).toEqual({ done: 5, total: 5 });
      expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));

      const entries = await zipEntries(join(dir, 'zip-test-1.zip'));
      expect(entries.map((e) => e.name.slice(0, 18)).sort()).toEqual(scoredNips);
      for (const e of entries) expect(e.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(dir, 'zip-test-1.zip')).length).toBe(output.bytes);
    } finally {
      await events.close();
      await queue.close();
      await exportsWorker.close();
    }
  }, 120_000);
});
