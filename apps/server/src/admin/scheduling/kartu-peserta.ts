// Kartu peserta: one card per registration (name, NIP, session, room, seat, access code), several to
// an A4 page, rendered with pdfkit for printing and handing out before exam day.
import type { Database } from '@petakom/db';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { ApiFailure } from '../../staff/api-failure.ts';

export interface KartuPeserta {
  fullName: string;
  nip: string;
  unitName: string;
  date: string;
  slot: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string;
  seatNo: number;
  accessCode: string;
}

const CARDS_PER_PAGE = 4;

export async function loadKartuPeserta(
  db: Kysely<Database>,
  campaignId: string,
  filter: { sessionId?: string | undefined; participantId?: string | undefined },
): Promise<{ campaignName: string; cards: KartuPeserta[] }> {
  const campaign = await db
    .selectFrom('campaigns')
    .select('name')
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) throw new ApiFailure('NOT_FOUND', 'Kampanye tidak ditemukan.');
  let q = db
    .selectFrom('registrations as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .innerJoin('rooms as room', 'room.id', 's.room_id')
    .select([
      'p.full_name as fullName',
      'p.nip',
      'u.name as unitName',
      's.date',
      's.slot',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      'room.name as roomName',
      'r.seat_no as seatNo',
      'r.access_code as accessCode',
    ])
    .where('r.campaign_id', '=', campaignId)
    .orderBy('s.starts_at')
    .orderBy('room.name')
    .orderBy('r.seat_no');
  if (filter.sessionId) q = q.where('r.session_id', '=', filter.sessionId);
  if (filter.participantId) q = q.where('r.participant_id', '=', filter.participantId);
  const cards = await q.execute();
  if (cards.length === 0) throw new ApiFailure('NOT_FOUND', 'Tidak ada peserta terjadwal untuk dicetak.');
  return { campaignName: campaign.name, cards };
}

function hhmm(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(d)
    .replace('.', ':');
}

/** Renders the cards; resolves with the whole PDF (a session of 75 is a few dozen kilobytes). */
export function renderKartuPeserta(
  campaignName: string,
  cards: readonly KartuPeserta[],
  timeZone: string,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36, info: { Title: `Kartu Peserta — ${campaignName}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 72;
  const height = (doc.page.height - 72) / CARDS_PER_PAGE;
  cards.forEach((card, i) => {
    const slotOnPage = i % CARDS_PER_PAGE;
    if (i > 0 && slotOnPage === 0) doc.addPage();
    const top = 36 + slotOnPage * height;
    doc.rect(36, top + 4, width, height - 8).stroke();
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text('KARTU PESERTA', 48, top + 14, { width: width - 24 });
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(campaignName, { width: width - 24 });
    const rows: [string, string][] = [
      ['Nama', card.fullName],
      ['NIP', card.nip],
      ['Unit kerja', card.unitName],
      ['Sesi', `${card.date} ${card.slot} ${hhmm(card.startsAt, timeZone)}-${hhmm(card.endsAt, timeZone)}`],
      ['Ruang', card.roomName],
      ['Kursi', String(card.seatNo)],
      ['Kode akses', card.accessCode],
    ];
    let y = top + 50;
    for (const [label, value] of rows) {
      doc.font('Helvetica').fontSize(10).text(label, 48, y, { width: 90, lineBreak: false });
      doc.font(label === 'Kode akses' ? 'Courier-Bold' : 'Helvetica-Bold').text(`: ${value}`, 140, y, {
        width: width - 120,
        lineBreak: false,
      });
      y += 15;
    }
  });
  doc.end();
  return done;
}
