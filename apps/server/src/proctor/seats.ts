// A proctor's view of a seat: who sits there (Postgres, cached) and how their attempt stands (Redis),
// with presence taken from the socket.io rooms of every server process and offline/absent marks
// kept in the room feed so every process reports the same tile.
import type { RoomFeed, SeatState } from '@petakom/exam-store';
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

const CLOSED = new Set(['finished', 'timed_out', 'force_finished']);

/** Whether a seat is one whose connection matters: someone logged in and the attempt is not over. */
export function isLive(record: Pick<SeatState, 'status' | 'deviceId'>): boolean {
  return !CLOSED.has(record.status) && (record.status === 'in_progress' || record.deviceId !== null);
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
    if (!row) return { participantName: '', nip: '', seatNo: null };
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

  /** Offline since when (server ms), updating the mark as presence changes; raises long disconnections. */
  private async offline(record: SeatState, online: boolean, now: number): Promise<number | null> {
    const feed = this.feed;
    if (!feed) return null;
    const { sessionId, attemptId } = record;
    if (online || !isLive(record)) {
      const since = await feed.markOnline(sessionId, attemptId);
      // The periodic check may already have reported this episode while the seat was away.
      if (
        online &&
        since !== null &&
        now - since >= LONG_DISCONNECT_MS &&
        isLive(record) &&
        (await feed.claimLongDisconnect(sessionId, attemptId, since))
      ) {
        this.raise?.({
          sessionId,
          attemptId,
          kind: 'long_disconnect',
          at: now,
          detail: { offlineSince: since, durationMs: now - since },
        });
      }
      return null;
    }
    return feed.markOffline(sessionId, attemptId, now);
  }

  async seat(record: SeatState, online: boolean, now = Date.now()): Promise<Seat> {
    const meta = await this.metaOf(record.attemptId, record.sessionId);
    const index = record.sections.findIndex((s) => s.key === record.currentSection);
    const closedCount = record.sections.filter((s) => s.status === 'closed').length;
    const current = index >= 0 ? record.sections[index] : undefined;
    const [offlineSince, absent] = await Promise.all([
      this.offline(record, online, now),
      this.feed?.isAbsent(record.sessionId, record.attemptId) ?? Promise.resolve(false),
    ]);
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
}
