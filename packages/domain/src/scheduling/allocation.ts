// Seat allocation for a campaign: participants into sessions and seats, units kept together where
// capacity allows, never over a session's capacity, the same input always giving the same plan.

export interface AllocationParticipant {
  id: string;
  unitId: string;
}

export interface AllocationSession {
  /** Any stable key (session id, or `date/slot/room` before the session exists). */
  key: string;
  capacity: number;
  /** Seat numbers already taken (re-allocation around existing seats). */
  takenSeats?: readonly number[];
}

export interface SeatAssignment {
  participantId: string;
  sessionKey: string;
  seatNo: number;
}

export interface Allocation {
  seats: SeatAssignment[];
  /** Participants for whom no seat was left, in canonical order. */
  unseated: string[];
  /** Units split over more than one session, with the session keys in allocation order. */
  splitUnits: { unitId: string; sessionKeys: string[] }[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Bin {
  index: number;
  key: string;
  free: number[];
}

function freeSeats(session: AllocationSession): number[] {
  const taken = new Set(session.takenSeats ?? []);
  const free: number[] = [];
  for (let seat = 1; seat <= session.capacity; seat++) if (!taken.has(seat)) free.push(seat);
  return free;
}

/**
 * Best-fit decreasing over units: the largest unit goes first; a unit that fits whole goes to the
 * session it fills most tightly; a unit too large for any session fills the emptiest sessions
 * whole until its remainder fits somewhere, so a unit is split as few times as possible. Sessions
 * keep their given (chronological) order to break ties, participants are taken in id order within a
 * unit, and seats are numbered in that order so a unit also sits together in the room.
 */
export function allocateSeats(
  participants: readonly AllocationParticipant[],
  sessions: readonly AllocationSession[],
): Allocation {
  const units = new Map<string, string[]>();
  for (const p of participants) {
    const list = units.get(p.unitId);
    if (list) list.push(p.id);
    else units.set(p.unitId, [p.id]);
  }
  const orderedUnits = [...units.entries()]
    .map(([unitId, ids]) => ({ unitId, ids: [...new Set(ids)].sort(byString) }))
    .sort((a, b) => b.ids.length - a.ids.length || byString(a.unitId, b.unitId));

  const bins: Bin[] = sessions.map((s, index) => ({ index, key: s.key, free: freeSeats(s) }));
  const seats: SeatAssignment[] = [];
  const unseated: string[] = [];
  const splitUnits: Allocation['splitUnits'] = [];

  const place = (bin: Bin, ids: string[]): void => {
    for (const id of ids) {
      const seatNo = bin.free.shift();
      if (seatNo === undefined) throw new Error('allocation placed more participants than free seats');
      seats.push({ participantId: id, sessionKey: bin.key, seatNo });
    }
  };

  for (const unit of orderedUnits) {
    let rest = unit.ids;
    const used: string[] = [];
    while (rest.length > 0) {
      let tightest: Bin | undefined;
      let emptiest: Bin | undefined;
      for (const bin of bins) {
        const free = bin.free.length;
        if (free === 0) continue;
        if (free >= rest.length && (tightest === undefined || free < tightest.free.length)) tightest = bin;
        if (emptiest === undefined || free > emptiest.free.length) emptiest = bin;
      }
      const bin = tightest ?? emptiest;
      if (bin === undefined) {
        unseated.push(...rest);
        break;
      }
      const take = rest.slice(0, bin.free.length);
      rest = rest.slice(take.length);
      place(bin, take);
      used.push(bin.key);
    }
    if (used.length > 1) splitUnits.push({ unitId: unit.unitId, sessionKeys: used });
  }
  return { seats, unseated, splitUnits };
}

/** The lowest seat number not taken, or null when the session is full (rescheduling one person). */
export function firstFreeSeat(capacity: number, takenSeats: readonly number[]): number | null {
  const taken = new Set(takenSeats);
  for (let seat = 1; seat <= capacity; seat++) if (!taken.has(seat)) return seat;
  return null;
}

export interface ProctorSlot {
  key: string;
  /** Sessions sharing a date and slot run at the same time: one pengawas cannot watch two. */
  date: string;
  slot: string;
}

/**
 * Spreads pengawas over sessions, `perSession` each: always the least-loaded pengawas (ties by the
 * given order) who is not already watching another room at the same date and slot. A session gets
 * fewer than `perSession` when too few pengawas are free at that time.
 */
export function assignProctors(
  sessions: readonly ProctorSlot[],
  proctorIds: readonly string[],
  perSession = 1,
): { sessionKey: string; proctorId: string }[] {
  const load = new Map<string, number>(proctorIds.map((id) => [id, 0]));
  const busy = new Set<string>();
  const out: { sessionKey: string; proctorId: string }[] = [];
  for (const session of sessions) {
    const time = `${session.date}/${session.slot}`;
    for (let n = 0; n < perSession; n++) {
      let best: string | undefined;
      for (const id of proctorIds) {
        if (busy.has(`${id}@${time}`)) continue;
        if (best === undefined || (load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
      }
      if (best === undefined) break;
      busy.add(`${best}@${time}`);
      load.set(best, (load.get(best) ?? 0) + 1);
      out.push({ sessionKey: session.key, proctorId: best });
    }
  }
  return out;
}
