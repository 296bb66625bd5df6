// The load-test exam day: the demo's agency, 204-item battery, positions with standards and campaign
// (so scoring runs for real), plus as many participants as asked, registered in rooms of `perRoom`
// seats, in sessions open today. Inserted in multi-row batches so 10,000 take seconds.
import type { Database } from '@petakom/db';
import { generateDemo, loadDemo } from '@petakom/demo';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { localDate } from '../../../apps/server/src/auth/participant-login.service.ts';
import { loadTestNip } from './nip.ts';

export interface LoadSeat {
  nip: string;
  accessCode: string;
}

export interface LoadSession {
  sessionId: string;
  seats: LoadSeat[];
}

export interface LoadProctor {
  username: string;
  password: string;
  sessionId: string;
}

export interface LoadFixture {
  campaignId: string;
  batteryId: string;
  sessions: LoadSession[];
  /** One pengawas per room (the demo's proctor accounts, assigned round-robin). */
  proctors: LoadProctor[];
}

export interface LoadFixtureOptions {
  participants: number;
  perRoom: number;
  /** When the sessions end: the hard end of every attempt (the submit storm's common deadline). */
  endsAt: Date;
  timeZone?: string;
}

const BATCH = 1000;
const DEMO_DAY = '2027-03-01';

export async function createLoadFixture(
  db: Kysely<Database>,
  options: LoadFixtureOptions,
): Promise<LoadFixture> {
  const now = new Date();
  // The demo's own sessions fall on a day far from today, so only the load-test sessions are open.
  const data = generateDemo({ startDate: DEMO_DAY });
  await loadDemo(db, data);
  const positions = data.positions;
  const date = localDate(now, options.timeZone ?? 'Asia/Jakarta');
  const rooms = Math.ceil(options.participants / options.perRoom);
  const sessions: LoadSession[] = [];
  const roomRows = Array.from({ length: rooms }, (_, r) => ({
    id: randomUUID(),
    agency_id: data.agency.id,
    name: `Ruang CAT uji beban ${r + 1}`,
    capacity: options.perRoom,
  }));
  for (let n = 0; n < roomRows.length; n += BATCH)
    await db
      .insertInto('rooms')
      .values(roomRows.slice(n, n + BATCH))
      .execute();
  const sessionRows = roomRows.map((room) => ({
    id: randomUUID(),
    campaign_id: data.campaign.id,
    date,
    slot: 'pagi' as const,
    room_id: room.id,
    capacity: options.perRoom,
    starts_at: new Date(now.getTime() - 10 * 60_000),
    ends_at: options.endsAt,
    status: 'open' as const,
  }));
  for (let n = 0; n < sessionRows.length; n += BATCH)
    await db
      .insertInto('exam_sessions')
      .values(sessionRows.slice(n, n + BATCH))
      .execute();

  for (let n = 0; n < options.participants; n += BATCH) {
    const people = [];
    const registrations = [];
    for (let k = n; k < Math.min(options.participants, n + BATCH); k++) {
      const position = positions[k % positions.length];
      const session = sessionRows[Math.floor(k / options.perRoom)];
      if (!position || !session) throw new Error('fixture arithmetic');
      const id = randomUUID();
      const nip = loadTestNip(k);
      const accessCode = `U${String(k).padStart(6, '0')}`;
      people.push({
        id,
        nip,
        full_name: `Peserta Uji ${k + 1}`,
        birth_date: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
        gender: nip[14] === '1' ? ('L' as const) : ('P' as const),
        position_id: position.id,
        unit_id: position.unitId,
      });
      registrations.push({
        campaign_id: data.campaign.id,
        participant_id: id,
        session_id: session.id,
        seat_no: (k % options.perRoom) + 1,
        access_code: accessCode,
      });
      let s = sessions.at(-1);
      if (s?.sessionId !== session.id) {
        s = { sessionId: session.id, seats: [] };
        sessions.push(s);
      }
      s.seats.push({ nip, accessCode });
    }
    await db.insertInto('participants').values(people).execute();
    await db.insertInto('registrations').values(registrations).execute();
  }
  const staff = data.staff.filter((u) => u.roles.includes('proctor'));
  const assigned = sessionRows.map((session, n) => {
    const u = staff[n % staff.length];
    if (!u) throw new Error('the demo has no proctor account');
    return { user: u, sessionId: session.id };
  });
  for (let n = 0; n < assigned.length; n += BATCH)
    await db
      .insertInto('proctor_assignments')
      .values(
        assigned.slice(n, n + BATCH).map((a) => ({ session_id: a.sessionId, staff_user_id: a.user.id })),
      )
      .execute();
  const proctors: LoadProctor[] = assigned.map((a) => ({
    username: a.user.username,
    password: a.user.password,
    sessionId: a.sessionId,
  }));
  return {
    campaignId: data.campaign.id,
    batteryId: data.campaign.batteryId,
    sessions,
    proctors,
  };
}
