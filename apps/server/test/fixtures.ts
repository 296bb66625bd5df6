// Test data inserted through Kysely: an agency, a tiny battery (every item type), and sessions with
// registered participants. Independent of packages/demo.
import { randomUUID } from 'node:crypto';
import type { Database } from '@petakom/db';
import { insertWorkplace } from '@petakom/db/testing';
import type { Battery, Item } from '@petakom/domain';
import type { Kysely } from 'kysely';
import { localDate } from '../src/auth/participant-login.service.ts';

export interface FixtureParticipant {
  participantId: string;
  registrationId: string;
  nip: string;
  accessCode: string;
  fullName: string;
}

export interface FixtureSession {
  sessionId: string;
  roomId: string;
  participants: FixtureParticipant[];
}

export interface ExamFixture {
  agencyId: string;
  batteryId: string;
  campaignId: string;
  /** Item version ids per section key, in blueprint order. */
  sections: Record<string, string[]>;
  items: Map<string, Item>;
  addSession(options?: SessionOptions): Promise<FixtureSession>;
  /** A staff user with the proctor role, assigned to the given sessions. */
  addProctor(sessionIds: string[]): Promise<string>;
}

export interface SessionOptions {
  participants?: number;
  startsAt?: Date;
  endsAt?: Date;
  status?: 'scheduled' | 'open' | 'closed' | 'cancelled';
  date?: string;
}

export interface FixtureOptions {
  /** Time limit of every section, seconds. */
  timeLimitSec?: number;
}

const text = (t: string) => ({ text: t });
let nipCounter = 0;

function buildItems(): { sections: Record<string, Item[]> } {
  const sc = (n: number): Item => ({
    id: randomUUID(),
    type: 'single_choice',
    stem: text(`Soal potensi ${n}`),
    subtest: 'verbal',
    options: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, content: text(`pilihan ${id}`) })),
    key: 'C',
  });
  const likert = (n: number): Item => ({
    id: randomUUID(),
    type: 'likert',
    stem: text(`Pernyataan ${n}`),
    competency: 'M1',
    reverse: n % 2 === 0,
  });
  const sjt = (n: number): Item => ({
    id: randomUUID(),
    type: 'sjt',
    stem: text(`Situasi ${n}`),
    competency: 'M1',
    indicator: 'M1.3.1',
    options: ['A', 'B', 'C', 'D'].map((id, i) => ({ id, content: text(`tindakan ${id}`), weight: i + 1 })),
  });
  const self = (n: number): Item => ({
    id: randomUUID(),
    type: 'self_assessment',
    stem: text(`Gambaran diri ${n}`),
    competency: 'M1',
    statements: [1, 2, 3].map((level) => ({ id: `S${level}`, content: text(`level ${level}`), level })),
  });
  return {
    sections: {
      potensi: [sc(1), sc(2), sc(3)],
      sjt: [sjt(1), sjt(2)],
      inventory: [likert(1), likert(2)],
      self: [self(1)],
    },
  };
}

