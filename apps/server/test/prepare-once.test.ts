// A crowd logging in to a session nobody prepared yet: one preparation across processes, every login in.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type FixtureSession } from './fixtures.ts';
import { login, startTestServer } from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let serverA: PetakomServer;
let serverB: PetakomServer;
let urlA: string;
let urlB: string;
let room: FixtureSession;
const prefix = uniqueRedisPrefix('server-prepare-once');

beforeAll(async () => {
  tdb = await createTestDatabase('server-prepare-once');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const fixture = await createExamFixture(tdb.db);
  room = await fixture.addSession({ participants: 30 });
  ({ server: serverA, url: urlA } = await startTestServer(tdb, prefix));
  ({ server: serverB, url: urlB } = await startTestServer(tdb, prefix));
});

afterAll(async () => {
  await serverA?.close();
  await serverB?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('on-demand preparation at login', () => {
  it('lets 30 concurrent first logins into an unprepared session all in, preparing the session once', async () => {
    const sessionKey = serverA.ctx.store.keys.session(room.sessionId);
    expect(await redis.hget(sessionKey, 'prepared')).toBeNull();
    const roomToken = (await serverA.ctx.roomTokens.state(room.sessionId, Date.now())).current;
    const results = await Promise.all(
      room.participants.map((p, i) =>
        login(i % 2 === 0 ? urlA : urlB, {
          nip: p.nip,
          accessCode: p.accessCode,
          roomToken,
          deviceId: `device-crowd-${i}`,
        }),
      ),
    );
    const attemptIds = results.map((r) => {
      if (!r.body.ok) throw new Error(JSON.stringify(r.body));
      return r.body.attempt.attemptId;
    });
    expect(new Set(attemptIds).size).toBe(30);
    const rows = await tdb.db
      .selectFrom('attempts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('session_id', '=', room.sessionId)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(30);
    expect(await redis.hget(sessionKey, 'prepareRuns')).toBe('1');
    expect(await redis.hget(sessionKey, 'prepared')).toBe('1');
    expect((await serverA.ctx.store.sessionAttemptIds(room.sessionId)).sort()).toEqual(
      [...attemptIds].sort(),
    );
  });
});
