// The server's Redis client sends a turn's commands in one write, answers each its own reply, and
// loses none of them when the connection drops with the turn's write still corked.
import { deleteRedisPrefix, uniqueRedisPrefix } from '@petakom/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoalescingRedis } from '../src/coalescing-redis.ts';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = uniqueRedisPrefix('server-coalescing-redis');
let redis: CoalescingRedis;

/** Counts the socket's writes to the kernel (one per `_write` or `_writev`) while `work` runs. */
async function writesDuring<T>(work: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const socket = redis.stream as unknown as {
    _write: (...a: unknown[]) => void;
    _writev: (...a: unknown[]) => void;
  };
  const write = socket._write;
  const writev = socket._writev;
  let writes = 0;
  socket._write = function (this: unknown, ...a: unknown[]) {
    writes++;
    return write.apply(this, a);
  };
  socket._writev = function (this: unknown, ...a: unknown[]) {
    writes++;
    return writev.apply(this, a);
  };
  try {
    return { result: await work(), writes };
  } finally {
    socket._write = write;
    socket._writev = writev;
  }
}

beforeAll(async () => {
  redis = new CoalescingRedis(url, { maxRetriesPerRequest: 3 });
  await redis.ping();
});

afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
});

describe('coalescing Redis client', () => {
  it("sends one turn's commands in one write and answers each with its own reply", async () => {
    const n = 200;
    const { result, writes } = await writesDuring(() =>
      Promise.all(Array.from({ length: n }, (_, i) => redis.incrby(`${prefix}n:${i % 10}`, i))),
    );
    expect(writes).toBe(1);
    // INCRBY replies the running total of its own key: each reply is its own command's.
    const totals = new Map<number, number>();
    result.forEach((value, i) => {
      const total = (totals.get(i % 10) ?? 0) + i;
      totals.set(i % 10, total);
      expect(value).toBe(total);
    });
  });

  it('sends a command of a later turn without waiting for more traffic', async () => {
    await redis.set(`${prefix}alone`, 'a');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { result, writes } = await writesDuring(() => redis.get(`${prefix}alone`));
    expect(result).toBe('a');
    expect(writes).toBe(1);
  });

  it('resends a corked turn when the connection drops before it left', async () => {
    const pending = Array.from({ length: 20 }, (_, i) => redis.set(`${prefix}drop:${i}`, String(i)));
    // Still corked: nothing of this turn has reached Redis when the socket dies.
    redis.stream.destroy();
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 20 }, () => 'OK'));
    const stored = await redis.mget(...Array.from({ length: 20 }, (_, i) => `${prefix}drop:${i}`));
    expect(stored).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });
});
