// The staff results routes on a real server, Postgres, Redis and worker processors: an explained
// result, a campaign's scoring state with failures and non-attendees, rescoring, item analysis and
// the individual report PDF, each behind the staff roles.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { STAFF_SESSION_COOKIE } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The worker's own fixtures and processors: the server hands reports and rescoring to them.
import { closeAttempts, loadScoringFixture, type ScoringFixture } from '../../../worker/bench/fixtures.ts';
import { createLogger } from '../../../worker/src/logger.ts';
import { startReportsWorker } from '../../../worker/src/reports/reports.worker.ts';
import { BatchScorer } from '../../../worker/src/scoring/score-batch.ts';
import { ScoringRepository } from '../../../worker/src/scoring/scoring.repository.ts';
import { startScoringWorker } from '../../../worker/src/scoring/scoring.worker.ts';
import type { PetakomServer } from '../server.ts';
import { startTestServer } from '../../test/harness.ts';
import { addStaffUser, loggedIn, type StaffClient } from '../../test/staff-client.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let t: TestDatabase;
let prefix: string;
let redis: Redis;
let server: PetakomServer;
let fx: ScoringFixture;
let attemptIds: string[];
let absent: string[];
let bkd: StaffClient;
let assessor: StaffClient;
let base: string;
const workers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  t = await createTestDatabase('results_routes');
  prefix = uniqueRedisPrefix('results_routes');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  fx = await loadScoringFixture(t.db);
  ({ attemptIds, absentRegistrationIds: absent } = await closeAttempts(t.db, fx, fx.data.campaign.id, 12));
  await new BatchScorer(new ScoringRepository(t.db)).score(attemptIds.slice(0, 11));
  // The twelfth could not be scored: its failure must show in the list.
  await new ScoringRepository(t.db).recordFailure(
    attemptIds[11] ?? '',
    'battery has an invalid scoring model',
    5,
    true,
  );
  const logger = createLogger('silent');
  workers.push(startReportsWorker({ db: t.db, connection: redis, redisPrefix: prefix, logger }));
  workers.push(startScoringWorker({ db: t.db, connection: redis, redisPrefix: prefix, logger }));
  let url: string;
  ({ server, url } = await startTestServer(t, prefix));
  bkd = await loggedIn(url, (await addStaffUser(t.db, ['bkd'], fx.data.agency.id)).username);
  assessor = await loggedIn(url, (await addStaffUser(t.db, ['assessor'], fx.data.agency.id)).username);
  base = `/api/v1/admin/campaigns/${fx.data.campaign.id}`;
}, 90_000);

afterAll(async () => {
  await server?.close();
  for (const w of workers) await w.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t?.destroy();
});

interface Explained {
  answersUnchanged: boolean;
  scoringModelVersion: string;
  explanation: {
    partWeights: { sjt: number };
    competencies: {
      competency: string;
      parts: { sjt: number | null };
      requiredLevel: number | null;
      items: { part: string; points: number | null; weights: Record<string, number> }[];
    }[];
  };
}

