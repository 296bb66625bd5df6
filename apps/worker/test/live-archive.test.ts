// The live-state archive against the real Redis and Postgres: a long-ended session's attempts and
// room feed move to Postgres and leave Redis, but only once none of its attempts can still change.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { ExamStore, RoomFeed, type ArchivedSeat, type RoomIncidentEntry } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveEndedSessions, type LiveArchiveDeps } from '../src/live-archive/live-archive.ts';
import { startLiveArchiveWorker } from '../src/live-archive/live-archive.worker.ts';
import { createLogger } from '../src/logger.ts';
import { insertAttempts, type AttemptFixture } from './fixtures.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const HOUR = 3_600_000;

let testDb: TestDatabase;
let redis: Redis;
let prefix: string;
let store: ExamStore;
let feed: RoomFeed;
let deps: LiveArchiveDeps;
/** Session 1: A finishes, B finishes later, C never comes (marked absent). */
let room: AttemptFixture;
/** Session 2, ended as long ago: D is still answering (a paused room nobody resumed, say). */
let other: AttemptFixture;
const battery = randomUUID();
const items = [randomUUID(), randomUUID()];

beforeAll(async () => {
  testDb = await createTestDatabase('worker_live_archive');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_live_archive');
  store = new ExamStore(redis, { prefix, shards: 4 });
  feed = new RoomFeed(redis, store.keys);
  deps = { db: testDb.db, redis, store, feed, log: createLogger('silent') };
  room = await insertAttempts(testDb.db, 3);
  other = await insertAttempts(testDb.db, 1);
});

afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await testDb.destroy();
});

function id(fixture: AttemptFixture, n: number): string {
  const attemptId = fixture.attemptIds[n];
  if (!attemptId) throw new Error(`no attempt ${n}`);
  return attemptId;
}

async function prepare(fixture: AttemptFixture, n: number) {
  await store.prepareAttempt({
    attemptId: id(fixture, n),
    sessionId: fixture.sessionId,
    batteryId: battery,
    // Startable now; the archive runs "two hours later" below.
    endsAt: Date.now() + HOUR,
    sections: [
      {
        key: 'inventory',
        title: 'Inventory',
        kind: 'inventory',
        instructions: '',
        timeLimitMs: 30 * 60_000,
        items: items.map((itemId) => ({ itemId, allowed: [1, 2, 3, 4, 5] })),
      },
    ],
  });
}

async function storedAs(attemptId: string, status: 'in_progress' | 'finished') {
  await testDb.db
    .updateTable('attempts')
    .set({ status, started_at: new Date(), closed_at: status === 'finished' ? new Date() : null })
    .where('id', '=', attemptId)
    .execute();
}

/** Every key under the test prefix that names one of these ids. */
async function keysNaming(ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys.filter((k) => ids.some((i) => k.includes(i))));
  } while (cursor !== '0');
  return found;
}