export async function createExamFixture(
  db: Kysely<Database>,
  options: FixtureOptions = {},
): Promise<ExamFixture> {
  const timeLimitSec = options.timeLimitSec ?? 600;
  const work = await insertWorkplace(db);
  await db
    .insertInto('competencies')
    .values({ code: 'M1', agency_id: null, kind: 'manajerial', name: 'Integritas', dictionary: '{}' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const bank = await db
    .insertInto('item_banks')
    .values({ agency_id: work.agencyId, name: 'Bank uji' })
    .returning('id')
    .executeTakeFirstOrThrow();

  const built = buildItems();
  const items = new Map<string, Item>();
  const sections: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(built.sections)) {
    sections[key] = [];
    for (const item of list) {
      const row = await db
        .insertInto('items')
        .values({
          item_bank_id: bank.id,
          type: item.type,
          subtest: item.type === 'single_choice' ? item.subtest : null,
          competency_code: item.type === 'single_choice' ? null : 'M1',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('item_versions')
        .values({ id: item.id, item_id: row.id, version: 1, content: JSON.stringify(item) })
        .execute();
      items.set(item.id, item);
      sections[key].push(item.id);
    }
  }
  const titles: Record<string, [string, Battery['sections'][number]['kind']]> = {
    potensi: ['Tes Potensi', 'potensi'],
    sjt: ['Tes Penilaian Kompetensi', 'sjt'],
    inventory: ['Inventory', 'inventory'],
    self: ['Self Assessment', 'self_assessment'],
  };
  const battery: Battery = {
    sections: Object.entries(sections).map(([key, itemIds]) => ({
      key,
      title: titles[key]?.[0] ?? key,
      kind: titles[key]?.[1] ?? 'potensi',
      timeLimitSec,
      itemIds,
      shuffleItems: true,
      shuffleOptions: true,
      instructions: 'Kerjakan dengan jujur.',
    })),
  };
  const batteryRow = await db
    .insertInto('batteries')
    .values({
      agency_id: work.agencyId,
      name: 'Baterai uji',
      blueprint: JSON.stringify(battery),
      scoring_model: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaigns')
    .values({
      agency_id: work.agencyId,
      battery_id: batteryRow.id,
      name: 'Pemetaan uji',
      purpose: 'pemetaan',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  let roomCounter = 0;
  return {
    agencyId: work.agencyId,
    batteryId: batteryRow.id,
    campaignId: campaign.id,
    sections,
    items,
    async addProctor(sessionIds) {
      const staff = await db
        .insertInto('staff_users')
        .values({
          agency_id: work.agencyId,
          username: `pengawas-${randomUUID().slice(0, 8)}`,
          full_name: 'Pengawas Uji',
          password_hash: 'not-used-in-these-tests',
          roles: ['proctor'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const sessionId of sessionIds) {
        await db
          .insertInto('proctor_assignments')
          .values({ session_id: sessionId, staff_user_id: staff.id })
          .execute();
      }
      return staff.id;
    },
    async addSession(opts = {}) {
      const now = Date.now();
      const startsAt = opts.startsAt ?? new Date(now - 10 * 60_000);
      const endsAt = opts.endsAt ?? new Date(now + 3 * 3600_000);
      const room = await db
        .insertInto('rooms')
        .values({
          agency_id: work.agencyId,
          name: `Ruang CAT ${++roomCounter}-${randomUUID().slice(0, 4)}`,
          capacity: 75,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const session = await db
        .insertInto('exam_sessions')
        .values({
          campaign_id: campaign.id,
          date: opts.date ?? localDate(new Date(now), 'Asia/Jakarta'),
          slot: 'pagi',
          room_id: room.id,
          capacity: 75,
          starts_at: startsAt,
          ends_at: endsAt,
          status: opts.status ?? 'open',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const participants: FixtureParticipant[] = [];
      for (let seat = 1; seat <= (opts.participants ?? 2); seat++) {
        const nip = `199001012015031${String(++nipCounter).padStart(3, '0')}`;
        const fullName = `Peserta ${nipCounter}`;
        const p = await db
          .insertInto('participants')
          .values({
            nip,
            full_name: fullName,
            birth_date: '1990-01-01',
            gender: 'L',
            position_id: work.positionId,
            unit_id: work.unitId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const accessCode = `K${String(nipCounter).padStart(5, '0')}`;
        const r = await db
          .insertInto('registrations')
          .values({
            campaign_id: campaign.id,
            participant_id: p.id,
            session_id: session.id,
            seat_no: seat,
            access_code: accessCode,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        participants.push({ participantId: p.id, registrationId: r.id, nip, accessCode, fullName });
      }
      return { sessionId: session.id, roomId: room.id, participants };
    },
  };
}

/** The attempt prepared for a registration (prepareSession creates one per registration). */
export async function attemptIdOf(db: Kysely<Database>, registrationId: string): Promise<string> {
  const row = await db
    .selectFrom('attempts')
    .select('id')
    .where('registration_id', '=', registrationId)
    .executeTakeFirstOrThrow();
  return row.id;
}