describe('staff results routes', () => {
  it('explains a result: per competency the items, answers and weights, the standard and the model version', async () => {
    const res = await assessor.request<Explained>('GET', `/api/v1/admin/results/${attemptIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.body.answersUnchanged).toBe(true);
    expect(res.body.scoringModelVersion).toBe('petakom-default-1');
    const m1 = res.body.explanation.competencies.find((c) => c.competency === 'M1');
    if (!m1) throw new Error('no M1');
    expect(m1.requiredLevel).not.toBeNull();
    const sjt = m1.items.filter((i) => i.part === 'sjt');
    expect(sjt).toHaveLength(10);
    expect(m1.items.filter((i) => i.part === 'inventory')).toHaveLength(4);
    // The SJT part is the mean of the listed item points (blank = 0): the explanation adds up.
    const mean = sjt.reduce((s, i) => s + (i.points ?? 0), 0) / sjt.length;
    expect(m1.parts.sjt).toBeCloseTo(mean, 10);
  });

  it('lists a campaign with scored results, failure reasons and registrations that are belum dipetakan', async () => {
    const res = await bkd.request<{
      counts: Record<string, number>;
      results: { status: string; failure: { reason: string } | null; jpm: number | null }[];
    }>('GET', `${base}/scoring`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ scored: 11, failed: 1, belumDipetakan: absent.length });
    const failed = res.body.results.find((r) => r.status === 'failed');
    expect(failed?.failure?.reason).toBe('battery has an invalid scoring model');
    expect(res.body.results.filter((r) => r.status === 'belum_dipetakan').every((r) => r.jpm === null)).toBe(
      true,
    );
  });

  it('lets bkd rescore a campaign, audited, and lists no differences when nothing was corrected', async () => {
    expect(
      (await assessor.request('POST', `${base}/scoring/rescore`, { reason: 'kunci dikoreksi' })).status,
    ).toBe(403);
    const res = await bkd.request<{ runId: string }>('POST', `${base}/scoring/rescore`, {
      reason: 'pemeriksaan ulang kunci',
    });
    expect(res.status).toBe(202);
    let run:
      { finishedAt: string | null; rescored: number; changed: number; differences: unknown[] } | undefined;
    for (let i = 0; i < 100 && !run?.finishedAt; i++) {
      await new Promise((r) => setTimeout(r, 200));
      run = (await bkd.request<NonNullable<typeof run>>('GET', `${base}/scoring/rescore/${res.body.runId}`))
        .body;
    }
    expect(run).toMatchObject({ rescored: 12, changed: 1, differences: [] });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'results.rescore')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toBe('pemeriksaan ulang kunci');
  });

  it('rescores after a corrected option weight and lists what changed, per run and between versions', async () => {
    // Correct every M3 SJT item: its weight-1 option becomes weight 5 (a new item version).
    for (const item of fx.items.values()) {
      if (item.type !== 'sjt' || item.competency !== 'M3') continue;
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
    const res = await bkd.request<{ runId: string }>('POST', `${base}/scoring/rescore`, {
      reason: 'bobot opsi M3 dikoreksi',
    });
    type Run = {
      finishedAt: string | null;
      changed: number;
      differences: {
        attemptId: string;
        fromVersion: number;
        toVersion: number;
        changes: { field: string }[];
      }[];
    };
    let run: Run | undefined;
    for (let i = 0; i < 100 && !run?.finishedAt; i++) {
      await new Promise((r) => setTimeout(r, 200));
      run = (await bkd.request<Run>('GET', `${base}/scoring/rescore/${res.body.runId}`)).body;
    }
    const first = run?.differences[0];
    if (!run || !first) throw new Error('expected differences');
    expect(run.differences).toHaveLength(run.changed);
    expect(first.changes.every((c) => /M3|jpm|category|nineBox|developmentPlan/.test(c.field))).toBe(true);
    const diff = await assessor.request<{ changes: unknown[] }>(
      'GET',
      `/api/v1/admin/results/${first.attemptId}/diff?from=${first.fromVersion}&to=${first.toVersion}`,
    );
    expect(diff.body.changes).toEqual(first.changes);
  });

  it('gives per item difficulty, discrimination, choice and omission rates, and alpha per scale', async () => {
    const res = await assessor.request<{
      respondents: number;
      items: {
        difficulty: number | null;
        choiceRates: Record<string, number>;
        omissionRate: number | null;
      }[];
      scales: { scale: string; alpha: number | null; sem: number | null }[];
    }>('GET', `${base}/item-analysis`);
    expect(res.status).toBe(200);
    expect(res.body.respondents).toBe(12);
    expect(res.body.items).toHaveLength(204);
    expect(res.body.scales.find((s) => s.scale === 'single_choice:verbal')?.alpha).not.toBeNull();
  });

  it('hands out the individual report PDF of a participant who never sat, and records the download', async () => {
    const res = await fetch(`${bkd.url}/api/v1/admin/registrations/${absent[0]}/report.pdf`, {
      headers: { cookie: `${STAFF_SESSION_COOKIE}=${bkd.cookie}`, 'x-forwarded-for': bkd.ip },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'results.report.download')
      .execute();
    expect(audit).toEqual([{ target_id: absent[0] }]);
  });
});
