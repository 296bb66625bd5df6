// How far the worker is behind: entries still in the answer-log streams (not stored yet).
import { answerLogBacklog, ExamKeys } from '@petakom/exam-store';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';

export async function drainBacklog(redis: Redis, prefix: string, shards: number): Promise<number> {
  return answerLogBacklog(redis, new ExamKeys({ prefix, shards }));
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
