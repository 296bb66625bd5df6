// Fixed-window counters in Redis, shared by every server process (a limit per IP must hold across them).
import type { Redis } from 'ioredis';

// One round trip and atomic: the window's expiry is set with the first hit, never left unset.
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

interface HitCommand {
  pkRateHit(key: string, windowMs: number): Promise<number>;
}

export class RateLimiter {
  private readonly cmd: HitCommand;

  constructor(
    redis: Redis,
    private readonly keyOf: (name: string) => string,
  ) {
    if (!('pkRateHit' in redis)) redis.defineCommand('pkRateHit', { numberOfKeys: 1, lua: HIT });
    this.cmd = redis as unknown as HitCommand;
  }

  /** Counts one hit; false when the key has had more than `limit` hits in the current window. */
  async hit(name: string, limit: number, windowMs: number): Promise<boolean> {
    return (await this.cmd.pkRateHit(this.keyOf(name), windowMs)) <= limit;
  }
}
