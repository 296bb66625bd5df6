// What a seat tile shows, derived from the server's Seat and the room clock: one of a few states,
// the counts over the room, and the filters and sort orders of the seat map. Pure, so it is tested.
import { isClosedAttemptStatus } from '@petakom/domain';
import type { Seat } from '@petakom/protocol';

export const SEAT_STATES = [
  'not_arrived',
  'logged_in',
  'answering',
  'idle',
  'disconnected',
  'finished',
  'absent',
] as const;
export type SeatState = (typeof SEAT_STATES)[number];

/** The X of "idle for more than X minutes" a proctor may choose; 5 unless they chose another. */
export const IDLE_MINUTES_CHOICES = [3, 5, 10, 15] as const;
export const DEFAULT_IDLE_MINUTES = 5;
export const DEFAULT_IDLE_MS = DEFAULT_IDLE_MINUTES * 60_000;
const IDLE_KEY = 'petakom.pengawas.idleMinutes';

/** The threshold this browser's proctor chose before, or the default (unset, unknown, no storage). */
export function readIdleMinutes(storage: Pick<Storage, 'getItem'>): number {
  try {
    const chosen = Number(storage.getItem(IDLE_KEY));
    return (IDLE_MINUTES_CHOICES as readonly number[]).includes(chosen) ? chosen : DEFAULT_IDLE_MINUTES;
  } catch {
    return DEFAULT_IDLE_MINUTES;
  }
}

/** Remembers the proctor's threshold for the next visit; only one of the choices is kept. */
export function rememberIdleMinutes(storage: Pick<Storage, 'setItem'>, minutes: number): void {
  if (!(IDLE_MINUTES_CHOICES as readonly number[]).includes(minutes)) return;
  try {
    storage.setItem(IDLE_KEY, String(minutes));
  } catch {
    // Private mode or full storage: the choice still holds for this page.
  }
}

export function seatState(seat: Seat, now: number, idleMs = DEFAULT_IDLE_MS): SeatState {
  if (seat.absent) return 'absent';
  if (isClosedAttemptStatus(seat.status)) return 'finished';
  const arrived = seat.status === 'in_progress' || seat.deviceLocked;
  if (!arrived) return 'not_arrived';
  if (!seat.online) return 'disconnected';
  if (seat.status !== 'in_progress') return 'logged_in';
  if (seat.lastActivity !== null && now - seat.lastActivity > idleMs) return 'idle';
  return 'answering';
}

export type SeatCounts = Record<SeatState, number>;

export function countSeats(seats: Iterable<Seat>, now: number, idleMs = DEFAULT_IDLE_MS): SeatCounts {
  const counts = Object.fromEntries(SEAT_STATES.map((s) => [s, 0])) as SeatCounts;
  for (const seat of seats) counts[seatState(seat, now, idleMs)]++;
  return counts;
}

export type SeatSort = 'seat' | 'progress' | 'name' | 'state';
export type SeatFilter = SeatState | 'all' | 'attention';

/** States a proctor should look at now. */
const ATTENTION = new Set<SeatState>(['idle', 'disconnected']);

export function visibleSeats(
  seats: readonly Seat[],
  options: { filter: SeatFilter; sort: SeatSort; now: number; idleMs?: number; query?: string },
): Seat[] {
  const { filter, sort, now, idleMs = DEFAULT_IDLE_MS } = options;
  const query = (options.query ?? '').trim().toLowerCase();
  const list = seats.filter((seat) => {
    const state = seatState(seat, now, idleMs);
    if (filter === 'attention' ? !ATTENTION.has(state) : filter !== 'all' && state !== filter) return false;
    return query === '' || seat.participantName.toLowerCase().includes(query) || seat.nip.includes(query);
  });
  const bySeat = (a: Seat, b: Seat) => (a.seatNo ?? Infinity) - (b.seatNo ?? Infinity);
  const order: Record<SeatSort, (a: Seat, b: Seat) => number> = {
    seat: bySeat,
    progress: (a, b) => a.answered - b.answered || bySeat(a, b),
    name: (a, b) => a.participantName.localeCompare(b.participantName, 'id') || bySeat(a, b),
    state: (a, b) =>
      SEAT_STATES.indexOf(seatState(a, now, idleMs)) - SEAT_STATES.indexOf(seatState(b, now, idleMs)) ||
      bySeat(a, b),
  };
  return list.sort(order[sort]);
}

/** Whole minutes since a server time, for "idle 7 min" / "offline 3 min". */
export function minutesSince(at: number | null, now: number): number {
  return at === null ? 0 : Math.max(0, Math.floor((now - at) / 60_000));
}
