// The exam calendar: 14 exam days × pagi/siang in one CAT room, seats for every participant,
// access codes for the kartu peserta, and the staff who run it.
import type { DemoParticipant } from './participants.ts';
import { createRng, demoUuid } from './random.ts';

export type Slot = 'pagi' | 'siang';
export type StaffRole = 'admin' | 'bkd' | 'assessor' | 'proctor';

export interface DemoRoom {
  id: string;
  name: string;
  capacity: number;
}

export interface DemoSession {
  id: string;
  campaignId: string;
  date: string;
  slot: Slot;
  roomId: string;
  capacity: number;
  /** ISO instants in UTC; the local times are 07:30–10:30 and 13:00–16:00 WIB. */
  startsAt: string;
  endsAt: string;
  status: 'scheduled';
}

export interface DemoRegistration {
  id: string;
  campaignId: string;
  participantId: string;
  sessionId: string;
  seatNo: number;
  accessCode: string;
  status: 'registered';
}

export interface DemoStaff {
  id: string;
  username: string;
  fullName: string;
  roles: StaffRole[];
  /** The known demo password; the loader stores only its argon2 hash. */
  password: string;
}

export interface DemoProctorAssignment {
  sessionId: string;
  staffUserId: string;
}

export const EXAM_DAYS = 14;
/** Workstations in the room; a session seats 75 of them, as in the source (seed 004). */
export const ROOM_CAPACITY = 80;
export const PLANNED_PER_SESSION = 75;
/** Unambiguous to read from a printed card: no 0/O, 1/I/L. */
export const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const WIB_OFFSET_HOURS = 7;
export const MAKE_UP_ROOM = 'Ruang CAT Susulan';
/** The make-up session stays open long enough to try the whole 3-hour battery. */
export const MAKE_UP_HOURS = 4;

const SLOTS: readonly { slot: Slot; start: readonly [number, number]; end: readonly [number, number] }[] = [
  { slot: 'pagi', start: [7, 30], end: [10, 30] },
  { slot: 'siang', start: [13, 0], end: [16, 0] },
];

/** The first day is `startDate` itself; later days skip Saturdays and Sundays. */
export function examDays(startDate: string, count: number): string[] {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const out = [startDate];
  while (out.length < count) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

function wibInstant(date: string, [hour, minute]: readonly [number, number]): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - WIB_OFFSET_HOURS, minute)).toISOString();
}

export const DEMO_STAFF: readonly Omit<DemoStaff, 'id'>[] = [
  { username: 'admin', fullName: 'Administrator Sistem', roles: ['admin'], password: 'admin-demo' },
  { username: 'bkd', fullName: 'Rini Astuti, S.Psi., M.M.', roles: ['bkd'], password: 'bkd-demo' },
  {
    username: 'asesor',
    fullName: 'Dr. Hendra Gunawan, M.Psi., Psikolog',
    roles: ['assessor'],
    password: 'asesor-demo',
  },
  { username: 'pengawas1', fullName: 'Yudi Prasetyo, S.Kom.', roles: ['proctor'], password: 'pengawas-demo' },
  { username: 'pengawas2', fullName: 'Nurhasanah, S.AP.', roles: ['proctor'], password: 'pengawas-demo' },
  {
    username: 'pengawas3',
    fullName: 'Marthen Lumintang, S.T.',
    roles: ['proctor'],
    password: 'pengawas-demo',
  },
  {
    username: 'pengawas4',
    fullName: 'Ni Made Sukmawati, S.E.',
    roles: ['proctor'],
    password: 'pengawas-demo',
  },
];

export interface DemoSchedule {
  rooms: DemoRoom[];
  sessions: DemoSession[];
  registrations: DemoRegistration[];
  staff: DemoStaff[];
  proctorAssignments: DemoProctorAssignment[];
}

