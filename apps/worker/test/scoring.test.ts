// The scoring queue against the real Postgres, Redis and BullMQ: closed attempts on the demo's
// 204-item battery become versioned results, once each, explained, with failures visible.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttempts, loadScoringFixture, type ScoringFixture } from '../bench/fixtures.ts';
import { createLogger } from '../src/logger.ts';
import { createQueues, type Queues } from '../src/queues.ts';
import { BatchScorer, type ResultPayload } from '../src/scoring/score-batch.ts';
import { ScoringRepository } from '../src/scoring/scoring.repository.ts';
import { scoringJobNames, startScoringWorker, type ScoringWorker } from '../src/scoring/scoring.worker.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let t: TestDatabase;
let redis: Redis;
let prefix: string;
let queues: Queues;
let worker: ScoringWorker;
let fx: ScoringFixture;
let attemptIds: string[];

beforeAll(async () => {
  t = await createTestDatabase('worker_scoring');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_scoring');
  queues = createQueues(redis, prefix);
  fx = await loadScoringFixture(t.db);
  ({ attemptIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 30));
  worker = startScoringWorker({
    db: t.db,
    connection: redis,
    redisPrefix: prefix,
    logger: createLogger('silent'),
    normWindowMs: 300,
  });
}, 60_000);

afterAll(async () => {
  await worker.close();
  await queues.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t.destroy();
});

function resultsOf(ids: readonly string[]) {
  return t.db
    .selectFrom('results')
    .select([
      'id',
      'attempt_id',
      'version',
      'payload',
      'jpm',
      'category',
      'nine_box',
      'scoring_model_version',
    ])
    .where('attempt_id', 'in', ids)
    .orderBy('attempt_id')
    .orderBy('version')
    .execute();
}

describe('scoring queue', () => {
  it('turns every closed attempt into one result with competencies, JPM, both categories and a 9-box', async () => {
    for (const id of attemptIds) await queues.enqueueScoring(id);
    const rows = await waitFor('all results', async () => {
      const r = await resultsOf(attemptIds);
      return r.length === attemptIds.length ? r : undefined;
    });
    const first = rows[0];
    const payload = first?.payload as unknown as ResultPayload;
    expect(first?.version).toBe(1);
    expect(first?.scoring_model_version).toBe('petakom-default-1');
    expect(payload.profile.competencies.map((c) => c.competency)).toEqual([
      'M1',
      'M2',
      'M3',
      'M4',
      'M5',
      'M6',
      'M7',
      'M8',
      'SK1',
    ]);
    expect(payload.profile.jpm?.value).toBe(Number(first?.jpm));
    expect(payload.profile.categories?.pemetaan).toBe(first?.category);
    expect(payload.profile.categories?.pengisian).toMatch(/memenuhi_syarat$/);
    expect(payload.profile.potensi?.raw.total).toBeGreaterThan(0);
    // Potensi standard scores come from the campaign norm step, never from per-attempt scoring.
    expect(payload.profile.potensi?.standardScore).toBeNull();
    expect(payload.profile.developmentPlan.years.every((y) => y.totalJp >= 20)).toBe(true);
    expect(rows.filter((r) => r.nine_box !== null).length).toBeGreaterThan(0);
    const competencies = await t.db
      .selectFrom('result_competencies')
      .select(['competency_code', 'score', 'level', 'required_level', 'gap'])
      .where('result_id', '=', first?.id ?? '')
      .execute();
    expect(competencies).toHaveLength(9);
    expect(competencies.every((c) => c.required_level !== null && Number(c.score) > 0)).toBe(true);
  });

  it('computes the campaign potensi norm once the results are in', async () => {
    const norm = await waitFor('a norm', () =>
      t.db
        .selectFrom('campaign_norms')
        .selectAll()
        .where('campaign_id', '=', fx.data.campaign.id)
        .executeTakeFirst(),
    );
    expect(norm.size).toBe(attemptIds.length);
    expect(Number(norm.sd)).toBeGreaterThan(0);
  });

  it('scores an attempt once however often its job is enqueued or its batch replayed', async () => {
    for (const id of attemptIds.slice(0, 5)) await queues.enqueueScoring(id);
    const replay = await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds.slice(0, 5));
    expect(replay.written).toEqual([]);
    expect(replay.failed.size).toBe(0);
    expect(await resultsOf(attemptIds)).toHaveLength(attemptIds.length);
  });

  it('gives the same result for the same answers', async () => {
    const run = await t.db
      .insertInto('rescore_runs')
      .values({ campaign_id: fx.data.campaign.id, reason: 'uji ulang tanpa perubahan' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const again = await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds, {
      rescore: { runId: run.id, computedBy: null },
    });
    expect(again.changed).toEqual([]);
    expect(again.written).toEqual([]);
  });

  it('shows staff why an attempt could not be scored', async () => {
    const open = await t.db
      .updateTable('attempts')
      .set({ status: 'in_progress', closed_at: null })
      .where('id', '=', attemptIds[29] ?? '')
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .deleteFrom('result_competencies')
      .where('result_id', 'in', t.db.selectFrom('results').select('id').where('attempt_id', '=', open.id))
      .execute();
    await t.db.deleteFrom('results').where('attempt_id', '=', open.id).execute();
    await queues.scoring.add(
      scoringJobNames.scoreAttempt,
      { attemptId: open.id },
      { jobId: `${open.id}-again` },
    );
    const failure = await waitFor('a recorded failure', () =>
      t.db.selectFrom('scoring_failures').selectAll().where('attempt_id', '=', open.id).executeTakeFirst(),
    );
    expect(failure.reason).toMatch(/not closed \(in_progress\)/);
    expect(failure.final).toBe(true);
  });

  it('rescores a campaign after a corrected option weight into new versions, keeping the old ones', async () => {
    // Correct every M3 SJT item: the lowest-weight option is raised to 5.
    const m3 = [...fx.items.values()].filter((i) => i.type === 'sjt' && i.competency === 'M3');
    for (const item of m3) {
      if (item.type !== 'sjt') continue;
      const v = await t.db
        .selectFrom('item_versions')
        .select('item_id')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      const corrected = {
        ...item,
        options: item.options.map((o) => (o.weight === 1 ? { ...o, weight: 5 } : o)),
      };
      await t.db
        .insertInto('item_versions')
        .values({ item_id: v.item_id, version: 2, content: JSON.stringify(corrected) })
        .execute();
      await t.db.updateTable('items').set({ current_version: 2 }).where('id', '=', v.item_id).execute();
    }
    const run = await t.db
      .insertInto('rescore_runs')
      .values({ campaign_id: fx.data.campaign.id, reason: 'bobot opsi M3 dikoreksi' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await (queues.scoring as unknown as Queue).add(
      scoringJobNames.rescoreCampaign,
      { runId: run.id },
      { jobId: `rescore-${run.id}` },
    );
    const done = await waitFor('the rescore run', async () => {
      const r = await t.db
        .selectFrom('rescore_runs')
        .selectAll()
        .where('id', '=', run.id)
        .executeTakeFirstOrThrow();
      return r.finished_at ? r : undefined;
    });
    expect(done.rescored).toBe(29);
    expect(done.changed).toBeGreaterThan(0);
    const rows = await resultsOf(attemptIds.slice(0, 29));
    const v2 = rows.filter((r) => r.version === 2);
    expect(v2).toHaveLength(done.changed);
    expect(rows.filter((r) => r.version === 1)).toHaveLength(29);
    const p2 = v2[0]?.payload as unknown as ResultPayload;
    expect(Object.keys(p2.corrections).length).toBe(m3.length);
  });
});
