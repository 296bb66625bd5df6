// The individual report (laporan individu) as a PDF in Indonesian: identity, the competency chart
// against the standard, JPM and both categories, level descriptions, strengths and gaps, the
// development plan, the 9-box position, validity and the signature block. A participant who never
// sat is shown as "belum dipetakan", never with scores.
import {
  GAP_LABEL,
  JENJANG_LABEL,
  PEMETAAN_LABEL,
  PENGISIAN_LABEL,
  type CompetencyProfile,
  type Jenjang,
} from '@petakom/domain';
import PDFDocument from 'pdfkit';

export interface CompetencyText {
  name: string;
  /** Description per level 1..5. */
  levels: Record<number, string>;
}

export interface IndividualReportData {
  agencyName: string;
  campaignName: string;
  identity: {
    fullName: string;
    nip: string;
    positionName: string;
    jenjang: Jenjang;
    unitName: string;
    examDate: string | null;
  };
  /** null: the participant never sat — "belum dipetakan". */
  profile: CompetencyProfile | null;
  resultVersion: number | null;
  modelVersion: string | null;
  normVersion: number | null;
  /** The norm is the one pinned when this result version was published. */
  normPinned: boolean;
  dictionary: Record<string, CompetencyText>;
  validUntil: string | null;
  issuedAt: string;
  signatory: { title: string; name: string | null; nip: string | null };
}

const KINERJA_LABEL = {
  di_atas_ekspektasi: 'Di atas ekspektasi',
  sesuai_ekspektasi: 'Sesuai ekspektasi',
  di_bawah_ekspektasi: 'Di bawah ekspektasi',
} as const;
const BAND_LABEL = { rendah: 'Rendah', menengah: 'Menengah', tinggi: 'Tinggi' } as const;

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

