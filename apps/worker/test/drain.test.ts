// The answer-log drain against the real Redis and Postgres: entries written with XADD in the
// documented stream format must land in Postgres exactly once, whatever crashes in between.
import type { Database } from '@petakom/db';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeBatch } from '../src/answer-log/answer-log.repository.ts';
import { createDrain, lingerUntil, type Drain } from '../src/answer-log/drain.ts';
import { parseEntry } from '../src/answer-log/entry.ts';
import { createWorkerDb } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import { createQueues, type Queues } from '../src/queues.ts';
import { insertAttempts, type AttemptFixture } from './fixtures.ts';
// The same cut-able proxy the durability tests put between the worker and Postgres.
import { startTcpProxy } from '../../../loadtests/src/harness/tcp-proxy.ts';
import { waitFor } from './wait.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SHARDS = 2;

let testDb: TestDatabase;
let redis: Redis;
let prefix: string;
let queues: Queues;
let fixture: AttemptFixture;
const drains: Drain[] = [];
const logger = createLogger('silent');

beforeAll(async () => {
  testDb = await createTestDatabase('worker_drain');
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  prefix = uniqueRedisPrefix('worker_drain');
  queues = createQueues(redis, prefix);
  fixture = await insertAttempts(testDb.db, 12);
});

afterEach(async () => {
  await Promise.all(drains.splice(0).map((d) => d.stop()));
});

afterAll(async () => {
  await queues.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await testDb.destroy();
});

function streamKey(shard: number): string {
  return `${prefix}{s${shard}}:alog`;
}

function attempt(n: number): string {
  const id = fixture.attemptIds[n];
  if (id === undefined) throw new Error(`no attempt ${n} in the fixture`);
  return id;
}

async function xadd(shard: number, fields: Record<string, string>): Promise<string> {
  const id = await redis.xadd(streamKey(shard), '*', ...Object.entries(fields).flat());
  if (id === null) throw new Error('XADD returned no id');
  return id;
}

function answer(attemptId: string, itemId: string, seq: number, value: unknown, doubtful = false) {
  return {
    k: 'answer',
    a: attemptId,
    i: itemId,
    s: String(seq),
    v: JSON.stringify(value),
    d: doubtful ? '1' : '0',
    t: String(Date.now()),
  };
}

function startDrain(
  options: {
    db?: Kysely<Database>;
    consumer?: string;
    forgetConsumersAfterMs?: number;
    lingerMs?: number;
    claimIdleMs?: number;
  } = {},
): Drain {
  const drain = createDrain({
    redis,
    db: options.db ?? testDb.db,
    logger,
    enqueueScoring: queues.enqueueScoring,
    prefix,
    shards: SHARDS,
    consumer: options.consumer ?? 'test-worker',
    blockMs: 100,
    claimIdleMs: options.claimIdleMs ?? 200,
    claimEveryMs: 100,
    ...(options.forgetConsumersAfterMs === undefined
      ? {}
      : { forgetConsumersAfterMs: options.forgetConsumersAfterMs }),
    ...(options.lingerMs === undefined ? {} : { lingerMs: options.lingerMs }),
  });
  drains.push(drain);
  void drain.start();
  return drain;
}

