// How far the drain is behind: it deletes an answer-log entry once Postgres holds it, so the
// streams' length is what is not stored yet.
import type { Redis } from 'ioredis';
import type { ExamKeys } from './keys.ts';

export async function answerLogBacklog(redis: Redis, keys: ExamKeys): Promise<number> {
  let backlog = 0;
  for (let shard = 0; shard < keys.shards; shard++) backlog += await redis.xlen(keys.stream(shard));
  return backlog;
}
