// Fixed-window counters in Redis, shared by every server process (a limit per IP must hold across them).
import type { Redis } from 'ioredis';

/**
 * KEYS the counters, in order. ARGV windowMs, then each key's limit. Counts a hit on each key until
 * one is over its limit, and replies that key's 1-based position (0: all within): a login refused by
 * its IP's limit does not count against its NIP, as when the keys were hit one by one. Atomic: a
 * window's expiry is set with its first hit, never left unset.
 */
const HIT_ALL = `
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  if n > tonumber(ARGV[i + 1]) then return i end
end
return 0
`;

interface HitCommand {
  pkRateHitAll(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
}

export class RateLimiter {
  private readonly cmd: HitCommand;

  constructor(
    redis: Redis,
    private readonly keyOf: (name: string) => string,
  ) {
    // The number of keys varies with the caller: given with each call.
    if (!('pkRateHitAll' in redis)) redis.defineCommand('pkRateHitAll', { lua: HIT_ALL });
    this.cmd = redis as unknown as HitCommand;
  }

  /**
   * Counts a hit on each limit in one round trip (a login checks its IP's and its NIP's or
   * username's): false as soon as one is over, and the limits after it are not counted.
   */
  async hitAll(limits: readonly { name: string; limit: number }[], windowMs: number): Promise<boolean> {
    const keys = limits.map((l) => this.keyOf(l.name));
    const over = await this.cmd.pkRateHitAll(keys.length, ...keys, windowMs, ...limits.map((l) => l.limit));
    return over === 0;
  }
}
