// A proctor's view of a seat: who sits there (Postgres, cached) and how their attempt stands (Redis),
// with presence taken from the socket.io rooms of every server process and offline/absent marks
// kept in the room feed so every process reports the same tile.
import { isClosedAttemptStatus } from '@petakom/domain';
import type { ArchivedSeat, RoomFeed, SeatState } from '@petakom/exam-store';
import { LONG_DISCONNECT_MS, type Incident, type Seat } from '@petakom/protocol';
import type { ExamRepository } from '../exam/exam.repository.ts';
import { sessionRoom, type ExamNamespace } from '../realtime/io-types.ts';

interface SeatMeta {
  participantName: string;
  nip: string;
  seatNo: number | null;
}

const toMeta = (row: { fullName: string; nip: string; seatNo: number | null }): SeatMeta => ({
  participantName: row.fullName,
  nip: row.nip,
  seatNo: row.seatNo,
});

/** A seat whose registration is gone (moved away meanwhile). */
const UNKNOWN: SeatMeta = { participantName: '', nip: '', seatNo: null };

/** Whether a seat is one whose connection matters: someone logged in and the attempt is not over. */
export function isLive(record: Pick<SeatState, 'status' | 'deviceId'>): boolean {
  return (
    !isClosedAttemptStatus(record.status) && (record.status === 'in_progress' || record.deviceId !== null)
  );
}

export class SeatDirectory {
  private readonly meta = new Map<string, SeatMeta>();
  /** Rooms whose seats were loaded (or are loading) into `meta`. */
  private readonly rooms = new Map<string, Promise<void>>();
  private feed: RoomFeed | null = null;
  private raise: ((incident: Incident) => void) | null = null;

  constructor(
    private readonly repo: ExamRepository,
    private readonly exam: ExamNamespace,
  ) {}

  /** Connects the room feed (set up by the proctor namespace) and where long disconnections go. */
  attach(feed: RoomFeed, raise: (incident: Incident) => void): void {
    this.feed = feed;
    this.raise = raise;
  }

  /**
   * Who sits on the seat. A miss loads the whole room in one query: a room of 75 joining, or 75
   * participants logging in, cost one query instead of 75.
   */
  async metaOf(attemptId: string, sessionId?: string): Promise<SeatMeta> {
    const cached = this.meta.get(attemptId);
    if (cached) return cached;
    if (sessionId !== undefined) {
      await this.loadRoom(sessionId);
      const loaded = this.meta.get(attemptId);
      if (loaded) return loaded;
    }
    const row = await this.repo.seatMeta(attemptId);
    if (!row) return UNKNOWN;
    const meta = toMeta(row);
    this.meta.set(attemptId, meta);
    return meta;
  }

  private loadRoom(sessionId: string): Promise<void> {
    let loading = this.rooms.get(sessionId);
    if (!loading) {
      loading = this.repo.seatMetasOfSession(sessionId).then(
        (rows) => {
          for (const r of rows) this.meta.set(r.id, toMeta(r));
        },
        (err: unknown) => {
          // Not remembered: the next miss tries again.
          this.rooms.delete(sessionId);
          throw err;
        },
      );
      this.rooms.set(sessionId, loading);
    }
    return loading;
  }

  /** Attempt ids with at least one socket in /exam, on any server process. */
  async onlineAttempts(sessionId: string): Promise<Set<string>> {
    const sockets = await this.exam.in(sessionRoom(sessionId)).fetchSockets();
    return new Set(sockets.map((s) => s.data.attemptId));
  }

  /**
   * The seats of one room as they stand now, presence given per seat. Clearing and reading the
   * offline and absent marks costs one Redis round trip for the whole batch: answers make their seat
   * updates a room at a time. A seat back from a long disconnection not yet reported raises it.
   */
  async seats(
    sessionId: string,
    records: readonly SeatState[],
    isOnline: (attemptId: string) => boolean,
    now = Date.now(),
  ): Promise<Seat[]> {
    if (records.length === 0) return [];
    const feed = this.feed;
    const ids = records.map((r) => r.attemptId);
    // A seat whose connection does not matter (not arrived, finished) is never shown as away.
    const away = records.filter((r) => !isOnline(r.attemptId) && isLive(r));
    const back = records.filter((r) => !away.includes(r));
    const [metas, sinceOfBack, sinceOfAway, absent] = await Promise.all([
      Promise.all(ids.map((id) => this.metaOf(id, sessionId))),
      feed?.markOnline(
        sessionId,
        back.map((r) => r.attemptId),
      ) ?? [],
      Promise.all(away.map((r) => feed?.markOffline(sessionId, r.attemptId, now) ?? null)),
      feed?.absentAmong(sessionId, ids) ?? ids.map(() => false),
    ]);
    const offlineSince = new Map(away.map((r, i) => [r.attemptId, sinceOfAway[i] ?? null]));
    for (const [i, r] of back.entries()) {
      const since = sinceOfBack[i] ?? null;
      // The periodic check may already have reported this episode while the seat was away.
      if (
        since !== null &&
        now - since >= LONG_DISCONNECT_MS &&
        isOnline(r.attemptId) &&
        isLive(r) &&
        feed &&
        (await feed.claimLongDisconnect(sessionId, r.attemptId, since))
      ) {
        this.raise?.({
          sessionId,
          attemptId: r.attemptId,
          kind: 'long_disconnect',
          at: now,
          detail: { offlineSince: since, durationMs: now - since },
        });
      }
    }
    return records.map((record, i) =>
      toSeat(
        record,
        metas[i] ?? UNKNOWN,
        isOnline(record.attemptId),
        offlineSince.get(record.attemptId) ?? null,
        absent[i] ?? false,
      ),
    );
  }

  /** The seats of a room whose live state was archived: nobody online, nothing to mark. */
  async archivedSeats(sessionId: string, records: readonly ArchivedSeat[]): Promise<Seat[]> {
    const metas = await Promise.all(records.map((r) => this.metaOf(r.attemptId, sessionId)));
    return records.map((record, i) => toSeat(record, metas[i] ?? UNKNOWN, false, null, record.absent));
  }

  async seat(record: SeatState, online: boolean, now = Date.now()): Promise<Seat> {
    const [seat] = await this.seats(record.sessionId, [record], () => online, now);
    if (!seat) throw new Error('a seat for each record');
    return seat;
  }
}

function toSeat(
  record: SeatState,
  meta: SeatMeta,
  online: boolean,
  offlineSince: number | null,
  absent: boolean,
): Seat {
  const index = record.sections.findIndex((s) => s.key === record.currentSection);
  const closedCount = record.sections.filter((s) => s.status === 'closed').length;
  const current = index >= 0 ? record.sections[index] : undefined;
  return {
    attemptId: record.attemptId,
    ...meta,
    status: record.status,
    currentSection: record.currentSection,
    answered: record.answered,
    online,
    deviceLocked: record.deviceId !== null,
    deadline: current?.deadline ?? null,
    sectionIndex: index >= 0 ? index + 1 : closedCount,
    sectionCount: record.sections.length,
    totalItems: record.sections.reduce((n, s) => n + s.itemCount, 0),
    lastActivity: record.lastSeen,
    offlineSince,
    absent,
  };
}