async function archiveRow(sessionId: string) {
  return testDb.db
    .selectFrom('session_live_archive')
    .selectAll()
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

describe('live-state archive', () => {
  it('leaves a session alone until it ended longer ago than the retention', async () => {
    for (const n of [0, 1, 2]) await prepare(room, n);
    await prepare(other, 0);
    // The fixtures' sessions ended on 2026-11-22: a year's retention keeps them.
    const run = await archiveEndedSessions(deps, { afterMs: 365 * 24 * HOUR });
    expect(run).toEqual({ archived: [], waiting: [] });
    expect(await archiveRow(room.sessionId)).toBeUndefined();
  });

  it('waits while an attempt still runs or its closing is not yet stored in Postgres', async () => {
    const [a, b, c] = [id(room, 0), id(room, 1), id(room, 2)];
    const d = id(other, 0);
    for (const attemptId of [a, b, d]) {
      expect((await store.startSection(attemptId, 'inventory')).ok).toBe(true);
      await storedAs(attemptId, 'in_progress');
    }
    expect((await store.answer(a, { itemId: items[0] as string, value: 4, seq: 1 })).ok).toBe(true);
    expect((await store.finishAttempt(a, 'finished', 'finished')).ok).toBe(true);
    await storedAs(a, 'finished');
    // B closed in Redis, but the drain has not stored its closing yet.
    expect((await store.finishAttempt(b, 'finished', 'finished')).ok).toBe(true);
    await feed.setAbsent(room.sessionId, c, true);
    const incident = await feed.addIncident({
      sessionId: room.sessionId,
      attemptId: a,
      kind: 'device_rejected',
      at: Date.now(),
      detail: { deviceId: 'pc-07' },
    });
    await feed.acknowledge(room.sessionId, incident.id, {
      note: 'PC diganti',
      by: 'Pengawas',
      at: Date.now(),
    });

    const run = await archiveEndedSessions(deps, { afterMs: HOUR, now: Date.now() + 2 * HOUR });

    expect(run.archived).toEqual([]);
    expect(run.waiting).toEqual(
      expect.arrayContaining([
        { sessionId: room.sessionId, liveAttempts: 1 },
        { sessionId: other.sessionId, liveAttempts: 1 },
      ]),
    );
    expect(await archiveRow(room.sessionId)).toBeUndefined();
    expect((await store.readSeat(b))?.status).toBe('finished');
  });

  it('archives a settled session into Postgres and deletes it from Redis, and no other', async () => {
    const [a, b, c] = [id(room, 0), id(room, 1), id(room, 2)];
    const d = id(other, 0);
    await storedAs(b, 'finished');
    const formKeys = await redis.keys(`${prefix}*:form:*`);
    expect(formKeys.length).toBeGreaterThan(0);

    const run = await archiveEndedSessions(deps, { afterMs: HOUR, now: Date.now() + 2 * HOUR });

    expect(run.archived).toEqual([room.sessionId]);
    expect(run.waiting).toEqual([{ sessionId: other.sessionId, liveAttempts: 1 }]);
    const row = await archiveRow(room.sessionId);
    expect(row?.cleared_at).toBeInstanceOf(Date);
    const seats = new Map((row?.seats as unknown as ArchivedSeat[]).map((s) => [s.attemptId, s]));
    expect(seats.get(a)).toMatchObject({
      status: 'finished',
      answered: 1,
      absent: false,
      closeReason: 'finished',
    });
    expect(seats.get(a)?.startedAt).toEqual(expect.any(Number));
    expect(seats.get(a)?.closedAt).toEqual(expect.any(Number));
    expect(seats.get(b)).toMatchObject({ status: 'finished', answered: 0 });
    expect(seats.get(c)).toMatchObject({ status: 'prepared', absent: true, startedAt: null });
    const incidents = row?.incidents as unknown as RoomIncidentEntry[];
    expect(incidents).toEqual([
      expect.objectContaining({
        attemptId: a,
        kind: 'device_rejected',
        ack: expect.objectContaining({ note: 'PC diganti' }),
      }),
    ]);

    expect(await keysNaming([room.sessionId, a, b, c])).toEqual([]);
    expect(await store.readSeat(a)).toBeNull();
    expect(await store.sessionAttemptIds(room.sessionId)).toEqual([]);
    // Another session's live state and what sessions share stay.
    expect((await store.readSeat(d))?.status).toBe('in_progress');
    expect((await keysNaming([other.sessionId, d])).length).toBeGreaterThan(0);
    expect(await redis.keys(`${prefix}*:form:*`)).toEqual(formKeys);

    // Archived once: the next run neither reads it again nor writes it twice.
    const again = await archiveEndedSessions(deps, { afterMs: HOUR, now: Date.now() + 2 * HOUR });
    expect(again.archived).toEqual([]);
    expect((await archiveRow(room.sessionId))?.archived_at).toEqual(row?.archived_at);
  });

  it('finishes deleting a session whose archive was written before a crash', async () => {
    const d = id(other, 0);
    expect((await store.finishAttempt(d, 'finished', 'finished')).ok).toBe(true);
    await storedAs(d, 'finished');
    // As if a run stopped between its insert and the deletion: the archive already holds the room.
    await testDb.db
      .insertInto('session_live_archive')
      .values({ session_id: other.sessionId, seats: '[]', incidents: '[]' })
      .execute();

    const run = await archiveEndedSessions(deps, { afterMs: HOUR, now: Date.now() + 2 * HOUR });

    expect(run).toEqual({ archived: [other.sessionId], waiting: [] });
    expect(await keysNaming([other.sessionId, d])).toEqual([]);
    expect((await archiveRow(other.sessionId))?.seats).toEqual([]);
  });

  it('goes through every page of ended sessions, however many, passing over those that wait', async () => {
    // Same end time for all (the fixture's): the page boundary falls between sessions that only
    // their ids order.
    const rooms = [];
    for (let n = 0; n < 6; n++) rooms.push(await insertAttempts(testDb.db, 1));
    for (const [n, r] of rooms.entries()) {
      await prepare(r, 0);
      expect((await store.startSection(id(r, 0), 'inventory')).ok).toBe(true);
      // The third session in creation order is still answering; the rest are over.
      if (n === 2) continue;
      expect((await store.finishAttempt(id(r, 0), 'finished', 'finished')).ok).toBe(true);
      await storedAs(id(r, 0), 'finished');
    }
    const running = rooms[2] as AttemptFixture;
    const over = rooms.filter((r) => r !== running).map((r) => r.sessionId);

    const run = await archiveEndedSessions(deps, {
      afterMs: HOUR,
      now: Date.now() + 2 * HOUR,
      pageSize: 2,
    });

    expect(run.archived.toSorted()).toEqual(over.toSorted());
    expect(run.waiting).toEqual([{ sessionId: running.sessionId, liveAttempts: 1 }]);
    for (const sessionId of over) expect((await archiveRow(sessionId))?.cleared_at).toBeInstanceOf(Date);
    expect((await store.readSeat(id(running, 0)))?.status).toBe('in_progress');
    // Out of the way of the next test.
    expect((await store.finishAttempt(id(running, 0), 'finished', 'finished')).ok).toBe(true);
    await storedAs(id(running, 0), 'finished');
  });

  it('runs on its schedule in the worker', async () => {
    const later = await insertAttempts(testDb.db, 1);
    await prepare(later, 0);
    const archive = startLiveArchiveWorker({
      db: testDb.db,
      redis,
      redisPrefix: prefix,
      shards: 4,
      logger: createLogger('silent'),
      // The fixture's sessions ended in 2026-11: well past an hour.
      afterMs: HOUR,
      everyMs: 200,
    });
    try {
      await archive.scheduled;
      // Prepared, never started, its end (an hour from now in Redis) not yet passed: it waits.
      await sleep(1_000);
      expect(await archiveRow(later.sessionId)).toBeUndefined();
      await redis.hset(store.keys.attempt(id(later, 0)), 'end', String(Date.now() - 1));
      await waitFor(
        'the scheduled archive',
        async () => (await archiveRow(later.sessionId))?.cleared_at ?? undefined,
      );
      expect(await keysNaming([later.sessionId, id(later, 0)])).toEqual([]);
    } finally {
      await archive.close();
    }
  });
});
