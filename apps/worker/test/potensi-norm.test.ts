// A published result keeps the potensi norm pinned at its publication: the campaign norm moves as
// more attempts are scored, but the published standard score, band and report do not.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { applyPotensiNorm, type CompetencyProfile, type ScoringModel } from '@petakom/domain';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abilityAnswers,
  answerAttempts,
  closeAttempts,
  loadScoringFixture,
  type AnswerPolicy,
  type ScoringFixture,
} from '../bench/fixtures.ts';
import { createLogger } from '../src/logger.ts';
import { createQueues, type Queues } from '../src/queues.ts';
import { loadIndividualReport } from '../src/reports/individual-report.repository.ts';
import { renderIndividualReport } from '../src/reports/individual-report.ts';
import { startScoringWorker, type ScoringWorker } from '../src/scoring/scoring.worker.ts';
import { pdfText } from './pdf-text.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let t: TestDatabase;
let redis: Redis;
let prefix: string;
let queues: Queues;
let worker: ScoringWorker;
let fx: ScoringFixture;
let early: string[];
let late: string[];

/** Late participants get every potensi item wrong, so their arrival pulls the campaign mean down. */
const allPotensiWrong: AnswerPolicy = (item, p, rnd) =>
  item.type === 'single_choice'
    ? (item.options.find((o) => o.id !== item.key)?.id ?? null)
    : abilityAnswers(item, p, rnd);

beforeAll(async () => {
  t = await createTestDatabase('worker_potensi_norm');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_potensi_norm');
  queues = createQueues(redis, prefix);
  fx = await loadScoringFixture(t.db);
  const { attemptIds } = await closeAttempts(t.db, fx, fx.data.campaign.id, 30, null);
  early = attemptIds.slice(0, 20);
  late = attemptIds.slice(20);
  await answerAttempts(t.db, fx, early, abilityAnswers);
  await answerAttempts(t.db, fx, late, allPotensiWrong);
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

async function scoreAndNorm(ids: readonly string[], expectedSize: number) {
  for (const id of ids) await queues.enqueueScoring(id);
  return waitFor('a norm over every scored attempt', () =>
    t.db
      .selectFrom('campaign_norms')
      .selectAll()
      .where('campaign_id', '=', fx.data.campaign.id)
      .where('size', '=', expectedSize)
      .executeTakeFirst(),
  );
}

async function resultOf(attemptId: string) {
  return t.db
    .selectFrom('results as res')
    .innerJoin('attempts as a', 'a.id', 'res.attempt_id')
    .select(['res.id', 'res.payload', 'a.registration_id'])
    .where('res.attempt_id', '=', attemptId)
    .orderBy('res.version', 'desc')
    .executeTakeFirstOrThrow();
}

describe('potensi norm of a published result', () => {
  it('keeps a published participant’s potensi standard score when later attempts move the campaign norm', async () => {
    const first = await scoreAndNorm(early, early.length);
    const published = await resultOf(early[0] ?? '');
    const staff = fx.data.staff[0]?.id ?? '';
    // what the server's publication service inserts; the database pins the campaign's norm
    const publication = await t.db
      .insertInto('publications')
      .values({ campaign_id: fx.data.campaign.id, result_id: published.id, published_by: staff })
      .returning(['norm_id'])
      .executeTakeFirstOrThrow();
    expect(publication.norm_id).toBe(first.id);

    const before = await loadIndividualReport(t.db, published.registration_id, '2026-12-01', {
      resultId: published.id,
    });
    const score = before?.profile?.potensi?.standardScore;
    if (!before || typeof score !== 'number') throw new Error('expected a normed potensi score');
    expect(before.normVersion).toBe(first.version);
    expect(before.normPinned).toBe(true);
    expect(await pdfText(await renderIndividualReport(before))).toContain(`skor standar ${score}`);

    const second = await scoreAndNorm(late, early.length + late.length);
    expect(second.version).toBeGreaterThan(first.version);
    // the campaign's norm now gives this participant another score: the pin is what holds it
    const payload = published.payload as unknown as { profile: CompetencyProfile; model: ScoringModel };
    const floating = applyPotensiNorm(
      payload.profile,
      { mean: Number(second.mean), sd: Number(second.sd), size: second.size },
      payload.model,
      null,
    );
    expect(floating.status === 'dipetakan' && floating.potensi?.standardScore).not.toBe(score);

    const after = await loadIndividualReport(t.db, published.registration_id, '2026-12-01', {
      resultId: published.id,
    });
    expect(after?.profile?.potensi).toEqual(before.profile?.potensi);
    expect(after?.profile?.nineBox).toEqual(before.profile?.nineBox);
    expect(after?.normVersion).toBe(first.version);
    const text = await pdfText(await renderIndividualReport(after ?? before));
    expect(text).toContain(`skor standar ${score}`);
    expect(text).toContain(`norma potensi versi ${first.version} (ditetapkan saat publikasi)`);

    // an unpublished result is read against the campaign's latest norm
    const other = await resultOf(early[1] ?? '');
    const unpublished = await loadIndividualReport(t.db, other.registration_id, '2026-12-01');
    expect(unpublished?.normVersion).toBe(second.version);
    expect(unpublished?.normPinned).toBe(false);
  });

  it('refuses to change a pinned norm or an earlier norm version, and still lets a publication be withdrawn', async () => {
    const published = await resultOf(early[0] ?? '');
    const latest = await t.db
      .selectFrom('campaign_norms')
      .select(['id', 'version'])
      .where('campaign_id', '=', fx.data.campaign.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .updateTable('publications')
        .set({ norm_id: latest.id })
        .where('result_id', '=', published.id)
        .execute(),
    ).rejects.toThrow(/norm_id is fixed at publication/);
    await expect(
      t.db.updateTable('campaign_norms').set({ mean: 0 }).where('id', '=', latest.id).execute(),
    ).rejects.toThrow(/campaign_norms is append-only/);
    await expect(t.db.deleteFrom('campaign_norms').where('id', '=', latest.id).execute()).rejects.toThrow(
      /campaign_norms is append-only/,
    );

    const staff = fx.data.staff[0]?.id ?? '';
    await t.db
      .updateTable('publications')
      .set({ withdrawn_at: new Date(), withdrawn_by: staff, withdraw_reason: 'uji penarikan' })
      .where('result_id', '=', published.id)
      .execute();
    const withdrawn = await loadIndividualReport(t.db, published.registration_id, '2026-12-01', {
      resultId: published.id,
    });
    expect(withdrawn?.normVersion).toBe(latest.version);
    expect(withdrawn?.normPinned).toBe(false);
  });
});
