// Room tokens: short codes a proctor shows on screen. Derived (HMAC of session id and epoch), never
// stored; the epoch advances with time and with every manual rotation, and the previous one stays
// valid for a grace period so participants typing it during a rotation are not turned away.
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';

/** No 0/O, 1/I/L: easy to read off a projector and to type. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_TOKEN_LENGTH = 6;

export interface RoomTokenOptions {
  secret: string;
  periodMs: number;
  graceMs: number;
}

export interface RoomTokenState {
  current: string;
  previous: string | null;
  /** When the current token stops being current (automatic rotation); null when it rotates only by hand. */
  rotatesAt: number | null;
}

export class RoomTokens {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    private readonly sessionKey: (sessionId: string) => string,
    private readonly options: RoomTokenOptions,
  ) {
    this.key = `room:${options.secret}`;
  }

  token(sessionId: string, epoch: number): string {
    const mac = createHmac('sha256', this.key).update(`${sessionId}:${epoch}`).digest();
    let out = '';
    for (let i = 0; i < ROOM_TOKEN_LENGTH; i++) out += ALPHABET[(mac[i] ?? 0) % ALPHABET.length];
    return out;
  }

  private async readBump(sessionId: string): Promise<{ bump: number; bumpAt: number }> {
    const [bump, bumpAt] = await this.redis.hmget(this.sessionKey(sessionId), 'tokBump', 'tokBumpAt');
    return { bump: Number(bump ?? 0) || 0, bumpAt: Number(bumpAt ?? 0) || 0 };
  }

  private timeEpoch(now: number): { epoch: number; since: number; rotatesAt: number | null } {
    const { periodMs } = this.options;
    if (periodMs <= 0) return { epoch: 0, since: 0, rotatesAt: null };
    const epoch = Math.floor(now / periodMs);
    return { epoch, since: epoch * periodMs, rotatesAt: (epoch + 1) * periodMs };
  }

  async state(sessionId: string, now: number): Promise<RoomTokenState> {
    const { bump, bumpAt } = await this.readBump(sessionId);
    const t = this.timeEpoch(now);
    const epoch = t.epoch + bump;
    const since = Math.max(t.since, bumpAt);
    return {
      current: this.token(sessionId, epoch),
      previous: now - since < this.options.graceMs ? this.token(sessionId, epoch - 1) : null,
      rotatesAt: t.rotatesAt,
    };
  }

  async matches(sessionId: string, candidate: string, now: number): Promise<boolean> {
    const s = await this.state(sessionId, now);
    return candidate === s.current || (s.previous !== null && candidate === s.previous);
  }

  /** Rotates by hand (a proctor suspects the token leaked). */
  async rotate(sessionId: string, now: number): Promise<RoomTokenState> {
    const key = this.sessionKey(sessionId);
    await this.redis.multi().hincrby(key, 'tokBump', 1).hset(key, 'tokBumpAt', String(now)).exec();
    return this.state(sessionId, now);
  }
}
