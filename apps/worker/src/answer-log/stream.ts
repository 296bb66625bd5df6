// Redis side of the drain: the per-shard answer-log stream, its `drain` consumer group, and the
// dead-letter stream where entries that can never be stored are kept for a person to look at.
import { ExamKeys, STREAM_GROUP } from '@petakom/exam-store';
import type { Redis } from 'ioredis';

export const DRAIN_GROUP = STREAM_GROUP;

/** The key layout is the exam store's; the shard count does not change a stream's name. */
export function answerLogKey(prefix: string, shard: number): string {
  return new ExamKeys({ prefix, shards: shard + 1 }).stream(shard);
}

/** Same hash tag as the shard's stream, so it lives on the same slot. */
export function deadLetterKey(prefix: string, shard: number): string {
  return `${prefix}{s${shard}}:alog:dead`;
}

export interface RawEntry {
  id: string;
  /** null when the entry was deleted while pending (XCLAIM/XREADGROUP of history report these). */
  fields: string[] | null;
}

type RawReply = [string, string[] | null][];

export async function ensureGroup(redis: Redis, key: string): Promise<void> {
  try {
    // From 0: entries written before the group existed are drained too.
    await redis.xgroup('CREATE', key, DRAIN_GROUP, '0', 'MKSTREAM');
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('BUSYGROUP')) throw err;
  }
}

/**
 * Reads up to `count` entries. `from` = '>' gives new entries; '0' gives this consumer's own pending
 * entries (delivered before a restart under the same consumer name, never acknowledged).
 */
export async function readGroup(
  redis: Redis,
  key: string,
  consumer: string,
  from: '>' | '0',
  count: number,
  blockMs: number,
): Promise<RawEntry[]> {
  const reply = (await redis.xreadgroup(
    'GROUP',
    DRAIN_GROUP,
    consumer,
    'COUNT',
    count,
    'BLOCK',
    blockMs,
    'STREAMS',
    key,
    from,
  )) as [string, RawReply][] | null;
  const entries = reply?.[0]?.[1] ?? [];
  return entries.map(([id, fields]) => ({ id, fields }));
}

/** Takes over entries another consumer left unacknowledged longer than `minIdleMs`. */
export async function autoClaim(
  redis: Redis,
  key: string,
  consumer: string,
  minIdleMs: number,
  cursor: string,
  count: number,
): Promise<{ next: string; entries: RawEntry[]; deleted: string[] }> {
  const reply = (await redis.xautoclaim(key, DRAIN_GROUP, consumer, minIdleMs, cursor, 'COUNT', count)) as [
    string,
    RawReply,
    string[]?,
  ];
  const [next, entries, deleted] = reply;
  return { next, entries: entries.map(([id, fields]) => ({ id, fields })), deleted: deleted ?? [] };
}

/**
 * Acknowledges stored entries and deletes them from the stream in one transaction: once Postgres
 * holds them the stream copy only costs memory.
 */
export async function ackAndDelete(redis: Redis, key: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const results = await redis
    .multi()
    .xack(key, DRAIN_GROUP, ...ids)
    .xdel(key, ...ids)
    .exec();
  const failed = results?.find(([err]) => err !== null);
  if (results === null || failed) throw failed?.[0] ?? new Error('XACK/XDEL transaction aborted');
}

export async function deadLetter(
  redis: Redis,
  key: string,
  entry: { id: string; fields: readonly string[] | null; error: string },
): Promise<void> {
  await redis.xadd(
    key,
    '*',
    'source_id',
    entry.id,
    'error',
    entry.error,
    'fields',
    JSON.stringify(entry.fields ?? []),
    'at',
    String(Date.now()),
  );
}

/**
 * Forgets consumers with nothing pending that have been silent for `idleMs` (workers that were
 * restarted under a new name). Harmless even for a live one: XREADGROUP recreates it.
 */
export async function pruneConsumers(
  redis: Redis,
  key: string,
  self: string,
  idleMs: number,
): Promise<number> {
  const consumers = (await redis.xinfo('CONSUMERS', key, DRAIN_GROUP)) as (string | number)[][];
  let pruned = 0;
  for (const flat of consumers) {
    const info = new Map<string, string | number>();
    for (let n = 0; n + 1 < flat.length; n += 2) info.set(String(flat[n]), flat[n + 1] as string | number);
    const name = String(info.get('name'));
    if (name === self || Number(info.get('pending')) > 0 || Number(info.get('idle')) < idleMs) continue;
    await redis.xgroup('DELCONSUMER', key, DRAIN_GROUP, name);
    pruned += 1;
  }
  return pruned;
}
