// Pushes state changes to whoever watches them, on any server process (through the Redis adapter):
// the participant's own sockets in /exam and the room's proctors in /proctor.
import type { AttemptStatus, CloseReason, Incident, TimeChanged } from '@petakom/protocol';
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
  /** Attempts whose seat changed recently; answers are coalesced into one seat update per interval. */
  private readonly pendingSeats = new Map<string, NodeJS.Timeout>();
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
      .emit('seat:update', await this.seats.seat(record, isOnline));
  }

  /**
   * Coalesces frequent changes into one update per second per seat: answers, and a login's connect
   * and first section start (in a login storm, half the seat updates and their Redis reads).
   */
  seatChangedSoon(attemptId: string): void {
    if (this.stopped || this.pendingSeats.has(attemptId)) return;
    const timer = setTimeout(() => {
      this.pendingSeats.delete(attemptId);
      this.seatChanged(attemptId, true).catch((err: unknown) =>
        this.ctx.log.warn({ err }, 'seat update failed'),
      );
    }, 1000);
    timer.unref();
    this.pendingSeats.set(attemptId, timer);
  }

  /** The seat's socket on this process is gone: tell now, and drop a pending update that would say online. */
  async seatLeft(attemptId: string): Promise<void> {
    const pending = this.pendingSeats.get(attemptId);
    if (pending) {
      clearTimeout(pending);
      this.pendingSeats.delete(attemptId);
    }
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
    for (const timer of this.pendingSeats.values()) clearTimeout(timer);
    this.pendingSeats.clear();
  }
}
