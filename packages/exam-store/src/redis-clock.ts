// Redis's clock: deadlines, answer times and stream ids are all read off it, so every server and
// worker process agrees on time whatever its own host's clock says.
import type { Redis } from 'ioredis';

/** Redis server time in ms. */
export async function redisTimeMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}