async function logCount(attemptId: string): Promise<number> {
  const row = await testDb.db
    .selectFrom('answer_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('attempt_id', '=', attemptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function streamsEmpty(): Promise<boolean> {
  for (let shard = 0; shard < SHARDS; shard++) {
    if ((await redis.exists(streamKey(shard))) === 0) continue;
    if ((await redis.xlen(streamKey(shard))) > 0) return false;
    const [pending] = (await redis.xpending(streamKey(shard), 'drain')) as [number];
    if (pending > 0) return false;
  }
  return true;
}

/**
 * A worker that is handed the shard's new entries (NOACK, as the drain reads) and dies with them:
 * the entries are written and handed out in one transaction, so a running drain never sees them
 * as new.
 */
async function handOutAndDie(shard: number, entries: Record<string, string>[]): Promise<string[]> {
  const multi = redis.multi();
  for (const fields of entries) multi.xadd(streamKey(shard), '*', ...Object.entries(fields).flat());
  multi.xreadgroup('GROUP', 'drain', 'dead-worker', 'COUNT', 1000, 'NOACK', 'STREAMS', streamKey(shard), '>');
  const results = await multi.exec();
  const read = results?.at(-1)?.[1] as [string, [string, string[]][]][] | null;
  return (read?.[0]?.[1] ?? []).map(([id]) => id);
}

describe('answer-log drain', () => {
  it('stores every entry once when a committed batch is replayed, and clears what an older worker left pending', async () => {
    const attemptId = attempt(0);
    const items = Array.from({ length: 20 }, () => randomUUID());
    for (const [n, itemId] of items.entries()) await xadd(0, answer(attemptId, itemId, n + 1, `opt-${n}`));
    // A worker of an earlier release (reads without NOACK) that commits the batch and dies before its
    // XACK: the entries stay in the stream and pending in the group.
    await redis.xgroup('CREATE', streamKey(0), 'drain', '0', 'MKSTREAM');
    const delivered = (await redis.xreadgroup(
      'GROUP',
      'drain',
      'dead-worker',
      'COUNT',
      100,
      'STREAMS',
      streamKey(0),
      '>',
    )) as [string, [string, string[]][]][];
    const entries = (delivered[0]?.[1] ?? []).map(([id, fields]) => {
      const parsed = parseEntry(0, id, fields);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.entry;
    });
    expect(entries).toHaveLength(20);
    await storeBatch(testDb.db, entries);

    const drain = startDrain();
    await waitFor('the stream to be drained', streamsEmpty);
    expect(await logCount(attemptId)).toBe(20);
    expect(drain.stats.replayed).toBe(20);
    const answers = await testDb.db
      .selectFrom('attempt_answers')
      .select(['item_id', 'value', 'seq'])
      .where('attempt_id', '=', attemptId)
      .execute();
    expect(answers).toHaveLength(20);
    const deadConsumerPending = await redis.xpending(streamKey(0), 'drain', '-', '+', 10, 'dead-worker');
    expect(deadConsumerPending).toEqual([]);
  });

  it('stores at its start what a worker was handed and died with, however recent', async () => {
    const attemptId = attempt(10);
    await redis.xgroup('CREATE', streamKey(1), 'drain', '0', 'MKSTREAM').catch(() => undefined);
    const items = Array.from({ length: 6 }, () => randomUUID());
    const ids = await handOutAndDie(
      1,
      items.map((item, n) => answer(attemptId, item, n + 1, `opt-${n}`)),
    );
    expect(ids).toHaveLength(6);
    // The dead worker had committed the first two before it died.
    const firstTwo = ids.slice(0, 2).map((id, n) => {
      const parsed = parseEntry(
        1,
        id,
        Object.entries(answer(attemptId, items[n] as string, n + 1, `opt-${n}`)).flat(),
      );
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.entry;
    });
    await storeBatch(testDb.db, firstTwo);
    // Far from idle enough to be taken over from another worker: only the start's own pass can.
    const drain = startDrain({ claimIdleMs: 3_600_000 });
    await waitFor('the stream to be drained', streamsEmpty);
    expect(await logCount(attemptId)).toBe(6);
    expect(drain.stats.stored).toBe(4);
    expect(drain.stats.replayed).toBe(2);
  });

  it('takes over what another worker was handed and never stored, once it has been idle long enough', async () => {
    const attemptId = attempt(11);
    const drain = startDrain({ claimIdleMs: 400 });
    // Once it has stored a new entry of the shard, its start's own pass is behind it: from then on
    // only age lets it take over what another worker was handed.
    await xadd(0, answer(attemptId, randomUUID(), 1, 'first'));
    await waitFor('the drain to store a new entry', async () => (await logCount(attemptId)) === 1);
    const handedOutAt = Date.now();
    const items = Array.from({ length: 5 }, () => randomUUID());
    const ids = await handOutAndDie(
      0,
      items.map((item, n) => answer(attemptId, item, n + 1, n)),
    );
    expect(ids).toHaveLength(5);
    await waitFor('the abandoned entries to be stored', async () => (await logCount(attemptId)) === 6);
    expect(Date.now() - handedOutAt).toBeGreaterThanOrEqual(400);
    await waitFor('the stream to be drained', streamsEmpty);
    expect(drain.stats.stored).toBe(6);
  });

  it('creates its group again when the stream is gone, before anything new arrives', async () => {
    const attemptId = attempt(11);
    startDrain();
    const groupNames = async () =>
      ((await redis.xinfo('GROUPS', streamKey(1)).catch(() => [])) as unknown[][]).map((g) => g[1]);
    await waitFor('the drain to create its group', async () => (await groupNames()).includes('drain'));
    await redis.del(streamKey(1));
    await waitFor('the group to be created again', async () => (await groupNames()).includes('drain'), {
      timeoutMs: 3_000,
    });
    const itemId = randomUUID();
    await xadd(1, answer(attemptId, itemId, 1, 'after'));
    await waitFor(
      'the new entry to be stored',
      async () =>
        (await testDb.db
          .selectFrom('answer_log')
          .select('entry_id')
          .where('attempt_id', '=', attemptId)
          .where('item_id', '=', itemId)
          .executeTakeFirst()) !== undefined,
    );
  });

  it('gathers answers that arrive during the linger into the next transaction', async () => {
    const attemptId = attempt(6);
    startDrain({ consumer: 'linger-worker', lingerMs: 1_500 });
    await xadd(1, answer(attemptId, randomUUID(), 1, 'first'));
    await waitFor('the first answer to be stored', async () => (await logCount(attemptId)) === 1);
    // Five answers 100 ms apart: without the linger each would be read (BLOCK 100) and stored alone.
    for (let n = 2; n <= 6; n++) {
      await xadd(1, answer(attemptId, randomUUID(), n, `opt-${n}`));
      await sleep(100);
    }
    await waitFor('the five answers to be stored', async () => (await logCount(attemptId)) === 6);
    // Read from Postgres, not from the drain's counter (counted only after the stream deletion that
    // follows the commit): rows of one transaction share its start time, recorded_at's default.
    const transactions = await testDb.db
      .selectFrom('answer_log')
      .select('recorded_at')
      .distinct()
      .where('attempt_id', '=', attemptId)
      .where('seq', '>=', 2)
      .execute();
    expect(transactions).toHaveLength(1);
  });

  it('reads each shard at its own slot of the linger, so shards woken together drift apart', () => {
    const linger = 1_000;
    const shards = 16;
    // Sixteen shards that all read at the same instant (a burst woke them together)…
    const readAt = 1_780_000_000_123;
    const next = Array.from({ length: shards }, (_, shard) => lingerUntil(readAt, shard, shards, linger));
    for (const at of next) {
      // …each still gathers at least half a linger and reads within one and a half…
      expect(at).toBeGreaterThan(readAt + linger / 2);
      expect(at).toBeLessThanOrEqual(readAt + linger * 1.5);
    }
    // …and they read next at sixteen different moments, a sixteenth of the linger apart.
    const phases = next.map((at) => at % linger).sort((a, b) => a - b);
    expect(phases).toEqual(Array.from({ length: shards }, (_, k) => (k * linger) / shards));
    // Once at its slot, a shard keeps one read per linger.
    const shard = 5;
    const slot = next[shard] as number;
    expect(lingerUntil(slot + 12, shard, shards, linger)).toBe(slot + linger);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const attemptId = attempt(1);
    const itemA = randomUUID();
    const itemB = randomUUID();
    // Same batch, newest first in the stream: the higher seq still wins.
    await xadd(1, answer(attemptId, itemA, 7, 'C'));
    await xadd(1, answer(attemptId, itemA, 6, 'D'));
    await xadd(1, answer(attemptId, itemB, 5, 'B', true));
    startDrain();
    await waitFor('the first answers to be stored', async () => (await logCount(attemptId)) === 3);
    // A later batch carrying an older answer.
    await xadd(1, answer(attemptId, itemB, 3, 'A'));
    await waitFor('the late answer to be logged', async () => (await logCount(attemptId)) === 4);

    const rows = await testDb.db
      .selectFrom('attempt_answers')
      .select(['item_id', 'value', 'seq', 'doubtful'])
      .where('attempt_id', '=', attemptId)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { item_id: itemB, value: 'B', seq: 5, doubtful: true },
      { item_id: itemA, value: 'C', seq: 7, doubtful: false },
    ]);
  });

  it('keeps a flag and an answer of one item apart, each moving the state forward', async () => {
    const attemptId = attempt(2);
    const item = randomUUID();
    await xadd(0, answer(attemptId, item, 1, 'A'));
    startDrain();
    await waitFor('the answer', async () => (await logCount(attemptId)) === 1);
    await xadd(0, { k: 'flag', a: attemptId, i: item, s: '2', d: '1', t: String(Date.now()) });
    await waitFor('the flag', async () => (await logCount(attemptId)) === 2);
    const row = await testDb.db
      .selectFrom('attempt_answers')
      .select(['value', 'seq', 'doubtful'])
      .where('attempt_id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ value: 'A', seq: 2, doubtful: true });
  });

  it('dead-letters a malformed entry and keeps draining the ones after it', async () => {
    const attemptId = attempt(3);
    await xadd(1, answer(attemptId, randomUUID(), 1, 'A'));
    await xadd(1, { k: 'answer', a: 'not-an-attempt', v: '{broken', t: 'yesterday' });
    // Valid in form, but its attempt does not exist: Postgres refuses it (foreign key).
    await xadd(1, answer(randomUUID(), randomUUID(), 1, 'X'));
    await xadd(1, answer(attemptId, randomUUID(), 2, 'B'));
    const drain = startDrain();
    await waitFor('the stream to be drained', streamsEmpty);
    expect(await logCount(attemptId)).toBe(2);
    expect(drain.stats.deadLettered).toBe(2);
    const dead = await redis.xrange(`${prefix}{s1}:alog:dead`, '-', '+');
    expect(dead).toHaveLength(2);
  });

  it('closes the attempt and enqueues exactly one scoring job, even when the close arrives twice', async () => {
    const attemptId = attempt(4);
    const t = Date.now();
    await xadd(0, { k: 'attempt_started', a: attemptId, t: String(t - 60_000) });
    await xadd(0, answer(attemptId, randomUUID(), 1, 3));
    await xadd(0, {
      k: 'attempt_closed',
      a: attemptId,
      t: String(t),
      x: JSON.stringify({ reason: 'deadline' }),
    });
    startDrain();
    await waitFor('the stream to be drained', streamsEmpty);
    // A second server process closing the same attempt (a retry, a race with the sweep).
    await xadd(1, {
      k: 'attempt_closed',
      a: attemptId,
      t: String(t + 5),
      x: JSON.stringify({ reason: 'finished' }),
    });
    await waitFor('the second close to be logged', async () => (await logCount(attemptId)) === 4);

    const row = await testDb.db
      .selectFrom('attempts')
      .select(['status', 'started_at', 'closed_at', 'close_reason'])
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'timed_out',
      started_at: new Date(t - 60_000),
      closed_at: new Date(t),
      close_reason: 'deadline',
    });
    const jobs = await queues.scoring.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.map((j) => j.id)).toEqual([attemptId]);
    expect(jobs[0]?.data).toEqual({ attemptId });
  });

  it('starts and closes many attempts in one batch, the first close of each winning', async () => {
    const ids = [attempt(7), attempt(8), attempt(9)];
    const t = Date.now();
    const fields = [
      ...ids.map((a, n) => ({ k: 'attempt_started', a, t: String(t - 60_000 + n) })),
      // A second start (a resume on another server) does not move the first one.
      { k: 'attempt_started', a: ids[0] as string, t: String(t - 1_000) },
      ...ids.map((a, n) => ({
        k: 'attempt_closed',
        a,
        t: String(t + n),
        x: JSON.stringify({ reason: n === 2 ? 'proctor' : 'deadline' }),
      })),
      // The participant's own "selesai" racing the deadline, later in the same batch: it loses.
      {
        k: 'attempt_closed',
        a: ids[1] as string,
        t: String(t + 50),
        x: JSON.stringify({ reason: 'finished' }),
      },
    ];
    const entries = fields.map((f, n) => {
      const parsed = parseEntry(0, `${t}-${n}`, Object.entries(f).flat());
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.entry;
    });
    const stored = await storeBatch(testDb.db, entries);
    expect(stored.fresh).toBe(entries.length);
    expect(stored.closedAttempts.sort()).toEqual([...ids].sort());

    const rows = await testDb.db
      .selectFrom('attempts')
      .select(['id', 'status', 'started_at', 'closed_at', 'close_reason'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map(({ id, ...rest }) => [id, rest]));
    expect(ids.map((id) => byId.get(id))).toEqual([
      {
        status: 'timed_out',
        started_at: new Date(t - 60_000),
        closed_at: new Date(t),
        close_reason: 'deadline',
      },
      {
        status: 'timed_out',
        started_at: new Date(t - 59_999),
        closed_at: new Date(t + 1),
        close_reason: 'deadline',
      },
      {
        status: 'force_finished',
        started_at: new Date(t - 59_998),
        closed_at: new Date(t + 2),
        close_reason: 'proctor',
      },
    ]);
  });

  it('keeps entries pending while Postgres is unreachable and stores them once it is back', async () => {
    const attemptId = attempt(5);
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    const url = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.port = String(proxy.port);
    const proxiedDb = createWorkerDb(url.toString(), { schema: testDb.schema, max: 2, logger });
    try {
      // Warm the pool so live connections are severed by the cut, as in a real outage.
      await proxiedDb.selectFrom('attempts').select('id').limit(1).execute();
      const drain = startDrain({ db: proxiedDb });
      await proxy.cut();
      const items = Array.from({ length: 10 }, () => randomUUID());
      for (const [n, item] of items.entries()) await xadd(n % SHARDS, answer(attemptId, item, n + 1, n));
      await waitFor('the drain to retry against the missing database', async () => drain.stats.retries >= 3);
      expect(await logCount(attemptId)).toBe(0);
      let pending = 0;
      for (let shard = 0; shard < SHARDS; shard++) pending += (await redis.xlen(streamKey(shard))) as number;
      expect(pending).toBe(10);

      await proxy.restore();
      await waitFor('the stream to be drained', streamsEmpty);
      expect(await logCount(attemptId)).toBe(10);
    } finally {
      await Promise.all(drains.splice(0).map((d) => d.stop()));
      await proxiedDb.destroy();
      await proxy.close();
    }
  });

  it('forgets the consumers of workers that restarted under another name once nothing is pending', async () => {
    await redis.xgroup('CREATE', streamKey(1), 'drain', '0', 'MKSTREAM').catch(() => undefined);
    await redis.xgroup('CREATECONSUMER', streamKey(1), 'drain', 'restarted-worker');
    const names = async () =>
      ((await redis.xinfo('CONSUMERS', streamKey(1), 'drain')) as string[][]).map((c) => c[1]);
    expect(await names()).toContain('restarted-worker');
    await waitFor('the drain to settle', streamsEmpty);
    startDrain({ forgetConsumersAfterMs: 0 });
    await waitFor(
      'the old consumer to be forgotten',
      async () => !(await names()).includes('restarted-worker'),
    );
    expect(await names()).toEqual(['test-worker']);
  });
});
