// Pushes state changes to whoever watches them, on any server process (through the Redis adapter):
// the participant's own sockets in /exam and the room's proctors in /proctor.
import type { AttemptStatus, CloseReason, Incident, SeatProgress, TimeChanged } from '@petakom/protocol';
import type { ServerContext } from '../context.ts';
import type { ExamService } from '../exam/exam.service.ts';
import type { SeatDirectory } from '../proctor/seats.ts';
import {
  attemptRoom,
  deviceRoom,
  proctorRoom,
  sessionRoom,
  type ExamNamespace,
  type ProctorNamespace,
} from './io-types.ts';

export class Live {
  /**
   * Changes of each room not told yet, with the timer that tells them: coalesced into one push per
   * room per second. `attemptIds` are seats to read again (a connect, a section start); `progress`
   * is what answers changed, known from their acknowledgements: an answer costs the tile no read.
   */
  private readonly pendingRooms = new Map<
    string,
    { attemptIds: Set<string>; progress: Map<string, SeatProgress>; timer: NodeJS.Timeout }
  >();
  /** Set on shutdown: sockets dropping then must not start cross-process lookups on closing clients. */
  private stopped = false;

  constructor(
    private readonly ctx: ServerContext,
    readonly exam: ExamNamespace,
    readonly proctor: ProctorNamespace,
    private readonly service: ExamService,
    readonly seats: SeatDirectory,
  ) {}

  async seatChanged(attemptId: string, online?: boolean): Promise<void> {
    if (this.stopped) return;
    const record = await this.ctx.store.readSeat(attemptId);
    if (!record) return;
    const isOnline = online ?? (await this.exam.in(attemptRoom(attemptId)).fetchSockets()).length > 0;
    this.proctor
      .to(proctorRoom(record.sessionId))
      .emit('seats:update', [await this.seats.seat(record, isOnline)]);
  }

  /**
   * A seat with a socket on this process changed (the connect, a section start): read again and told
   * with the rest of its room within a second.
   */
  seatChangedSoon(sessionId: string, attemptId: string): void {
    this.pendingOf(sessionId)?.attemptIds.add(attemptId);
  }

  /** An answer or a flag was acknowledged: its count and time told with the rest of its room within a second. */
  seatProgressSoon(sessionId: string, progress: SeatProgress): void {
    this.pendingOf(sessionId)?.progress.set(progress.attemptId, progress);
  }

  private pendingOf(sessionId: string) {
    if (this.stopped) return undefined;
    let pending = this.pendingRooms.get(sessionId);
    if (pending) return pending;
    const attemptIds = new Set<string>();
    const progress = new Map<string, SeatProgress>();
    const timer = setTimeout(() => {
      this.pendingRooms.delete(sessionId);
      this.tellRoom(sessionId, attemptIds, progress).catch((err: unknown) =>
        this.ctx.log.warn({ err, sessionId }, 'seat update failed'),
      );
    }, 1000);
    timer.unref();
    pending = { attemptIds, progress, timer };
    this.pendingRooms.set(sessionId, pending);
    return pending;
  }

  private async tellRoom(
    sessionId: string,
    attemptIds: ReadonlySet<string>,
    progress: ReadonlyMap<string, SeatProgress>,
  ): Promise<void> {
    if (this.stopped) return;
    // A seat read again carries its count already.
    const answered = [...progress.values()].filter((p) => !attemptIds.has(p.attemptId));
    if (answered.length > 0) this.proctor.to(proctorRoom(sessionId)).emit('seats:progress', answered);
    if (attemptIds.size === 0) return;
    // A seat whose socket left meanwhile is told offline by seatLeft; an online update sent after it
    // would turn the tile back.
    const here = (attemptId: string) => this.exam.adapter.rooms.has(attemptRoom(attemptId));
    const records = await Promise.all([...attemptIds].filter(here).map((id) => this.ctx.store.readSeat(id)));
    const seats = await this.seats.seats(
      sessionId,
      records.filter((r) => r !== null),
      () => true,
    );
    const stillHere = seats.filter((s) => here(s.attemptId));
    if (stillHere.length > 0) this.proctor.to(proctorRoom(sessionId)).emit('seats:update', stillHere);
  }

  /** The seat's socket on this process is gone: tell now, and drop a pending update that would say online. */
  async seatLeft(sessionId: string, attemptId: string): Promise<void> {
    this.pendingRooms.get(sessionId)?.attemptIds.delete(attemptId);
    await this.seatChanged(attemptId);
  }

  async timeChanged(attemptId: string, reason: TimeChanged['reason'], message?: string): Promise<void> {
    const record = await this.ctx.store.readAttempt(attemptId);
    if (!record) return;
    const now = await this.ctx.store.serverTime();
    this.exam
      .to(attemptRoom(attemptId))
      .emit('time:changed', this.service.timeChanged(record, reason, now, message));
  }

  async sectionClosed(attemptId: string, sectionKey: string, reason: CloseReason): Promise<void> {
    this.exam.to(attemptRoom(attemptId)).emit('section:closed', { sectionKey, reason });
    await this.timeChanged(attemptId, 'section');
    await this.seatChanged(attemptId);
  }

  async attemptClosed(attemptId: string, status: AttemptStatus, reason: CloseReason): Promise<void> {
    this.exam.to(attemptRoom(attemptId)).emit('attempt:closed', { status, reason });
    await this.seatChanged(attemptId);
  }

  incident(incident: Incident): void {
    this.proctor.to(proctorRoom(incident.sessionId)).emit('incident', incident);
  }

  notice(sessionId: string, message: string, at: number): void {
    this.exam.to(sessionRoom(sessionId)).emit('notice', { message, at });
  }

  /**
   * Disconnects the attempt's sockets held by any other device (after a proctor moved the seat).
   * A broadcast through the adapter: no round trip to every process on each login.
   */
  kickOtherDevices(attemptId: string, deviceId: string): void {
    this.exam.in(attemptRoom(attemptId)).except(deviceRoom(attemptId, deviceId)).disconnectSockets(true);
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.pendingRooms.values()) clearTimeout(timer);
    this.pendingRooms.clear();
  }
}
