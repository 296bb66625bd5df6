// The answer-log drain: one loop per shard reads its stream through the `drain` consumer group,
// stores each batch in one Postgres transaction, enqueues scoring for closed attempts, and only
// then deletes the entries. What a crash leaves behind is still in the stream, never lost: a worker
// takes over entries handed out and not deleted (at its start, after an error, and those a dead
// worker left once they are DRAIN_CLAIM_IDLE_MS old).
import type { Database } from '@petakom/db';
import { redisTimeMs } from '@petakom/exam-store';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import { storeBatch } from './answer-log.repository.ts';
import { parseEntry, type AnswerLogEntry } from './entry.ts';
import {
  ackAndDelete,
  answerLogKey,
  deadLetter,
  deadLetterKey,
  deleteStored,
  ensureGroup,
  entryTimeMs,
  lastDelivered,
  pruneConsumers,
  readNew,
  readUnstored,
  type RawEntry,
} from './stream.ts';

export interface DrainOptions {
  /** Template connection: every shard loop duplicates it, since XREADGROUP BLOCK holds a connection. */
  redis: Redis;
  db: Kysely<Database>;
  enqueueScoring: (attemptId: string) => Promise<void>;
  logger: Logger;
  prefix: string;
  shards: number;
  consumer: string;
  batchSize?: number;
  blockMs?: number;
  /**
   * After a batch smaller than batchSize, the shard reads again at its next slot, about this long
   * after it read (see lingerUntil), so the next batch gathers more (default 0: at once).
   */
  lingerMs?: number;
  /**
   * Entries handed out this long ago and still not stored are taken over (their worker is presumed
   * dead; if it is only slow, both store them and the second changes nothing).
   */
  claimIdleMs?: number;
  claimEveryMs?: number;
  /** Consumers silent this long with nothing pending are forgotten (default one hour). */
  forgetConsumersAfterMs?: number;
}

export interface DrainStats {
  batches: number;
  stored: number;
  replayed: number;
  deadLettered: number;
  /** Failed attempts to reach Postgres or Redis since start; the drain keeps retrying. */
  retries: number;
}

export interface Drain {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly stats: DrainStats;
}

class StoppedError extends Error {}

/** SQLSTATE classes caused by the data itself (22 data exception, 23 integrity): retrying cannot help. */
export function isEntryError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * When a shard that has just read a batch at `readAt` (and lingers) reads next: at its own slot, the
 * first of `shard × lingerMs / shards + k × lingerMs` (epoch ms) after half a linger. A fixed pause
 * after each batch kept the shards in step once a burst had woken them together (every shard stored
 * its batch in the same tenth of a second, once a second, both cores busy with it while the answers
 * in flight waited); at their own slots the batches come evenly spread over the linger, each shard
 * still reading once per linger and gathering at least half of one.
 */
export function lingerUntil(readAt: number, shard: number, shards: number, lingerMs: number): number {
  const offset = (shard * lingerMs) / shards;
  const earliest = readAt + lingerMs / 2;
  return offset + (Math.floor((earliest - offset) / lingerMs) + 1) * lingerMs;
}

function backoffMs(attempt: number): number {
  const base = Math.min(5_000, 100 * 2 ** Math.min(attempt, 10));
  return base / 2 + Math.random() * (base / 2);
}

