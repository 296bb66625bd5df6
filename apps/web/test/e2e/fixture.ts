// A small battery for the end-to-end run: a potensi section (text, SVG and table stems), a very
// short inventory section that times out, an SJT section (one stem with an image) and a
// self-assessment section; one open session, one participant.
import { randomUUID } from 'node:crypto';
import { insertWorkplace, type TestDatabase } from '@petakom/db/testing';
import type { Battery, Item } from '@petakom/domain';

export interface E2eFixture {
  sessionId: string;
  registrationId: string;
  nip: string;
  accessCode: string;
  fullName: string;
  /** A proctor assigned to the session. */
  proctorId: string;
  items: Map<string, Item>;
}

const OPTIONS = ['A', 'B', 'C', 'D', 'E'];
/** A 48×24 PNG of a memo (a frame and three lines), as item banks carry imported images. */
const MEMO_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAYCAIAAAAzn+mLAAAAOElEQVR42mOQG2SAYZA66P8gAKMOGnXQiHIQ3TL5aJSNpqHRNDTqIBqnodEoG3XQqIMGbyN/8AAAwTCt/gbD3FEAAAAASUVORK5CYII=';
export const MEMO_ALT = 'Memo kepala bidang: laporan diserahkan hari ini pukul 12.00';
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60"><rect x="5" y="5" width="50" height="50" fill="none" stroke="black" stroke-width="3"/><circle cx="120" cy="30" r="25" fill="none" stroke="black" stroke-width="3"/><polygon points="185,55 210,5 235,55" fill="none" stroke="black" stroke-width="3"/></svg>';

function potensi(n: number): Item {
  const stem =
    n === 2
      ? { text: 'Bentuk apa yang melanjutkan pola berikut?', svg: SVG }
      : n === 3
        ? {
            text: 'Berapa jumlah pegawai kedua bidang?',
            table: {
              header: ['Bidang', 'Pegawai'],
              rows: [
                ['Umum', '12'],
                ['Keuangan', '9'],
              ],
            },
          }
        : { text: `Soal potensi nomor ${n}: pilih padanan kata yang paling tepat.` };
  return {
    id: randomUUID(),
    type: 'single_choice',
    stem,
    subtest: n === 2 ? 'figural' : n === 3 ? 'numerik' : 'verbal',
    options: OPTIONS.map((id) => ({ id, content: { text: `Pilihan ${id} untuk soal ${n}` } })),
    key: 'C',
  };
}

function likert(n: number): Item {
  return {
    id: randomUUID(),
    type: 'likert',
    stem: { text: `Saya menyelesaikan tugas ${n} tepat waktu.` },
    competency: 'M4',
    reverse: false,
  };
}

function sjt(n: number): Item {
  return {
    id: randomUUID(),
    type: 'sjt',
    stem:
      n === 1
        ? {
            text: 'Situasi kerja 1: Anda menerima memo berikut saat rekan Anda meminta bantuan.',
            image: { src: MEMO_PNG, alt: MEMO_ALT },
          }
        : { text: `Situasi kerja ${n}: rekan Anda meminta bantuan saat tenggat mendekat.` },
    competency: 'M2',
    indicator: 'M2.2.1',
    options: ['A', 'B', 'C', 'D'].map((id, i) => ({
      id,
      content: { text: `Tindakan ${id}` },
      weight: i + 1,
    })),
  };
}

function selfAssessment(): Item {
  return {
    id: randomUUID(),
    type: 'self_assessment',
    stem: { text: 'Dalam hal kerja sama, pernyataan mana yang paling menggambarkan diri Anda?' },
    competency: 'M2',
    statements: [
      ['A', 'Saya membantu rekan bila diminta'],
      ['B', 'Saya aktif berbagi informasi dengan tim'],
      ['C', 'Saya membangun kerja sama antarunit'],
      ['D', 'Saya menyelaraskan kerja sama antarinstansi'],
    ].map(([id = '', text = ''], i) => ({ id, content: { text }, level: i + 1 })),
  };
}

