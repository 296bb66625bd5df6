// Checks that a Redis URL is usable (reachable, version 7 or newer) before the apps start on it.
import { Redis } from 'ioredis';
import { StartError, describeNetworkError, redactUrl } from './fail.ts';

export const MIN_REDIS_VERSION = 7;

export type RedisProbe =
  { ok: true; version: number } | { ok: false; kind: 'unreachable' | 'refused'; reason: string };

/** Throws a StartError unless `url` is a redis:// or rediss:// URL. */
export function parseRedisUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StartError(`REDIS_URL is not a URL: ${redactUrl(url)}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new StartError(`REDIS_URL must start with redis:// or rediss://, got ${redactUrl(url)}`);
  }
}

/** Connects once (no retries) and reports what is wrong, if anything. Never throws. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<RedisProbe> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket error arrives as an event; the awaited connect() only says "Connection is closed".
  let socketError: unknown;
  redis.on('error', (error) => (socketError ??= error));
  try {
    await redis.connect();
    const info = await redis.info('server');
    const m = /redis_version:(\d+)/.exec(info);
    return { ok: true, version: Number(m?.[1] ?? 0) };
  } catch (error) {
    const message = (error as Error)?.message ?? '';
    if (/NOAUTH|WRONGPASS|ERR/.test(message)) return { ok: false, kind: 'refused', reason: message };
    return { ok: false, kind: 'unreachable', reason: describeNetworkError(socketError ?? error) };
  } finally {
    redis.disconnect();
  }
}

/** Makes sure `url` is usable or throws one StartError line. */
export async function ensureRedis(url: string): Promise<{ version: number }> {
  parseRedisUrl(url);
  const probe = await probeRedis(url);
  if (!probe.ok) {
    const verb = probe.kind === 'refused' ? 'Redis refused' : 'cannot reach Redis at';
    throw new StartError(`${verb} ${redactUrl(url)}: ${probe.reason}`);
  }
  if (probe.version < MIN_REDIS_VERSION) {
    throw new StartError(
      `Redis at ${redactUrl(url)} is version ${probe.version}; petakom needs ${MIN_REDIS_VERSION} or newer`,
    );
  }
  return { version: probe.version };
}
