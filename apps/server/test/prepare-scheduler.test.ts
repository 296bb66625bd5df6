// The scheduler that prepares sessions ahead of their start, so a synchronized start does no heavy
// work: it prepares what opens within PREPARE_AHEAD_SEC, once, and leaves later sessions alone.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import { login, loginOk, sleep, startTestServer } from './harness.ts';

const HOUR = 3600_000;

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let fixture: ExamFixture;
let soon: FixtureSession;
let far: FixtureSession;
const prefix = uniqueRedisPrefix('server-prepare-scheduler');

beforeAll(async () => {
  tdb = await createTestDatabase('server-prepare-scheduler');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  fixture = await createExamFixture(tdb.db);
  const now = Date.now();
  soon = await fixture.addSession({
    participants: 3,
    startsAt: new Date(now + 0.5 * HOUR),
    endsAt: new Date(now + 3.5 * HOUR),
    status: 'scheduled',
  });
  far = await fixture.addSession({
    participants: 2,
    startsAt: new Date(now + 5 * HOUR),
    endsAt: new Date(now + 8 * HOUR),
    status: 'scheduled',
  });
  // Prepares up to two hours ahead (the default, said here so the test does not hang on it).
  ({ server, url } = await startTestServer(tdb, prefix, { PREPARE_AHEAD_SEC: String(2 * 3600) }));
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function attemptRows(sessionId: string) {
  return tdb.db.selectFrom('attempts').select(['id', 'form']).where('session_id', '=', sessionId).execute();
}

describe('preparing sessions ahead', () => {
  it('prepares a session opening within the window, with every attempt form in Redis, and not one opening later', async () => {
    const { store } = server.ctx;
    expect(await store.sessionAttemptIds(soon.sessionId)).toEqual([]);

    expect(await server.scheduler.runOnce()).toEqual([soon.sessionId]);

    const rows = await attemptRows(soon.sessionId);
    expect(rows).toHaveLength(soon.participants.length);
    expect((await store.sessionAttemptIds(soon.sessionId)).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const row of rows) {
      const record = await store.readAttempt(row.id);
      expect(record).toMatchObject({ sessionId: soon.sessionId, status: 'prepared', deviceId: null });
      // The form in Redis is the attempt's own seeded form from Postgres, section by section.
      const form = row.form as unknown as { sections: { key: string; itemIds: string[] }[] };
      expect(record?.sections.map((s) => [s.key, s.order.map((o) => o.itemId)])).toEqual(
        form.sections.map((s) => [s.key, s.itemIds]),
      );
    }
    const views = await store.getViews(fixture.batteryId, fixture.sections['potensi']!);
    expect(views.every((v) => v !== null)).toBe(true);
    expect(await redis.hget(store.keys.session(soon.sessionId), 'prepared')).toBe('1');

    expect(await attemptRows(far.sessionId)).toEqual([]);
    expect(await store.sessionAttemptIds(far.sessionId)).toEqual([]);
    expect(await redis.hget(store.keys.session(far.sessionId), 'prepared')).toBeNull();
  });

  it('prepares a session only once: a second run and the first logins find it ready', async () => {
    const sessionKey = server.ctx.store.keys.session(soon.sessionId);
    expect(await server.scheduler.runOnce()).toEqual([]);
    const p = soon.participants[0]!;
    const roomToken = (await server.ctx.roomTokens.state(soon.sessionId, Date.now())).current;
    const res = await loginOk(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken,
      deviceId: 'device-s1',
    });
    expect(res.attempt).toMatchObject({ sessionId: soon.sessionId, status: 'prepared' });
    expect(await redis.hget(sessionKey, 'prepareRuns')).toBe('1');
    expect(await attemptRows(soon.sessionId)).toHaveLength(soon.participants.length);
  });

  it('prepares a later session once it comes within the window, as soon as the scheduler starts', async () => {
    const wider = await startTestServer(tdb, prefix, { PREPARE_AHEAD_SEC: String(6 * 3600) });
    try {
      wider.server.scheduler.start();
      const sessionKey = wider.server.ctx.store.keys.session(far.sessionId);
      const until = Date.now() + 15_000;
      while ((await redis.hget(sessionKey, 'prepared')) !== '1' && Date.now() < until) await sleep(50);
      expect(await redis.hget(sessionKey, 'prepared')).toBe('1');
      const rows = await attemptRows(far.sessionId);
      expect(rows).toHaveLength(far.participants.length);
      expect((await wider.server.ctx.store.sessionAttemptIds(far.sessionId)).sort()).toEqual(
        rows.map((r) => r.id).sort(),
      );
      expect(await redis.hget(server.ctx.store.keys.session(soon.sessionId), 'prepareRuns')).toBe('1');
    } finally {
      await wider.server.close();
    }
  }, 30_000);

  it('never prepares an archived session again: its finished attempts stay finished', async () => {
    const past = await fixture.addSession({
      participants: 1,
      startsAt: new Date(Date.now() - 30 * HOUR),
      endsAt: new Date(Date.now() - 27 * HOUR),
      status: 'closed',
    });
    await tdb.db
      .insertInto('session_live_archive')
      .values({ session_id: past.sessionId, seats: '[]', incidents: '[]', cleared_at: new Date() })
      .execute();
    await expect(prepareSession(server.ctx, past.sessionId)).rejects.toThrow(/archived/);
    expect(await server.ctx.store.sessionAttemptIds(past.sessionId)).toEqual([]);
    expect(await attemptRows(past.sessionId)).toEqual([]);

    // Moved back into today by hand: a login is refused plainly, and nothing is prepared.
    await tdb.db
      .updateTable('exam_sessions')
      .set({ starts_at: new Date(Date.now() - HOUR), ends_at: new Date(Date.now() + HOUR), status: 'open' })
      .where('id', '=', past.sessionId)
      .execute();
    const p = past.participants[0]!;
    const roomToken = (await server.ctx.roomTokens.state(past.sessionId, Date.now())).current;
    const res = await login(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId: 'device-a1' });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_OPEN' } });
    expect(await server.ctx.store.sessionAttemptIds(past.sessionId)).toEqual([]);
    expect(await attemptRows(past.sessionId)).toEqual([]);
  });
});