export async function createE2eFixture(
  db: TestDatabase['db'],
  options: {
    date: string;
    shortSectionSec: number;
    /** The SJT section's time limit; just over 10 minutes lets a test hear the 10-minute warning. */
    sjtSectionSec?: number;
  },
): Promise<E2eFixture> {
  const work = await insertWorkplace(db, {
    codePrefix: 'E2E',
    unit: 'Bidang Pengembangan',
    position: 'Analis SDM',
  });
  for (const [code, name] of [
    ['M2', 'Kerja Sama'],
    ['M4', 'Orientasi pada Hasil'],
  ] as const) {
    await db
      .insertInto('competencies')
      .values({ code, agency_id: null, kind: 'manajerial', name, dictionary: '{}' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const bank = await db
    .insertInto('item_banks')
    .values({ agency_id: work.agencyId, name: 'Bank uji e2e' })
    .returning('id')
    .executeTakeFirstOrThrow();

  const sections = {
    potensi: Array.from({ length: 9 }, (_, i) => potensi(i + 1)),
    inventori: Array.from({ length: 3 }, (_, i) => likert(i + 1)),
    sjt: Array.from({ length: 2 }, (_, i) => sjt(i + 1)),
    self: [selfAssessment()],
  };
  const items = new Map<string, Item>();
  for (const list of Object.values(sections)) {
    for (const item of list) {
      const row = await db
        .insertInto('items')
        .values({
          item_bank_id: bank.id,
          type: item.type,
          subtest: item.type === 'single_choice' ? item.subtest : null,
          competency_code: item.type === 'single_choice' ? null : item.competency,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('item_versions')
        .values({ id: item.id, item_id: row.id, version: 1, content: JSON.stringify(item) })
        .execute();
      items.set(item.id, item);
    }
  }
  const battery: Battery = {
    sections: [
      {
        key: 'potensi',
        title: 'Tes Potensi',
        kind: 'potensi',
        timeLimitSec: 900,
        itemIds: sections.potensi.map((i) => i.id),
        shuffleItems: true,
        shuffleOptions: true,
        instructions: 'Pilih satu jawaban yang paling tepat.',
      },
      {
        key: 'inventori',
        title: 'Inventori',
        kind: 'inventory',
        timeLimitSec: options.shortSectionSec,
        itemIds: sections.inventori.map((i) => i.id),
        shuffleItems: false,
        shuffleOptions: false,
        instructions: 'Nyatakan seberapa sesuai pernyataan dengan diri Anda.',
      },
      {
        key: 'sjt',
        title: 'Tes Penilaian Kompetensi',
        kind: 'sjt',
        timeLimitSec: options.sjtSectionSec ?? 900,
        itemIds: sections.sjt.map((i) => i.id),
        shuffleItems: true,
        shuffleOptions: true,
        instructions: 'Pilih tindakan yang paling mungkin Anda lakukan.',
      },
      {
        key: 'self',
        title: 'Penilaian Diri',
        kind: 'self_assessment',
        timeLimitSec: 900,
        itemIds: sections.self.map((i) => i.id),
        shuffleItems: false,
        shuffleOptions: false,
        instructions: 'Pilih satu pernyataan yang paling menggambarkan diri Anda.',
      },
    ],
  };
  const batteryRow = await db
    .insertInto('batteries')
    .values({
      agency_id: work.agencyId,
      name: 'Baterai e2e',
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
      name: 'Pemetaan e2e',
      purpose: 'pemetaan',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('rooms')
    .values({ agency_id: work.agencyId, name: 'Ruang CAT 1', capacity: 40 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = Date.now();
  const session = await db
    .insertInto('exam_sessions')
    .values({
      campaign_id: campaign.id,
      date: options.date,
      slot: 'pagi',
      room_id: room.id,
      capacity: 40,
      starts_at: new Date(now - 5 * 60_000),
      ends_at: new Date(now + 3 * 3600_000),
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const nip = '198705122010012003';
  const fullName = 'Siti Rahmawati';
  const participant = await db
    .insertInto('participants')
    .values({
      nip,
      full_name: fullName,
      birth_date: '1987-05-12',
      gender: 'P',
      position_id: work.positionId,
      unit_id: work.unitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accessCode = 'KX7P2M';
  const registration = await db
    .insertInto('registrations')
    .values({
      campaign_id: campaign.id,
      participant_id: participant.id,
      session_id: session.id,
      seat_no: 7,
      access_code: accessCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const proctor = await db
    .insertInto('staff_users')
    .values({
      agency_id: work.agencyId,
      username: `pengawas-${randomUUID().slice(0, 8)}`,
      full_name: 'Budi Pengawas',
      password_hash: 'not-used: the test signs a staff token',
      roles: ['proctor'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('proctor_assignments')
    .values({ session_id: session.id, staff_user_id: proctor.id })
    .execute();
  return {
    sessionId: session.id,
    registrationId: registration.id,
    nip,
    accessCode,
    fullName,
    proctorId: proctor.id,
    items,
  };
}
