// A proctor's live room in the browser: the /proctor socket, the seats (updated from server pushes,
// applied at most once per animation frame), the incident feed, the token, and the actions.
import type {
  FeedIncident,
  MoveTarget,
  ProctorClientToServerEvents,
  ProctorServerToClientEvents,
  RoomView,
  Seat,
  SeatProgress,
} from '@petakom/protocol';
import type { Socket } from 'socket.io-client';

export type ProctorSocket = Socket<ProctorServerToClientEvents, ProctorClientToServerEvents>;
export type ActionResult = { ok: true } | { ok: false; code: string };

type Schedule = (run: () => void) => void;

export class ProctorRoom {
  sessionId: string;
  roomName = $state('');
  /** Long over, its live state archived: looked at, not acted on. */
  archived = $state(false);
  paused = $state(false);
  roomToken = $state('');
  tokenRotatesAt = $state(0);
  /** Seats keyed by attempt id; an immutable snapshot replaced once per frame so the map re-renders once. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never mutated: each frame assigns a new map
  seats = $state.raw<ReadonlyMap<string, Seat>>(new Map());
  incidents = $state<FeedIncident[]>([]);
  connection = $state<'connecting' | 'online' | 'offline'>('connecting');
  error = $state<string | null>(null);
  /** Server time minus local time, from the join. */
  offset = 0;

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a buffer between frames, not state to render
  private pending = new Map<string, Seat | null>();
  private scheduled = false;

  constructor(
    private readonly socket: ProctorSocket,
    sessionId: string,
    private readonly schedule: Schedule = (run) => requestAnimationFrame(run),
  ) {
    this.sessionId = sessionId;
    socket.on('connect', () => void this.join());
    socket.on('disconnect', () => (this.connection = 'offline'));
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      this.connection = 'offline';
      this.error = err.data?.code ?? 'UNAVAILABLE';
    });
    socket.on('seats:update', (seats) => {
      for (const seat of seats) this.queue(seat.attemptId, seat);
    });
    socket.on('seats:progress', (progress) => {
      for (const p of progress) this.progress(p);
    });
    socket.on('seat:removed', ({ attemptId }) => this.queue(attemptId, null));
    socket.on('incident:feed', (incident) => this.upsertIncident(incident));
    socket.on('room:state', ({ paused }) => (this.paused = paused));
    // Pushed on a manual rotation and, by the server, whenever the token's period ends.
    socket.on('room:token', ({ sessionId: of, roomToken, rotatesAt }) => {
      if (of !== this.sessionId) return;
      this.roomToken = roomToken;
      this.tokenRotatesAt = rotatesAt;
    });
    if (socket.connected) void this.join();
  }

  async join(): Promise<void> {
    const res = await this.socket.emitWithAck('room:join', { sessionId: this.sessionId });
    if (!res.ok) {
      this.error = res.error.code;
      return;
    }
    this.apply(res.room);
    this.connection = 'online';
    this.error = null;
  }

  private apply(room: RoomView): void {
    this.roomName = room.roomName;
    this.archived = room.archived;
    this.paused = room.paused;
    this.roomToken = room.roomToken;
    this.tokenRotatesAt = room.roomTokenRotatesAt;
    this.offset = room.serverTime - Date.now();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh snapshot, never mutated after
    this.seats = new Map(room.seats.map((s) => [s.attemptId, s]));
    this.incidents = [...room.incidents].reverse();
    this.pending.clear();
  }

  /** Coalesces pushes: 150 seats answering at once cost one re-render per frame, not 150. */
  private queue(attemptId: string, seat: Seat | null): void {
    this.pending.set(attemptId, seat);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** An answer's count and time, applied to the seat as last pushed unless that one is newer. */
  private progress({ attemptId, answered, lastActivity }: SeatProgress): void {
    const seat = this.pending.has(attemptId) ? this.pending.get(attemptId) : this.seats.get(attemptId);
    if (!seat || (seat.lastActivity ?? 0) > lastActivity) return;
    this.queue(attemptId, { ...seat, answered, lastActivity });
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here, then frozen as the new snapshot
    const next = new Map(this.seats);
    for (const [id, seat] of this.pending) {
      if (seat === null) next.delete(id);
      else next.set(id, seat);
    }
    this.pending.clear();
    this.seats = next;
  }

  private upsertIncident(incident: FeedIncident): void {
    const i = this.incidents.findIndex((x) => x.id === incident.id);
    if (i >= 0) this.incidents[i] = incident;
    else this.incidents = [incident, ...this.incidents];
  }

  get seatList(): Seat[] {
    return [...this.seats.values()];
  }

  get unacknowledged(): number {
    return this.incidents.filter((i) => i.ack === null).length;
  }

  private async act(run: () => Promise<{ ok: boolean; error?: { code: string } }>): Promise<ActionResult> {
    const res = await run();
    return res.ok ? { ok: true } : { ok: false, code: res.error?.code ?? 'INTERNAL' };
  }

  pause(reason: string) {
    return this.act(() => this.socket.emitWithAck('room:pause', { sessionId: this.sessionId, reason }));
  }
  resume(reason: string) {
    return this.act(() => this.socket.emitWithAck('room:resume', { sessionId: this.sessionId, reason }));
  }
  rotateToken(reason: string) {
    return this.act(() =>
      this.socket.emitWithAck('room:token:rotate', { sessionId: this.sessionId, reason }),
    );
  }
  broadcast(message: string, reason: string) {
    return this.act(() =>
      this.socket.emitWithAck('room:broadcast', { sessionId: this.sessionId, message, reason }),
    );
  }
  extend(attemptId: string, minutes: number, reason: string) {
    return this.act(() => this.socket.emitWithAck('seat:extend', { attemptId, minutes, reason }));
  }
  unlock(attemptId: string, reason: string) {
    return this.act(() => this.socket.emitWithAck('seat:unlock-device', { attemptId, reason }));
  }
  forceFinish(attemptId: string, reason: string) {
    return this.act(() => this.socket.emitWithAck('seat:force-finish', { attemptId, reason }));
  }
  markAbsent(attemptId: string, reason: string) {
    return this.act(() => this.socket.emitWithAck('seat:absent', { attemptId, reason }));
  }
  move(attemptId: string, targetSessionId: string, reason: string) {
    return this.act(() => this.socket.emitWithAck('seat:move', { attemptId, targetSessionId, reason }));
  }
  acknowledge(incidentId: string, note: string) {
    return this.act(() =>
      this.socket.emitWithAck('incident:ack', { sessionId: this.sessionId, incidentId, note }),
    );
  }
  async moveTargets(): Promise<MoveTarget[]> {
    const res = await this.socket.emitWithAck('room:move-targets', { sessionId: this.sessionId });
    return res.ok ? res.targets : [];
  }

  dispose(): void {
    this.socket.close();
  }
}
