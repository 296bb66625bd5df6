// Results for staff (table, charts, reviews), approve+publish as one audited act, and a participant
// reaching only their own result and only once it is published.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureParticipant } from './fixtures.ts';
import { startTestServer } from './harness.ts';
import { scoredSession, type ScoredParticipant } from './publication-fixtures.ts';
import { addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

let t: TestDatabase;
let server: PetakomServer;
let url: string;
let prefix: string;
let fixture: ExamFixture;
let scored: ScoredParticipant[];
let unscored: FixtureParticipant[];
let bkd: StaffClient;
let assessor: StaffClient;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase('publication');
  prefix = uniqueRedisPrefix('publication');
  fixture = await createExamFixture(t.db);
  ({ scored, unscored } = await scoredSession(t.db, fixture, 3, 1));
  ({ server, url } = await startTestServer(t, prefix));
  bkd = await loggedIn(url, (await addStaffUser(t.db, ['bkd'], fixture.agencyId)).username);
  assessor = await loggedIn(url, (await addStaffUser(t.db, ['assessor'], fixture.agencyId)).username);
  base = `/api/v1/admin/campaigns/${fixture.campaignId}`;
}, 30_000);

afterAll(async () => {
  await server?.close();
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t?.destroy();
});

/** A results token as `POST /api/v1/participant/results-session` hands out (tested there). */
async function participantToken(p: { participantId: string }): Promise<string> {
  const { token } = await server.ctx.tokens.signResults({ participantId: p.participantId }, 600);
  return token;
}

async function ownResult(token: string) {
  const res = await fetch(`${url}/api/v1/participant/result`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      result?: { resultId: string; validUntil: string; publishedAt: string };
    },
  };
}

type Row = {
  nip: string;
  mapping: string;
  jpm: number | null;
  category: string | null;
  nineBox: number | null;
  reviews: number;
  published: boolean;
};

