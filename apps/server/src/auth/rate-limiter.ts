// Fixed-window counters in Redis, shared by every server process (a limit per IP must hold across them).
import type { Redis } from 'ioredis';

export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (name: string) => string,
  ) {}

  /** Counts one hit; false when the key has had more than `limit` hits in the current window. */
  async hit(name: string, limit: number, windowMs: number): Promise<boolean> {
    const key = this.keyOf(name);
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    return count <= limit;
  }
}
