// The Redis half of the test harness: per-file key prefixes and their cleanup.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisPrefix, uniqueRedisPrefix } from '../src/testing.ts';

let redis: Redis;
const prefix = uniqueRedisPrefix('testing harness');

beforeAll(() => {
  redis = new Redis(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  redis.disconnect();
});

describe('redis prefixes', () => {
  it('gives every caller a different prefix that names the test', () => {
    const a = uniqueRedisPrefix('Answer drain!');
    const b = uniqueRedisPrefix('Answer drain!');
    expect(a).toMatch(/^t:answer_drain:[0-9a-f]{8}:$/);
    expect(a).not.toBe(b);
  });

  it('deletes every key under a prefix and nothing outside it', async () => {
    const mine = `${prefix}a:`;
    const neighbour = `${prefix}ab:`;
    const keys = Array.from({ length: 1200 }, (_, i) => `${mine}{s${i % 16}}:k${i}`);
    await redis.mset(Object.fromEntries(keys.map((k) => [k, '1'])));
    await redis.set(`${neighbour}keep`, '1');

    expect(await deleteRedisPrefix(redis, mine)).toBe(1200);
    expect(await redis.exists(...keys.slice(0, 50))).toBe(0);
    expect(await redis.get(`${neighbour}keep`)).toBe('1');
  });

  it('matches glob characters in a prefix literally', async () => {
    const literal = `${prefix}[x]*:`;
    await redis.set(`${literal}k`, '1');
    await redis.set(`${prefix}x:k`, '1');
    expect(await deleteRedisPrefix(redis, literal)).toBe(1);
    expect(await redis.get(`${prefix}x:k`)).toBe('1');
  });

  it('refuses an empty prefix rather than flush the whole Redis', async () => {
    await expect(deleteRedisPrefix(redis, '')).rejects.toThrow(/empty prefix/);
  });
});
