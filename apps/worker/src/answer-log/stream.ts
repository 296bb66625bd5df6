// Redis side of the drain: the per-shard answer-log stream, its `drain` consumer group (read with
// NOACK: the stream itself holds what is not yet stored), and the dead-letter stream where entries
// that can never be stored are kept for a person to look at.
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
  fields: string[];
}

type RawReply = [string, string[]][];

export async function ensureGroup(redis: Redis, key: string): Promise<void> {
  try {
    // From 0: entries written before the group existed are drained too.
    await redis.xgroup('CREATE', key, DRAIN_GROUP, '0', 'MKSTREAM');
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('BUSYGROUP')) throw err;
  }
}

/**
 * Reads up to `count` entries no consumer of the group has been given yet. NOACK: the group keeps
 * no pending list. Redis would otherwise record every entry handed out, and write an `XCLAIM` of
 * it to the append-only file (~200 bytes an answer, about a third of what an answer appends there),
 * only for the drain to acknowledge it a second later. The stream itself is the list of what is not
 * yet stored: the drain deletes an entry once Postgres holds it (see readUnstored).
 */
export async function readNew(
  redis: Redis,
  key: string,
  consumer: string,
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
    'NOACK',
    'STREAMS',
    key,
    '>',
  )) as [string, RawReply][] | null;
  const entries = reply?.[0]?.[1] ?? [];
  return entries.map(([id, fields]) => ({ id, fields }));
}

/** One record of an `XINFO` reply, which Redis gives as a flat [name, value, name, value…] list. */
function infoFields(flat: readonly unknown[]): Map<string, unknown> {
  const info = new Map<string, unknown>();
  for (let n = 0; n + 1 < flat.length; n += 2) info.set(String(flat[n]), flat[n + 1]);
  return info;
}

/** The id of the last entry the group handed out ('0-0' before the first); null without the group. */
export async function lastDelivered(redis: Redis, key: string): Promise<string | null> {
  const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
  const drain = groups.map(infoFields).find((info) => info.get('name') === DRAIN_GROUP);
  return drain ? String(drain.get('last-delivered-id')) : null;
}

/**
 * The oldest entries handed out (id ≤ `upTo`, the group's last delivered id) and still in the
 * stream, which a worker deletes only after storing them: a live worker has them in hand, or its
 * worker died with them before the deletion (stored or not; storing them again changes nothing).
 */
export async function readUnstored(
  redis: Redis,
  key: string,
  upTo: string,
  count: number,
): Promise<RawEntry[]> {
  const entries = (await redis.xrange(key, '-', upTo, 'COUNT', count)) as RawReply;
  return entries.map(([id, fields]) => ({ id, fields }));
}

/** The millisecond part of a stream id: when Redis appended the entry, by its own clock. */
export function entryTimeMs(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** Deletes stored entries: once Postgres holds them the stream copy only costs memory. */
export async function deleteStored(redis: Redis, key: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await redis.xdel(key, ...ids);
}

/**
 * Acknowledges and deletes in one transaction: for entries taken over from the stream, which a
 * worker of an earlier release may have read into the group's pending list (an acknowledgement of
 * an entry that is not pending changes nothing).
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
  const consumers = (await redis.xinfo('CONSUMERS', key, DRAIN_GROUP)) as unknown[][];
  let pruned = 0;
  for (const info of consumers.map(infoFields)) {
    const name = String(info.get('name'));
    if (name === self || Number(info.get('pending')) > 0 || Number(info.get('idle')) < idleMs) continue;
    await redis.xgroup('DELCONSUMER', key, DRAIN_GROUP, name);
    pruned += 1;
  }
  return pruned;
}
