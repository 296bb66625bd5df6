// Moves the live state of long-ended sessions from Redis into Postgres (`session_live_archive`) and
// deletes it from Redis. Nothing deleted the state of an attempt once it was prepared: ~25 KB each,
// so a province's weeks of sessions filled `maxmemory`, and Redis (at `noeviction`) would then
// refuse the next exam day's answers. A session goes only when none of its attempts can still
// change: each is closed in Redis and its closing already stored in Postgres by the drain (so every
// answer before it is stored too: one attempt's entries are in one shard's stream, in order), or
// was never started and its end has passed (a start after the end is refused).
import type { Database } from '@petakom/db';
import { isClosedAttemptStatus } from '@petakom/domain';
import {
  forgetSession,
  readSessionLive,
  type ArchivedSeat,
  type ExamStore,
  type RoomFeed,
} from '@petakom/exam-store';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';

export interface LiveArchiveDeps {
  db: Kysely<Database>;
  redis: Redis;
  store: ExamStore;
  feed: RoomFeed;
  log: Logger;
}

export interface LiveArchiveRun {
  /** Sessions whose live state is now in Postgres and gone from Redis. */
  archived: string[];
  /** Sessions past the cutoff with attempts that may still change, left for a later run. */
  waiting: { sessionId: string; liveAttempts: number }[];
}

/** Sessions read from Postgres at a time: a province's weeks of sessions are thousands. */
const PAGE = 100;

/** Whether the seat can no longer change, given the attempt's status as the drain stored it. */
function settled(seat: ArchivedSeat, storedStatus: string | undefined, now: number): boolean {
  if (isClosedAttemptStatus(seat.status)) return isClosedAttemptStatus(storedStatus);
  return seat.status === 'prepared' && seat.endsAt !== null && seat.endsAt <= now;
}

/** Archives and clears every session that ended more than `afterMs` ago and is settled. */
export async function archiveEndedSessions(
  deps: LiveArchiveDeps,
  options: { afterMs: number; now?: number; pageSize?: number },
): Promise<LiveArchiveRun> {
  const now = options.now ?? Date.now();
  const pageSize = options.pageSize ?? PAGE;
  const cutoff = new Date(now - options.afterMs);
  const run: LiveArchiveRun = { archived: [], waiting: [] };
  let after: { endsAt: Date; id: string } | null = null;
  for (;;) {
    let query = deps.db
      .selectFrom('exam_sessions as s')
      .leftJoin('session_live_archive as a', 'a.session_id', 's.id')
      .select(['s.id', 's.ends_at as endsAt', 'a.session_id as archivedId'])
      .where('s.ends_at', '<', cutoff)
      .where('a.cleared_at', 'is', null)
      .orderBy('s.ends_at')
      .orderBy('s.id')
      .limit(pageSize);
    if (after) {
      const { endsAt, id } = after;
      query = query.where((eb) =>
        eb.or([eb('s.ends_at', '>', endsAt), eb.and([eb('s.ends_at', '=', endsAt), eb('s.id', '>', id)])]),
      );
    }
    const page = await query.execute();
    for (const session of page) {
      const live = await archiveSession(deps, session.id, session.archivedId !== null, now);
      if (live === 0) run.archived.push(session.id);
      else run.waiting.push({ sessionId: session.id, liveAttempts: live });
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = { endsAt: last.endsAt, id: last.id };
  }
  if (run.archived.length > 0 || run.waiting.length > 0)
    deps.log.info(
      { archived: run.archived.length, waiting: run.waiting },
      'live state of ended sessions archived',
    );
  return run;
}

/** Returns how many attempts still hold it back (0: archived and cleared). */
async function archiveSession(
  deps: LiveArchiveDeps,
  sessionId: string,
  alreadyArchived: boolean,
  now: number,
): Promise<number> {
  const stored = await deps.db
    .selectFrom('attempts')
    .select(['id', 'status'])
    .where('session_id', '=', sessionId)
    .execute();
  // A seat moved to another session meanwhile is in one list and not the other.
  const attemptIds = [
    ...new Set([...stored.map((a) => a.id), ...(await deps.store.sessionAttemptIds(sessionId))]),
  ];
  if (!alreadyArchived) {
    const live = await readSessionLive(deps.store, deps.feed, sessionId, attemptIds);
    const storedStatus = new Map(stored.map((a) => [a.id, a.status]));
    const unsettled = live.seats.filter((s) => !settled(s, storedStatus.get(s.attemptId), now));
    if (unsettled.length > 0) return unsettled.length;
    await deps.db
      .insertInto('session_live_archive')
      .values({
        session_id: sessionId,
        seats: JSON.stringify(live.seats),
        incidents: JSON.stringify(live.incidents),
      })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
  }
  // Archived first, deleted second: a crash in between leaves an archive whose deletion the next
  // run finishes (cleared_at still null).
  await forgetSession(deps.redis, deps.store, deps.feed, sessionId, attemptIds);
  await deps.db
    .updateTable('session_live_archive')
    .set({ cleared_at: new Date(now) })
    .where('session_id', '=', sessionId)
    .execute();
  return 0;
}
