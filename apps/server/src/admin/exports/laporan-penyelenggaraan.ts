// The organiser report (laporan penyelenggaraan, copied to BKN): organiser identity and
// accreditation, purpose, target positions, number of assessees, the people involved and the
// methods used (DOMAIN.md, Reports). Details come from `campaigns.settings.organiser`; the people
// default to the agency's staff by role and the pengawas who ran the sessions.
import type { Database } from '@petakom/db';
import { CLOSED_ATTEMPT_STATUSES, JENJANG_LABEL } from '@petakom/domain';
import { organiserInfoSchema, type OrganiserInfo } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { CampaignRow } from '../campaigns/campaign-access.ts';

const DEFAULT_METHODS = [
  'Tes Potensi (verbal, numerik, figural) berbasis CAT',
  'Tes Penilaian Kompetensi (situational judgement test)',
  'Inventori kompetensi',
  'Penilaian diri (self assessment)',
];

export interface LaporanData {
  organiser: Required<Pick<OrganiserInfo, 'name' | 'accreditation' | 'purpose' | 'teamLeader'>> & {
    admins: string[];
    assessors: string[];
    testers: string[];
    supportStaff: string[];
    methods: string[];
  };
  campaignName: string;
  period: { from: string | null; to: string | null; sessions: number };
  targets: { jenjang: string; positions: number; registered: number }[];
  registered: number;
  assessed: number;
}

export async function loadLaporan(db: Kysely<Database>, campaign: CampaignRow): Promise<LaporanData> {
  const parsed = organiserInfoSchema.safeParse(campaign.settings['organiser'] ?? {});
  const info: OrganiserInfo = parsed.success ? parsed.data : {};
  const agency = await db
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', campaign.agency_id)
    .executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom('staff_users')
    .select(['full_name', 'roles'])
    .where('agency_id', '=', campaign.agency_id)
    .where('disabled_at', 'is', null)
    .orderBy('full_name')
    .execute();
  const pengawas = await db
    .selectFrom('proctor_assignments as pa')
    .innerJoin('exam_sessions as s', 's.id', 'pa.session_id')
    .innerJoin('staff_users as u', 'u.id', 'pa.staff_user_id')
    .select('u.full_name')
    .distinct()
    .where('s.campaign_id', '=', campaign.id)
    .orderBy('u.full_name')
    .execute();
  const sessions = await db
    .selectFrom('exam_sessions')
    .select((eb) => [
      eb.fn.min('date').as('from'),
      eb.fn.max('date').as('to'),
      eb.fn.countAll<string>().as('n'),
    ])
    .where('campaign_id', '=', campaign.id)
    .executeTakeFirstOrThrow();
  const targets = await db
    .selectFrom('registrations as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .innerJoin('positions as pos', 'pos.id', 'p.position_id')
    .select((eb) => [
      'pos.jenjang',
      eb.fn.count<string>('pos.id').distinct().as('positions'),
      eb.fn.countAll<string>().as('registered'),
    ])
    .where('r.campaign_id', '=', campaign.id)
    .groupBy('pos.jenjang')
    .orderBy('pos.jenjang')
    .execute();
  const assessed = await db
    .selectFrom('registrations as r')
    .innerJoin('attempts as a', 'a.registration_id', 'r.id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.campaign_id', '=', campaign.id)
    .where('a.status', 'in', CLOSED_ATTEMPT_STATUSES)
    .executeTakeFirstOrThrow();
  const withRole = (role: string) =>
    staff.filter((s) => (s.roles as string[]).includes(role)).map((s) => s.full_name);
  return {
    organiser: {
      name: info.name ?? agency.name,
      accreditation: info.accreditation ?? '-',
      purpose:
        info.purpose ?? (campaign.purpose === 'pemetaan' ? 'Pemetaan kompetensi ASN' : 'Pengisian jabatan'),
      teamLeader: info.teamLeader ?? '-',
      admins: info.admins ?? withRole('admin'),
      assessors: info.assessors ?? withRole('assessor'),
      testers: info.testers ?? pengawas.map((p) => p.full_name),
      supportStaff: info.supportStaff ?? withRole('bkd'),
      methods: info.methods ?? DEFAULT_METHODS,
    },
    campaignName: campaign.name,
    period: {
      from: (sessions.from as string | null) ?? null,
      to: (sessions.to as string | null) ?? null,
      sessions: Number(sessions.n),
    },
    targets: targets.map((t) => ({
      jenjang: JENJANG_LABEL[t.jenjang],
      positions: Number(t.positions),
      registered: Number(t.registered),
    })),
    registered: targets.reduce((n, t) => n + Number(t.registered), 0),
    assessed: Number(assessed.n),
  };
}

export function renderLaporan(data: LaporanData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Laporan Penyelenggaraan — ${data.campaignName}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(text).font('Helvetica').fontSize(10);
  const list = (items: readonly string[]) =>
    items.length === 0 ? doc.text('-') : items.forEach((i) => doc.text(`- ${i}`));
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text('LAPORAN PENYELENGGARAAN PENILAIAN KOMPETENSI', { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(data.campaignName, { align: 'center' });
  heading('1. Identitas penyelenggara');
  doc
    .text(`Penyelenggara: ${data.organiser.name}`)
    .text(`Kategori akreditasi: ${data.organiser.accreditation}`);
  heading('2. Tujuan');
  doc.text(data.organiser.purpose);
  heading('3. Jabatan sasaran');
  for (const t of data.targets) doc.text(`- ${t.jenjang}: ${t.positions} jabatan, ${t.registered} peserta`);
  heading('4. Jumlah peserta (asesi)');
  doc.text(`Terdaftar: ${data.registered}`).text(`Mengikuti penilaian: ${data.assessed}`);
  doc.text(`Belum dipetakan (tidak hadir): ${data.registered - data.assessed}`);
  doc.text(
    `Pelaksanaan: ${data.period.from ?? '-'} s.d. ${data.period.to ?? '-'}, ${data.period.sessions} sesi`,
  );
  heading('5. Pihak yang terlibat');
  doc.text(`Ketua tim: ${data.organiser.teamLeader}`);
  doc.text('Admin:');
  list(data.organiser.admins);
  doc.text('Asesor:');
  list(data.organiser.assessors);
  doc.text('Tester / pengawas:');
  list(data.organiser.testers);
  doc.text('Staf pendukung:');
  list(data.organiser.supportStaff);
  heading('6. Metode');
  list(data.organiser.methods);
  doc.end();
  return done;
}