describe('campaign results', () => {
  it('lists every registered participant, the one who never sat as belum dipetakan rather than zero', async () => {
    const res = await bkd.request<{ total: number; rows: Row[] }>('GET', `${base}/results`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    const missing = res.body.rows.find((r) => r.nip === unscored[0]?.nip);
    expect(missing).toMatchObject({ mapping: 'belum_dipetakan', jpm: null, category: null, nineBox: null });
    const optimal = await bkd.request<{ total: number; rows: Row[] }>(
      'GET',
      `${base}/results?category=optimal`,
    );
    expect(optimal.body.rows.map((r) => r.nip)).toEqual([scored[0]?.nip]);
    const box5 = await bkd.request<{ rows: Row[] }>('GET', `${base}/results?box=5`);
    expect(box5.body.rows.map((r) => r.nip)).toEqual([scored[1]?.nip]);
    const belum = await bkd.request<{ rows: Row[] }>('GET', `${base}/results?mapping=belum_dipetakan`);
    expect(belum.body.rows).toHaveLength(1);
    const paged = await bkd.request<{ rows: Row[]; total: number }>(
      'GET',
      `${base}/results?pageSize=3&page=2`,
    );
    expect(paged.body).toMatchObject({ total: 4 });
    expect(paged.body.rows).toHaveLength(1);
  });

  it('counts the 9-box, categories per unit and the competency heat map, keeping belum dipetakan apart', async () => {
    const box = await bkd.request<{ boxes: { box: number; count: number }[]; belumDipetakan: number }>(
      'GET',
      `${base}/results/nine-box`,
    );
    expect(box.body.boxes.filter((b) => b.count > 0)).toEqual([
      { box: 1, count: 1 },
      { box: 5, count: 1 },
      { box: 9, count: 1 },
    ]);
    expect(box.body.belumDipetakan).toBe(1);
    const cats = await bkd.request<{ units: { counts: Record<string, number>; belumDipetakan: number }[] }>(
      'GET',
      `${base}/results/categories-by-unit`,
    );
    expect(cats.body.units).toHaveLength(1);
    expect(cats.body.units[0]).toMatchObject({
      counts: { optimal: 1, cukup_optimal: 1, kurang_optimal: 1 },
      belumDipetakan: 1,
    });
    const heat = await bkd.request<{
      competencies: string[];
      units: { mapped: number; cells: { competency: string; meanLevel: number; gapShare: number }[] }[];
    }>('GET', `${base}/results/heatmap`);
    expect(heat.body.competencies).toEqual(['M1', 'M2']);
    expect(heat.body.units[0]?.mapped).toBe(3);
    expect(heat.body.units[0]?.cells[0]).toMatchObject({ competency: 'M1', meanLevel: 2, gapShare: 0.33 });
  });

  it('records an assessor second opinion on a result and shows it with the result', async () => {
    const target = scored[2];
    if (!target) throw new Error('no result');
    const res = await assessor.request('POST', `${base}/results/${target.resultId}/reviews`, {
      verdict: 'disagree',
      comment: 'Skor M1 rendah tidak sejalan dengan catatan kinerja; mohon ditinjau.',
    });
    expect(res.status).toBe(200);
    const list = await bkd.request<{ reviews: { verdict: string; comment: string }[] }>(
      'GET',
      `${base}/results/${target.resultId}/reviews`,
    );
    expect(list.body.reviews).toMatchObject([{ verdict: 'disagree' }]);
    const rows = await bkd.request<{ rows: Row[] }>('GET', `${base}/results?box=1`);
    expect(rows.body.rows[0]?.reviews).toBe(1);
    // bkd staff read reviews but do not write them
    const denied = await bkd.request('POST', `${base}/results/${target.resultId}/reviews`, {
      verdict: 'agree',
      comment: 'ok',
    });
    expect(denied.status).toBe(403);
  });

  it('publishes nothing and audits nothing when one chosen result is not current', async () => {
    const res = await bkd.request('POST', `${base}/publication`, {
      resultIds: [scored[0]?.resultId, '00000000-0000-4000-8000-000000000001'],
      reason: 'uji',
    });
    expect(res.status).toBe(409);
    expect(await t.db.selectFrom('publications').selectAll().execute()).toHaveLength(0);
    expect(
      await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'results.approve_publish')
        .execute(),
    ).toHaveLength(0);
  });

  it('lets a participant see their own result only after it is published, then approves and publishes in one audited act', async () => {
    const [a, b] = scored;
    if (!a || !b) throw new Error('fixture');
    const tokenA = await participantToken(a);
    expect((await ownResult(tokenA)).status).toBe(404);

    const assessorTry = await assessor.request('POST', `${base}/publication`, { reason: 'coba' });
    expect(assessorTry.status).toBe(403);

    const res = await bkd.request<{
      published: number;
      belumDipetakan: number;
      publishedAt: string;
      validUntil: string;
    }>('POST', `${base}/publication`, { reason: 'Hasil telah ditelaah asesor dan disetujui Kepala BKD' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ published: 3, belumDipetakan: 1 });
    expect(
      new Date(res.body.validUntil).getUTCFullYear() - new Date(res.body.publishedAt).getUTCFullYear(),
    ).toBe(3);
    const pubs = await t.db.selectFrom('publications').selectAll().execute();
    expect(pubs).toHaveLength(3);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'results.approve_publish')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      reason: 'Hasil telah ditelaah asesor dan disetujui Kepala BKD',
      target_id: fixture.campaignId,
    });
    expect(audit[0]?.detail).toMatchObject({ published: 3, belumDipetakan: 1 });
    // the same transaction: publication time and audit time agree
    expect(Math.abs((audit[0]?.at.getTime() ?? 0) - (pubs[0]?.published_at.getTime() ?? 0))).toBeLessThan(
      1000,
    );

    const mine = await ownResult(tokenA);
    expect(mine.status).toBe(200);
    expect(mine.body.result?.resultId).toBe(a.resultId);
    const theirs = await ownResult(await participantToken(b));
    expect(theirs.body.result?.resultId).toBe(b.resultId);
    const never = unscored[0];
    if (!never) throw new Error('fixture');
    expect((await ownResult(await participantToken(never))).status).toBe(404);
    expect((await ownResult('not-a-token')).status).toBe(401);

    // The PDF (the worker's full report of the published version): publication-participant.test.ts.

    const again = await bkd.request<{ published: number }>('POST', `${base}/publication`, {
      reason: 'ulang',
    });
    expect(again.body.published).toBe(0);
  });
});
