// A session's live state read whole for its archive in Postgres, and then deleted from Redis. Live
// state is only ever needed while a session runs and shortly after; kept for ever it filled Redis
// (see the worker's live-archive job, which decides when a session may go).
import type { Redis } from 'ioredis';
import type { RoomFeed, RoomIncidentEntry } from './room-feed.ts';
import type { CloseReason, ExamStore, SeatState } from './store.ts';

/** A seat as the room view last showed it, with what the berita acara reads of the attempt. */
export interface ArchivedSeat extends SeatState {
  startedAt: number | null;
  closedAt: number | null;
  closeReason: CloseReason | null;
  /** The attempt's end as Redis held it (after extensions); null when it had none. */
  endsAt: number | null;
  /** Marked absent by the proctor. */
  absent: boolean;
}

export interface SessionLiveState {
  seats: ArchivedSeat[];
  incidents: RoomIncidentEntry[];
}

/** Every attempt of the session that Redis still holds, and the room's incident feed. */
export async function readSessionLive(
  store: ExamStore,
  feed: RoomFeed,
  sessionId: string,
  attemptIds: readonly string[],
): Promise<SessionLiveState> {
  const absent = await feed.absentAmong(sessionId, attemptIds);
  // A room's reads in flight together, not one round trip after another.
  const read = await Promise.all(
    attemptIds.map(async (attemptId, i): Promise<ArchivedSeat | null> => {
      // The tile as the room view reads it, and the times the berita acara needs; not the whole
      // attempt (its item orders and answers are tens of KB the archive does not keep).
      const [seat, times] = await Promise.all([store.readSeat(attemptId), store.readTimes(attemptId)]);
      return seat ? { ...seat, ...times, absent: absent[i] ?? false } : null;
    }),
  );
  return { seats: read.filter((s) => s !== null), incidents: await feed.incidents(sessionId) };
}

/**
 * Deletes the session's live state: its attempts (with any pre-form item map), their deadline
 * entries, the session's sets in every shard, its hash (pause, room token, preparation) and its room
 * feed. The answer-log streams, the battery's views and the forms' shared item maps stay: they are
 * not the session's alone.
 */
export async function forgetSession(
  redis: Redis,
  store: ExamStore,
  feed: RoomFeed,
  sessionId: string,
  attemptIds: readonly string[],
): Promise<void> {
  const { keys } = store;
  const batch = redis.pipeline();
  for (const attemptId of attemptIds) {
    batch.unlink(keys.attempt(attemptId), keys.attemptItems(attemptId));
    batch.zrem(keys.dueOf(attemptId), attemptId);
  }
  for (let shard = 0; shard < keys.shards; shard++) batch.unlink(keys.sessionAttempts(shard, sessionId));
  batch.unlink(keys.session(sessionId), `${keys.session(sessionId)}:preparing`, ...feed.keysOf(sessionId));
  const results = (await batch.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
}
