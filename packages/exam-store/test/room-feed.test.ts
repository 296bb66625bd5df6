import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ExamStore, RoomFeed, shardOf } from '../src/index.ts';

const prefix = `pk-test:${randomUUID()}:`;
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const store = new ExamStore(redis, { prefix, shards: 4 });
const feed = new RoomFeed(redis, store.keys);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('room feed', () => {
  it('keeps incidents in order and lets only the first acknowledgement stand', async () => {
    const a = await feed.addIncident({
      sessionId: 's1',
      attemptId: 'a1',
      kind: 'focus_lost',
      at: 1,
      detail: {},
    });
    await feed.addIncident({ sessionId: 's1', attemptId: 'a2', kind: 'device_rejected', at: 2, detail: {} });
    expect(await feed.acknowledge('s1', a.id, { note: 'sudah ditegur', by: 'Pengawas', at: 3 })).toBe(true);
    expect(await feed.acknowledge('s1', a.id, { note: 'kedua', by: 'Lain', at: 4 })).toBe(false);
    const list = await feed.incidents('s1');
    expect(list.map((i) => [i.kind, i.ack?.note ?? null])).toEqual([
      ['focus_lost', 'sudah ditegur'],
      ['device_rejected', null],
    ]);
  });

  it('remembers when a seat went offline until it comes back', async () => {
    expect(await feed.markOffline('s1', 'a1', 100)).toBe(100);
    expect(await feed.markOffline('s1', 'a1', 200)).toBe(100);
    expect(await feed.markOnline('s1', ['a1'])).toEqual([100]);
    expect(await feed.markOnline('s1', ['a1'])).toEqual([null]);
  });

  it('clears and tells the offline marks of the seats of a room together, leaving other rooms alone', async () => {
    await feed.markOffline('s4', 'a1', 100);
    await feed.markOffline('s4', 'a3', 300);
    await feed.markOffline('s5', 'a1', 500);
    expect(await feed.markOnline('s4', ['a1', 'a2', 'a3'])).toEqual([100, null, 300]);
    expect(await feed.offlineSeats('s4')).toEqual(new Map());
    expect(await feed.offlineSeats('s5')).toEqual(new Map([['a1', 500]]));
    expect(await feed.markOnline('s4', [])).toEqual([]);
  });

  it('tells which seats of a room are marked absent', async () => {
    await feed.setAbsent('s6', 'a2', true);
    await feed.setAbsent('s6', 'a3', true);
    await feed.setAbsent('s6', 'a3', false);
    expect(await feed.absentAmong('s6', ['a1', 'a2', 'a3'])).toEqual([false, true, false]);
    expect(await feed.absentAmong('s7', ['a2'])).toEqual([false]);
  });

  it('lets exactly one caller report each disconnection episode of a seat', async () => {
    await feed.markOffline('s3', 'a1', 1000);
    expect(await feed.offlineSeats('s3')).toEqual(new Map([['a1', 1000]]));
    const claims = await Promise.all([1, 2, 3].map(() => feed.claimLongDisconnect('s3', 'a1', 1000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await feed.claimLongDisconnect('s3', 'a1', 1000)).toBe(false);
    // the seat came back and went away again: a new episode is reported again
    expect(await feed.claimLongDisconnect('s3', 'a1', 9000)).toBe(true);
  });

  it('discards a prepared attempt nobody logged into, but never a claimed one', async () => {
    const input = (attemptId: string) => ({
      attemptId,
      sessionId: 's2',
      batteryId: 'b',
      endsAt: null,
      sections: [
        {
          key: 'potensi',
          title: 'P',
          kind: 'potensi' as const,
          instructions: '',
          timeLimitMs: 60_000,
          items: [{ itemId: 'i1', allowed: ['A'] }],
        },
      ],
    });
    const fresh = randomUUID();
    // In the same shard, so the two share one copy of their form's item map.
    let claimed = randomUUID();
    while (shardOf(claimed, 4) !== shardOf(fresh, 4)) claimed = randomUUID();
    await store.prepareAttempt(input(fresh));
    await store.prepareAttempt(input(claimed));
    await store.claimDevice(claimed, 'dev-1');
    expect(await feed.discardUnstarted(fresh, 's2')).toBe(true);
    expect(await feed.discardUnstarted(claimed, 's2')).toBe(false);
    expect(await store.readAttempt(fresh)).toBeNull();
    expect(await store.sessionAttemptIds('s2')).toEqual([claimed]);
    // The discarded attempt's form stays for the attempts that share it.
    await store.startSection(claimed, 'potensi');
    expect(await store.answer(claimed, { itemId: 'i1', value: 'A', seq: 1 })).toMatchObject({ ok: true });
  });
});