export function tanggal(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y}`;
}

const fmt2 = (x: number) => x.toFixed(2).replace('.', ',');

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const COLORS = {
  ink: '#1a1a1a',
  muted: '#555555',
  bar: '#2f6f9f',
  standard: '#c0392b',
  grid: '#d0d0d0',
  box: '#f2c94c',
};

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11.5).fillColor(COLORS.ink).text(text, MARGIN);
  doc.moveDown(0.2).font('Helvetica').fontSize(9.5);
}

function row(doc: Doc, label: string, value: string): void {
  const y = doc.y;
  doc.font('Helvetica').fontSize(9.5).fillColor(COLORS.muted).text(label, MARGIN, y, { width: 150 });
  doc.fillColor(COLORS.ink).text(`: ${value}`, MARGIN + 150, y, { width: doc.page.width - 2 * MARGIN - 150 });
}

function competencyChart(doc: Doc, profile: CompetencyProfile, data: IndividualReportData): void {
  const required = new Map(profile.jpm?.terms.map((t) => [t.competency, t.required]) ?? []);
  const left = MARGIN + 170;
  const width = doc.page.width - MARGIN - left - 20;
  const rowH = 17;
  const top = doc.y + 14;
  const scale = (v: number) => left + (v / 5) * width;
  if (top + rowH * profile.competencies.length + 40 > doc.page.height - MARGIN) doc.addPage();
  const y0 = Math.max(top, doc.y + 14);
  // grid and level axis
  doc.fontSize(8).fillColor(COLORS.muted);
  for (let level = 0; level <= 5; level++) {
    const x = scale(level);
    doc
      .moveTo(x, y0 - 4)
      .lineTo(x, y0 + rowH * profile.competencies.length)
      .lineWidth(0.5)
      .strokeColor(COLORS.grid)
      .stroke();
    doc.text(String(level), x - 3, y0 - 14, { lineBreak: false });
  }
  profile.competencies.forEach((c, i) => {
    const y = y0 + i * rowH;
    const name = data.dictionary[c.competency]?.name ?? c.competency;
    doc
      .fontSize(8.5)
      .fillColor(COLORS.ink)
      .text(`${c.competency} ${name}`, MARGIN, y + 3, { width: 165, lineBreak: false, ellipsis: true });
    doc
      .rect(left, y + 3, scale(c.score) - left, rowH - 7)
      .fillColor(COLORS.bar)
      .fill();
    doc.fontSize(7.5).fillColor('#ffffff');
    if (c.score >= 0.6) doc.text(fmt2(c.score), left + 3, y + 5, { lineBreak: false });
    const r = required.get(c.competency);
    if (r !== undefined) {
      const x = scale(r);
      doc
        .moveTo(x, y + 1)
        .lineTo(x, y + rowH - 2)
        .lineWidth(2)
        .strokeColor(COLORS.standard)
        .stroke();
    }
  });
  const legendY = y0 + rowH * profile.competencies.length + 6;
  doc
    .rect(left, legendY + 2, 10, 6)
    .fillColor(COLORS.bar)
    .fill();
  doc
    .fontSize(8)
    .fillColor(COLORS.ink)
    .text('Skor tercapai', left + 14, legendY, { lineBreak: false });
  doc
    .moveTo(left + 100, legendY)
    .lineTo(left + 100, legendY + 10)
    .lineWidth(2)
    .strokeColor(COLORS.standard)
    .stroke();
  doc.text('Standar kompetensi jabatan (level)', left + 106, legendY, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = legendY + 18;
}

function table(doc: Doc, headers: string[], widths: number[], rows: string[][]): void {
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    let h = 0;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8.5)
      .fillColor(COLORS.ink);
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 60;
      h = Math.max(h, doc.heightOfString(cell, { width: w - 6 }));
      doc.text(cell, x + 3, y + 2, { width: w - 6 });
      x += w;
    });
    doc
      .moveTo(MARGIN, y + h + 4)
      .lineTo(x, y + h + 4)
      .lineWidth(0.4)
      .strokeColor(COLORS.grid)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h + 6;
  };
  draw(headers, true);
  for (const r of rows) draw(r, false);
}

function nineBoxGrid(doc: Doc, box: number): void {
  const grid = [
    [4, 7, 9],
    [2, 5, 8],
    [1, 3, 6],
  ];
  const size = 34;
  const left = MARGIN + 110;
  if (doc.y + size * 3 + 40 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y + 4;
  doc.fontSize(7.5).fillColor(COLORS.muted);
  ['Di atas', 'Sesuai', 'Di bawah'].forEach((label, r) =>
    doc.text(label, MARGIN + 40, top + r * size + 12, { width: 66, align: 'right', lineBreak: false }),
  );
  grid.forEach((cells, r) =>
    cells.forEach((n, c) => {
      const x = left + c * size;
      const y = top + r * size;
      if (n === box) doc.rect(x, y, size, size).fillColor(COLORS.box).fill();
      doc.rect(x, y, size, size).lineWidth(0.6).strokeColor(COLORS.ink).stroke();
      doc
        .fontSize(11)
        .fillColor(COLORS.ink)
        .text(String(n), x, y + 11, { width: size, align: 'center', lineBreak: false });
    }),
  );
  doc.fontSize(7.5).fillColor(COLORS.muted);
  ['Rendah', 'Menengah', 'Tinggi'].forEach((label, c) =>
    doc.text(label, left + c * size - 4, top + 3 * size + 3, {
      width: size + 8,
      align: 'center',
      lineBreak: false,
    }),
  );
  doc.text('Kinerja (vertikal) / Potensial (horizontal)', left + 3 * size + 12, top + 12, { width: 150 });
  doc.x = MARGIN;
  doc.y = top + 3 * size + 16;
}

function signature(doc: Doc, data: IndividualReportData): void {
  if (doc.y > doc.page.height - 170) doc.addPage();
  const x = doc.page.width - MARGIN - 220;
  doc.moveDown(1.5).font('Helvetica').fontSize(9.5).fillColor(COLORS.ink);
  const y = doc.y;
  doc.text(`Ditetapkan, ${tanggal(data.issuedAt)}`, x, y, { width: 220 });
  doc.text(data.signatory.title, x, doc.y, { width: 220 });
  doc.moveDown(4);
  doc.text(`( ${data.signatory.name ?? '.................................................'} )`, x, doc.y, {
    width: 220,
  });
  doc.text(`NIP. ${data.signatory.nip ?? '..........................................'}`, x, doc.y, {
    width: 220,
  });
  doc.x = MARGIN;
}

export function renderIndividualReport(data: IndividualReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Laporan Individu Pemetaan Kompetensi - ${data.identity.nip}`, Author: data.agencyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(COLORS.standard).text('RAHASIA', { align: 'right' });
  doc
    .fillColor(COLORS.ink)
    .fontSize(14)
    .text('LAPORAN INDIVIDU HASIL PEMETAAN KOMPETENSI', { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(data.agencyName, { align: 'center' })
    .text(data.campaignName, { align: 'center' });
  doc
    .moveTo(MARGIN, doc.y + 6)
    .lineTo(doc.page.width - MARGIN, doc.y + 6)
    .lineWidth(1)
    .strokeColor(COLORS.ink)
    .stroke();
  doc.moveDown(0.8);

  heading(doc, '1. Identitas Peserta');
  const id = data.identity;
  row(doc, 'Nama', id.fullName);
  row(doc, 'NIP', id.nip);
  row(doc, 'Jabatan', id.positionName);
  row(doc, 'Jenjang jabatan', JENJANG_LABEL[id.jenjang]);
  row(doc, 'Unit kerja', id.unitName);
  row(doc, 'Tanggal asesmen', id.examDate ? tanggal(id.examDate) : '-');

  const profile = data.profile;
  if (!profile) {
    heading(doc, '2. Status Pemetaan');
    doc.font('Helvetica-Bold').fontSize(11).text('Belum dipetakan');
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text(
        'Peserta terdaftar tetapi belum mengikuti asesmen, sehingga belum ada profil kompetensi, JPM, ' +
          'kategori, maupun posisi 9-box. Tidak ada nilai yang dilaporkan; peserta perlu dijadwalkan ulang.',
      );
    signature(doc, data);
    doc.end();
    return done;
  }

  heading(doc, '2. Ringkasan Hasil');
  const jpm = profile.jpm;
  row(doc, 'Job Person Match (JPM)', jpm ? `${fmt2(jpm.value)} %` : '-');
  if (jpm && jpm.variant === 'capped') row(doc, 'JPM tanpa batas atas', `${fmt2(jpm.uncapped)} %`);
  row(doc, 'Kategori pemetaan', profile.categories ? PEMETAAN_LABEL[profile.categories.pemetaan] : '-');
  row(
    doc,
    'Kategori pengisian jabatan',
    profile.categories ? PENGISIAN_LABEL[profile.categories.pengisian] : '-',
  );
  if (profile.potensi) {
    const p = profile.potensi;
    row(
      doc,
      'Tes potensi',
      `${p.raw.total} dari ${p.max.total} benar (verbal ${p.raw.verbal}, numerik ${p.raw.numerik}, figural ${p.raw.figural})` +
        (p.standardScore !== null && p.band
          ? `; skor standar ${p.standardScore} (${BAND_LABEL[p.band]})`
          : ''),
    );
  }
  if (jpm && jpm.untested.length > 0) row(doc, 'Tidak diukur', jpm.untested.join(', '));

  heading(doc, '3. Profil Kompetensi terhadap Standar Kompetensi Jabatan');
  competencyChart(doc, profile, data);
  const required = new Map(jpm?.terms.map((t) => [t.competency, t.required]) ?? []);
  const gapOf = new Map(profile.gaps.map((g) => [g.competency, g]));
  table(
    doc,
    ['Kompetensi', 'Skor', 'Level', 'Standar', 'Kesenjangan'],
    [215, 60, 55, 60, 105],
    profile.competencies.map((c) => {
      const g = gapOf.get(c.competency)?.level;
      return [
        `${c.competency} ${data.dictionary[c.competency]?.name ?? ''}`,
        fmt2(c.score),
        String(c.level),
        String(required.get(c.competency) ?? '-'),
        g ? GAP_LABEL[g] : '-',
      ];
    }),
  );

  heading(doc, '4. Deskripsi Level Kompetensi yang Dicapai');
  for (const c of profile.competencies) {
    const text = data.dictionary[c.competency];
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`${c.competency} ${text?.name ?? ''} - level ${c.level}`);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(text?.levels[c.level] ?? '-')
      .moveDown(0.3);
  }

  heading(doc, '5. Kekuatan dan Kesenjangan');
  const strengths = profile.competencies.filter((c) => c.level >= (required.get(c.competency) ?? 6));
  const gaps = profile.gaps.filter((g) => g.level !== null && g.level !== 'tidak_ada');
  doc.font('Helvetica-Bold').fontSize(9.5).text('Kekuatan');
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      strengths.length > 0
        ? strengths
            .map((c) => `${c.competency} ${data.dictionary[c.competency]?.name ?? ''} (level ${c.level})`)
            .join('; ')
        : 'Belum ada kompetensi yang mencapai standar jabatan.',
    );
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9.5).text('Kesenjangan');
  if (gaps.length === 0)
    doc.font('Helvetica').fontSize(9).text('Tidak ada kesenjangan terhadap standar jabatan.');
  for (const g of gaps) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        `${g.competency} ${data.dictionary[g.competency]?.name ?? ''}: kesenjangan ${GAP_LABEL[g.level ?? 'tidak_ada'].toLowerCase()} ` +
          `(${g.met} dari ${g.tagged} indikator terpenuhi pada level ${g.requiredLevel}).`,
      );
  }

  heading(doc, '6. Rencana Pengembangan Kompetensi (5 tahun, minimal 20 JP per tahun)');
  table(
    doc,
    ['Tahun', 'Kompetensi', 'Metode', 'JP'],
    [45, 130, 270, 50],
    // each year closes with its own total, so a reader sees the 20 JP minimum is met every year
    profile.developmentPlan.years.flatMap((y) => [
      ...y.activities.map((a, i) => [
        i === 0 ? `${y.year}` : '',
        a.competency
          ? `${a.competency} (${a.gap ? GAP_LABEL[a.gap].toLowerCase() : ''})`
          : 'Pemeliharaan kompetensi',
        a.methods.map((m) => `${m.name} (${m.kind === 'klasikal' ? 'klasikal' : 'non-klasikal'})`).join(', '),
        String(a.jp),
      ]),
      ['', '', `Jumlah tahun ${y.year}`, `${y.totalJp} JP`],
    ]),
  );
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      `Jumlah: ${profile.developmentPlan.totalJp} JP selama ${profile.developmentPlan.years.length} tahun.`,
    );

  heading(doc, '7. Posisi pada Matriks 9-Box (Manajemen Talenta)');
  if (profile.nineBox) {
    const b = profile.nineBox;
    doc.text(
      `Kotak ${b.box}: kinerja ${KINERJA_LABEL[b.kinerja].toLowerCase()}, potensial ${BAND_LABEL[b.potensial].toLowerCase()}.`,
    );
    doc.text(`Rekomendasi: ${b.guidance}`);
    nineBoxGrid(doc, b.box);
  } else {
    doc.text('Belum dapat ditentukan: predikat SKP peserta belum tersedia.');
  }

  heading(doc, '8. Masa Berlaku');
  doc.text(
    data.validUntil
      ? `Hasil pemetaan ini berlaku sampai dengan ${tanggal(data.validUntil)}.`
      : 'Masa berlaku mengikuti ketentuan kampanye pemetaan.',
  );
  doc
    .fontSize(7.5)
    .fillColor(COLORS.muted)
    .text(
      `Versi hasil ${data.resultVersion ?? '-'}, model penilaian ${data.modelVersion ?? '-'}` +
        (data.normVersion
          ? `, norma potensi versi ${data.normVersion}${data.normPinned ? ' (ditetapkan saat publikasi)' : ''}`
          : '') +
        '.',
    );
  doc.fillColor(COLORS.ink);
  signature(doc, data);
  doc.end();
  return done;
}
