// The berita acara (minutes) of an exam session: gathered from the roster, the live attempts, the
// room's incident feed and the audit log, then typeset as a PDF with a signature block.
import PDFDocument from 'pdfkit';

export interface BeritaAcaraData {
  roomName: string;
  date: string;
  slot: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  firstStart: Date | null;
  lastClose: Date | null;
  proctors: string[];
  attendance: { seatNo: number; nip: string; fullName: string; state: string }[];
  incidents: { at: Date; seatNo: number | null; participantName: string; kind: string; ack: string | null }[];
  actions: { at: Date; action: string; actor: string; target: string; reason: string }[];
  notes: string;
  timeZone: string;
}

const ACTION_LABEL: Record<string, string> = {
  'room.pause': 'Ruang dijeda',
  'room.resume': 'Ruang dilanjutkan',
  'room.token_rotate': 'Token ruang diganti',
  'room.broadcast': 'Pesan siaran',
  'seat.extend': 'Tambah waktu',
  'seat.unlock_device': 'Buka kunci perangkat',
  'seat.force_finish': 'Paksa selesai',
  'seat.absent': 'Tandai tidak hadir',
  'seat.move': 'Pindah sesi',
  'incident.ack': 'Kejadian ditanggapi',
  'berita_acara.notes': 'Catatan berita acara diperbarui',
};

const INCIDENT_LABEL: Record<string, string> = {
  focus_lost: 'Keluar dari jendela ujian',
  fullscreen_left: 'Keluar dari layar penuh',
  page_hidden: 'Halaman disembunyikan',
  device_rejected: 'Konflik kunci perangkat',
  long_disconnect: 'Terputus lama',
  reconnected: 'Tersambung kembali',
  failed_logins: 'Gagal masuk berulang',
};

export const actionLabel = (action: string) => ACTION_LABEL[action] ?? action;
export const incidentLabel = (kind: string) => INCIDENT_LABEL[kind] ?? kind;

export function renderBeritaAcara(data: BeritaAcaraData): Promise<Buffer> {
  const time = new Intl.DateTimeFormat('id-ID', {
    timeZone: data.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  const t = (d: Date | null) => (d ? time.format(d) : '—');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Berita Acara ${data.roomName}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(10);
  doc.font('Helvetica-Bold').fontSize(16).text('BERITA ACARA PELAKSANAAN UJIAN', { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text('Pemetaan Kompetensi ASN berbasis komputer (CAT)', { align: 'center' });
  doc.moveDown();
  doc.text(`Ruang: ${data.roomName}`);
  doc.text(`Tanggal / sesi: ${data.date} / ${data.slot}`);
  doc.text(`Jadwal: ${t(data.scheduledStart)} – ${t(data.scheduledEnd)}`);
  doc.text(`Mulai pertama: ${t(data.firstStart)}   Selesai terakhir: ${t(data.lastClose)}`);
  doc.text(`Pengawas: ${data.proctors.join(', ') || '—'}`);

  const present = data.attendance.filter(
    (a) => a.state !== 'tidak hadir' && a.state !== 'belum hadir',
  ).length;
  heading(`Kehadiran (${present} hadir dari ${data.attendance.length} terdaftar)`);
  for (const a of data.attendance) doc.text(`${a.seatNo}. ${a.fullName} (NIP ${a.nip}) — ${a.state}`);

  heading(`Kejadian (${data.incidents.length})`);
  if (data.incidents.length === 0) doc.text('Tidak ada kejadian.');
  for (const i of data.incidents) {
    const seat = i.seatNo === null ? '' : `kursi ${i.seatNo} `;
    doc.text(
      `${t(i.at)}  ${seat}${i.participantName}: ${incidentLabel(i.kind)}${i.ack ? ` — ditanggapi: ${i.ack}` : ' — belum ditanggapi'}`,
    );
  }

  heading(`Tindakan pengawas (${data.actions.length})`);
  if (data.actions.length === 0) doc.text('Tidak ada tindakan.');
  for (const a of data.actions) {
    doc.text(
      `${t(a.at)}  ${actionLabel(a.action)} — ${a.target}; oleh ${a.actor}; alasan: ${a.reason || '—'}`,
    );
  }

  heading('Catatan');
  doc.text(data.notes.trim() === '' ? '—' : data.notes);

  doc.moveDown(2);
  const y = doc.y;
  doc.text('Pengawas,', 50, y);
  doc.text('Mengetahui, Penanggung jawab', 330, y);
  doc.moveDown(4);
  const y2 = doc.y;
  doc.text(`( ${data.proctors[0] ?? '..............................'} )`, 50, y2);
  doc.text('( .............................. )', 330, y2);
  doc.end();
  return done;
}
