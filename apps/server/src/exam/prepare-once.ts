// Single-flight preparation of a session across every server process: one Redis lock per session, so
// a crowd logging in to an unprepared session at the synchronized start waits for one preparation
// instead of each repeating the heavy work (forms for every seat, views, Redis state).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ServerContext } from '../context.ts';
import { prepareSession, type PrepareResult } from './prepare.service.ts';

/** The lock outlives any sane preparation; a crashed holder only delays the next one this long. */
const LOCK_MS = 120_000;
/** How long a login waits for someone else's preparation before giving up. */
const WAIT_MS = 60_000;
const POLL_MS = 100;

type Deps = Pick<ServerContext, 'db' | 'store' | 'redis'>;

const lockKey = (deps: Deps, sessionId: string) => `${deps.store.keys.session(sessionId)}:preparing`;

/** Preparations under way in this process, so its own callers share one instead of polling Redis. */
const inFlight = new WeakMap<Redis, Map<string, Promise<PrepareResult | null>>>();

/**
 * Prepares the session if no other process is doing it now and `needed()` still holds once the lock
 * is ours (someone may have finished just before); null when it did not run. Marks the session
 * prepared and counts the run (`prepareRuns` in the session hash, for operators and tests).
 */
export function prepareSessionLocked(
  deps: Deps,
  sessionId: string,
  needed: () => Promise<boolean>,
): Promise<PrepareResult | null> {
  let mine = inFlight.get(deps.redis);
  if (!mine) inFlight.set(deps.redis, (mine = new Map()));
  const running = mine.get(sessionId);
  if (running) return running;
  const run = (async () => {
    const key = lockKey(deps, sessionId);
    const token = randomUUID();
    if ((await deps.redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return null;
    try {
      if (!(await needed())) return null;
      const result = await prepareSession(deps, sessionId);
      await deps.redis
        .multi()
        .hset(deps.store.keys.session(sessionId), 'prepared', '1')
        .hincrby(deps.store.keys.session(sessionId), 'prepareRuns', 1)
        .exec();
      return result;
    } finally {
      // Only our own lock: after an expiry another process may hold it now.
      await deps.redis.eval(
        `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
        1,
        key,
        token,
      );
    }
  })().finally(() => mine.delete(sessionId));
  mine.set(sessionId, run);
  return run;
}

/**
 * Loads what the caller needs (its attempt), preparing the session at most once itself when it is
 * missing and otherwise waiting for whoever holds the lock; null when it is still missing after that.
 */
export async function ensureSessionPrepared<T>(
  deps: Deps,
  sessionId: string,
  load: () => Promise<T | null>,
): Promise<T | null> {
  const giveUpAt = Date.now() + WAIT_MS;
  let preparedByUs = false;
  while (Date.now() < giveUpAt) {
    const found = await load();
    // A registration added after our own preparation cannot appear by waiting longer.
    if (found !== null || preparedByUs) return found;
    const needed = async () => (await load()) === null;
    if ((await prepareSessionLocked(deps, sessionId, needed)) !== null) preparedByUs = true;
    else await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return load();
}