export function generateSchedule(
  seed: string,
  campaignId: string,
  startDate: string,
  participants: readonly DemoParticipant[],
  unitOrder: readonly string[],
  practiceStartsAt?: string,
): DemoSchedule {
  const rng = createRng(seed, 'schedule');
  const room: DemoRoom = {
    id: demoUuid(seed, 'room', 'Ruang CAT BKPSDMD'),
    name: 'Ruang CAT BKPSDMD',
    capacity: ROOM_CAPACITY,
  };
  const sessions: DemoSession[] = examDays(startDate, EXAM_DAYS).flatMap((date) =>
    SLOTS.map(({ slot, start, end }) => ({
      id: demoUuid(seed, 'session', `${date}|${slot}`),
      campaignId,
      date,
      slot,
      roomId: room.id,
      capacity: PLANNED_PER_SESSION,
      startsAt: wibInstant(date, start),
      endsAt: wibInstant(date, end),
      status: 'scheduled' as const,
    })),
  );

  const staff: DemoStaff[] = DEMO_STAFF.map((s) => ({
    ...s,
    roles: [...s.roles],
    id: demoUuid(seed, 'staff', s.username),
  }));
  const proctors = staff.filter((s) => s.roles.includes('proctor'));
  // Proctors rotate so each one watches about seven sessions and nobody works both slots of a day.
  const proctorAssignments = sessions.map((session, i) => ({
    sessionId: session.id,
    staffUserId: (proctors[(i + Math.floor(i / 2)) % proctors.length] as DemoStaff).id,
  }));

  // Colleagues sit the same session (units are called together), but seats are shuffled inside it.
  const unitRank = new Map(unitOrder.map((id, i) => [id, i]));
  const queue = [...participants].sort(
    (a, b) => (unitRank.get(a.unitId) ?? 0) - (unitRank.get(b.unitId) ?? 0) || a.nip.localeCompare(b.nip),
  );
  // 28 sessions of 75 seat 2,100 of the 2,111: the last few in the roster wait unscheduled, as
  // people away on duty do, for a reschedule session (the source's campaign had the same remainder).
  const codes = new Set<string>();
  const accessCode = (): string => {
    let code = '';
    do code = Array.from({ length: 6 }, () => rng.pick([...ACCESS_CODE_ALPHABET])).join('');
    while (codes.has(code));
    codes.add(code);
    return code;
  };
  const registrations: DemoRegistration[] = [];
  let cursor = 0;
  sessions.forEach((session) => {
    const size = Math.min(session.capacity, queue.length - cursor);
    const group = queue.slice(cursor, cursor + size);
    cursor += size;
    const seats = rng.shuffle(group.map((_, k) => k + 1));
    group.forEach((p, k) => {
      registrations.push({
        id: demoUuid(seed, 'registration', p.id),
        campaignId,
        participantId: p.id,
        sessionId: session.id,
        seatNo: seats[k] as number,
        accessCode: accessCode(),
        status: 'registered',
      });
    });
  });
  const rooms = [room];
  // Whoever starts the platform can sit the exam at once: the participants left over from the 28
  // planned sessions get a make-up session (susulan) that opens when the demo is seeded.
  if (practiceStartsAt !== undefined && cursor < queue.length) {
    const start = new Date(practiceStartsAt);
    if (Number.isNaN(start.getTime()))
      throw new Error(`practiceStartsAt is not an instant: ${practiceStartsAt}`);
    const wib = new Date(start.getTime() + WIB_OFFSET_HOURS * 3600_000);
    const makeUpRoom: DemoRoom = {
      id: demoUuid(seed, 'room', MAKE_UP_ROOM),
      name: MAKE_UP_ROOM,
      capacity: 20,
    };
    const makeUp: DemoSession = {
      id: demoUuid(seed, 'session', `susulan|${start.toISOString()}`),
      campaignId,
      date: wib.toISOString().slice(0, 10),
      slot: wib.getUTCHours() < 12 ? 'pagi' : 'siang',
      roomId: makeUpRoom.id,
      capacity: makeUpRoom.capacity,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + MAKE_UP_HOURS * 3600_000).toISOString(),
      status: 'scheduled',
    };
    rooms.push(makeUpRoom);
    sessions.push(makeUp);
    proctorAssignments.push({ sessionId: makeUp.id, staffUserId: (proctors[0] as DemoStaff).id });
    queue.slice(cursor).forEach((p, k) => {
      registrations.push({
        id: demoUuid(seed, 'registration', p.id),
        campaignId,
        participantId: p.id,
        sessionId: makeUp.id,
        seatNo: k + 1,
        accessCode: accessCode(),
        status: 'registered',
      });
    });
  }
  return { rooms, sessions, registrations, staff, proctorAssignments };
}
