// How far the worker is behind: entries still in the answer-log streams (unread or pending).
import { ExamKeys, STREAM_GROUP } from '@petakom/exam-store';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';

export async function drainBacklog(redis: Redis, prefix: string, shards: number): Promise<number> {
  const keys = new ExamKeys({ prefix, shards });
  let backlog = 0;
  for (let shard = 0; shard < shards; shard++) {
    const key = keys.stream(shard);
    if ((await redis.exists(key)) === 0) continue;
    // The drain deletes what it has stored, so the length is what is left; pending is counted
    // separately in case a consumer holds entries it has not deleted yet.
    const length = await redis.xlen(key);
    const [pending] = (await redis.xpending(key, STREAM_GROUP).catch(() => [0])) as [number];
    backlog += Math.max(length, pending);
  }
  return backlog;
}

export async function waitForDrain(
  redis: Redis,
  prefix: string,
  shards: number,
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await drainBacklog(redis, prefix, shards)) > 0) {
    if (Date.now() > until) throw new Error('the worker did not drain the answer log in time');
    await sleep(100);
  }
}
