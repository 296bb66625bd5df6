// The proctor's side of a room's live state in Redis: its incident feed with acknowledgements, when
// each seat went offline, and which seats are marked absent — shared by every server process.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ExamKeys } from './keys.ts';

export interface RoomIncidentRecord {
  id: string;
  sessionId: string;
  attemptId: string;
  kind: string;
  at: number;
  detail: Record<string, unknown>;
}

export interface RoomIncidentAck {
  note: string;
  by: string;
  at: number;
}

export interface RoomIncidentEntry extends RoomIncidentRecord {
  ack: RoomIncidentAck | null;
}

/** A busy room yields a few thousand signals in three hours; older ones stay in Postgres (worker drain). */
const FEED_LIMIT = 5000;

const FEED_PARTS = ['inc', 'ack', 'off', 'absent', 'ld'] as const;
type FeedPart = (typeof FEED_PARTS)[number];

export class RoomFeed {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ExamKeys,
  ) {}

  private key(sessionId: string, part: FeedPart): string {
    return `${this.keys.session(sessionId)}:${part}`;
  }

  /** Every key of the room's feed (for deleting an archived session's live state). */
  keysOf(sessionId: string): string[] {
    return FEED_PARTS.map((part) => this.key(sessionId, part));
  }

  /**
   * Removes a prepared attempt nobody ever logged into (a participant moved to another session).
   * Refuses (false) once a device claimed it or it started: then its answers and log must stay.
   */
  async discardUnstarted(attemptId: string, sessionId: string): Promise<boolean> {
    const att = this.keys.attempt(attemptId);
    const removed = await this.redis.eval(
      `local st = redis.call('HGET', KEYS[1], 'status')
       local dev = redis.call('HGET', KEYS[1], 'dev')
       if st ~= false and (st ~= 'prepared' or (dev ~= false and dev ~= '')) then return 0 end
       redis.call('DEL', KEYS[1], KEYS[2])
       redis.call('SREM', KEYS[3], ARGV[1])
       redis.call('ZREM', KEYS[4], ARGV[1])
       return 1`,
      4,
      att,
      this.keys.attemptItems(attemptId),
      this.keys.sessionAttempts(this.keys.shardOf(attemptId), sessionId),
      this.keys.dueOf(attemptId),
      attemptId,
    );
    return removed === 1;
  }

  async addIncident(incident: Omit<RoomIncidentRecord, 'id'>): Promise<RoomIncidentRecord> {
    const record: RoomIncidentRecord = { id: randomUUID(), ...incident };
    const key = this.key(incident.sessionId, 'inc');
    await this.redis.multi().rpush(key, JSON.stringify(record)).ltrim(key, -FEED_LIMIT, -1).exec();
    return record;
  }

  async incidents(sessionId: string): Promise<RoomIncidentEntry[]> {
    const [raw, acks] = await Promise.all([
      this.redis.lrange(this.key(sessionId, 'inc'), 0, -1),
      this.redis.hgetall(this.key(sessionId, 'ack')),
    ]);
    return raw.map((line) => {
      const record = JSON.parse(line) as RoomIncidentRecord;
      const ack = acks[record.id];
      return { ...record, ack: ack ? (JSON.parse(ack) as RoomIncidentAck) : null };
    });
  }

  async incident(sessionId: string, id: string): Promise<RoomIncidentEntry | null> {
    return (await this.incidents(sessionId)).find((i) => i.id === id) ?? null;
  }

  /** The first acknowledgement wins; returns false when the incident was already acknowledged. */
  async acknowledge(sessionId: string, id: string, ack: RoomIncidentAck): Promise<boolean> {
    return (await this.redis.hsetnx(this.key(sessionId, 'ack'), id, JSON.stringify(ack))) === 1;
  }

  /** Marks a seat offline from `at` unless it already is; returns when it went offline. */
  async markOffline(sessionId: string, attemptId: string, at: number): Promise<number> {
    const key = this.key(sessionId, 'off');
    await this.redis.hsetnx(key, attemptId, String(at));
    return Number(await this.redis.hget(key, attemptId));
  }

  /**
   * Clears the offline marks of seats that are back (or whose connection no longer matters); returns,
   * per seat, when it had gone offline, or null if it was not. A room's seats are cleared together:
   * answers make their seat updates a room at a time.
   */
  async markOnline(sessionId: string, attemptIds: readonly string[]): Promise<(number | null)[]> {
    if (attemptIds.length === 0) return [];
    // One script, not MULTI: ioredis builds a pipeline object per MULTI, and at exam pace (a room
    // a second) nearly all of them outlived two scavenges into the old generation.
    const since = (await this.redis.eval(
      `local since = redis.call('HMGET', KEYS[1], unpack(ARGV))
       redis.call('HDEL', KEYS[1], unpack(ARGV))
       return since`,
      1,
      this.key(sessionId, 'off'),
      ...attemptIds,
    )) as (string | null)[];
    return since.map((s) => (s === null ? null : Number(s)));
  }

  /** Every seat of the session marked offline, with when it went offline. */
  async offlineSeats(sessionId: string): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.key(sessionId, 'off'));
    return new Map(Object.entries(all).map(([attemptId, since]) => [attemptId, Number(since)]));
  }

  /**
   * Claims the right to report one disconnection episode (the seat offline since `since`) as long;
   * true for exactly one caller across every server process, whether it is the periodic check or the
   * seat coming back.
   */
  async claimLongDisconnect(sessionId: string, attemptId: string, since: number): Promise<boolean> {
    const claimed = await this.redis.eval(
      `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
       redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
       return 1`,
      1,
      this.key(sessionId, 'ld'),
      attemptId,
      String(since),
    );
    return claimed === 1;
  }

  async offlineSince(sessionId: string, attemptId: string): Promise<number | null> {
    const v = await this.redis.hget(this.key(sessionId, 'off'), attemptId);
    return v === null ? null : Number(v);
  }

  async setAbsent(sessionId: string, attemptId: string, absent: boolean): Promise<void> {
    const key = this.key(sessionId, 'absent');
    if (absent) await this.redis.sadd(key, attemptId);
    else await this.redis.srem(key, attemptId);
  }

  /** Per seat, whether the proctor marked it absent. */
  async absentAmong(sessionId: string, attemptIds: readonly string[]): Promise<boolean[]> {
    if (attemptIds.length === 0) return [];
    const found = await this.redis.smismember(this.key(sessionId, 'absent'), ...attemptIds);
    return found.map((f) => f === 1);
  }
}