export function createDrain(options: DrainOptions): Drain {
  const batchSize = options.batchSize ?? 500;
  const blockMs = options.blockMs ?? 1_000;
  const lingerMs = options.lingerMs ?? 0;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const claimEveryMs = options.claimEveryMs ?? Math.max(1_000, Math.floor(claimIdleMs / 2));
  // A consumer silent this long with nothing pending is a worker that restarted under another name.
  const forgetConsumersAfterMs = options.forgetConsumersAfterMs ?? 3_600_000;
  const log = options.logger.child({ feature: 'answer-log-drain', consumer: options.consumer });
  const stats: DrainStats = { batches: 0, stored: 0, replayed: 0, deadLettered: 0, retries: 0 };
  const connections: Redis[] = [];
  let loops: Promise<void>[] = [];
  let stopping = false;

  async function pause(attempt: number): Promise<void> {
    stats.retries += 1;
    await sleep(backoffMs(attempt));
    if (stopping) throw new StoppedError();
  }

  /** Stores entries, waiting out Postgres outages; entries the database refuses are dead-lettered. */
  async function store(redis: Redis, shard: number, entries: AnswerLogEntry[]): Promise<string[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await storeBatch(options.db, entries);
        stats.stored += result.fresh;
        stats.replayed += entries.length - result.fresh;
        return result.closedAttempts;
      } catch (err) {
        if (isEntryError(err) && entries.length > 1) return storeOneByOne(redis, shard, entries);
        if (isEntryError(err)) {
          const [entry] = entries as [AnswerLogEntry];
          log.error({ err, entryId: entry.entryId }, 'Postgres refused an answer-log entry; dead-lettered');
          await deadLetter(redis, deadLetterKey(options.prefix, shard), {
            id: entry.streamId,
            fields: null,
            error: `${(err as Error).message} (entry ${JSON.stringify(entry)})`,
          });
          stats.deadLettered += 1;
          return [];
        }
        log.warn(
          { err: (err as Error).message, shard, attempt },
          'storing answer-log batch failed; retrying',
        );
        await pause(attempt);
      }
    }
  }

  async function storeOneByOne(redis: Redis, shard: number, entries: AnswerLogEntry[]): Promise<string[]> {
    const closed: string[] = [];
    for (const entry of entries) closed.push(...(await store(redis, shard, [entry])));
    return closed;
  }

  async function processBatch(
    redis: Redis,
    shard: number,
    key: string,
    raw: RawEntry[],
    remove: (redis: Redis, key: string, ids: readonly string[]) => Promise<void>,
  ): Promise<void> {
    const valid: AnswerLogEntry[] = [];
    for (const r of raw) {
      const parsed = parseEntry(shard, r.id, r.fields);
      if (parsed.ok) {
        valid.push(parsed.entry);
        continue;
      }
      log.error({ shard, streamId: r.id, error: parsed.error }, 'malformed answer-log entry; dead-lettered');
      await deadLetter(redis, deadLetterKey(options.prefix, shard), {
        id: r.id,
        fields: r.fields,
        error: parsed.error,
      });
      stats.deadLettered += 1;
    }
    const closedAttempts = await store(redis, shard, valid);
    // Enqueued before the deletion: a crash in between replays the batch, and the job id
    // (= attempt id) makes the second enqueue a no-op, so no closed attempt misses its scoring.
    for (const attemptId of closedAttempts) await options.enqueueScoring(attemptId);
    await remove(
      redis,
      key,
      raw.map((r) => r.id),
    );
    stats.batches += 1;
  }

  /**
   * Stores what was handed out and is still in the stream, oldest first: every such entry when
   * `minAgeMs` is 0 (this worker's own, after a restart or an error), else only those appended at
   * least that long ago (a dead worker's). An entry another live worker has in hand may be stored
   * twice; the second time inserts nothing.
   */
  async function takeOverUnstored(redis: Redis, shard: number, key: string, minAgeMs: number): Promise<void> {
    const upTo = await lastDelivered(redis, key);
    if (upTo === null || upTo === '0-0') return;
    const cutoff = minAgeMs > 0 ? (await redisTimeMs(redis)) - minAgeMs : Infinity;
    while (!stopping) {
      const unstored = await readUnstored(redis, key, upTo, batchSize);
      const due = unstored.filter((r) => entryTimeMs(r.id) <= cutoff);
      if (due.length === 0) return;
      log.info({ shard, count: due.length }, 'taking over answer-log entries handed out and not stored');
      await processBatch(redis, shard, key, due, ackAndDelete);
      if (due.length < batchSize) return;
    }
  }

  async function runShard(shard: number): Promise<void> {
    const redis = options.redis.duplicate();
    // ioredis reconnects on its own; without a listener each failed attempt is printed as unhandled.
    redis.on('error', (err: Error) => log.debug({ err: err.message, shard }, 'Redis connection error'));
    connections.push(redis);
    const key = answerLogKey(options.prefix, shard);
    let groupReady = false;
    // At start and after an error, entries handed out to this worker may not be stored yet: NOACK
    // reads never hand them out again, so they are taken from the stream first.
    let ownFirst = true;
    let lastClaim = Date.now();
    let failures = 0;
    while (!stopping) {
      try {
        if (!groupReady) {
          await ensureGroup(redis, key);
          groupReady = true;
        }
        if (ownFirst) {
          await takeOverUnstored(redis, shard, key, 0);
          ownFirst = false;
        } else if (Date.now() - lastClaim >= claimEveryMs) {
          lastClaim = Date.now();
          await takeOverUnstored(redis, shard, key, claimIdleMs);
          await pruneConsumers(redis, key, options.consumer, forgetConsumersAfterMs);
        }
        const raw = await readNew(redis, key, options.consumer, batchSize, blockMs);
        const readAt = Date.now();
        if (raw.length > 0) await processBatch(redis, shard, key, raw, deleteStored);
        failures = 0;
        if (lingerMs > 0 && raw.length > 0 && raw.length < batchSize && !stopping)
          await sleep(Math.max(0, lingerUntil(readAt, shard, options.shards, lingerMs) - Date.now()));
      } catch (err) {
        if (err instanceof StoppedError || stopping) break;
        // The group or the whole stream is gone (a flushed or replaced Redis): create it again.
        if (err instanceof Error && /NOGROUP|no such key/i.test(err.message)) groupReady = false;
        ownFirst = true;
        log.warn({ err: (err as Error).message, shard }, 'answer-log drain loop failed; retrying');
        try {
          await pause(failures++);
        } catch {
          break;
        }
      }
    }
  }

  return {
    stats,
    async start() {
      stopping = false;
      loops = Array.from({ length: options.shards }, (_, shard) => runShard(shard));
      log.info({ shards: options.shards }, 'answer-log drain started');
    },
    async stop() {
      stopping = true;
      await Promise.allSettled(loops);
      await Promise.allSettled(connections.splice(0).map((c) => c.quit()));
      log.info(stats, 'answer-log drain stopped');
    },
  };
}
