// The XLSX export of a campaign: one sheet of results (JPM, categories, 9-box) and one of gaps per
// competency; participants who never sat are listed as "belum dipetakan" with empty scores.
import ExcelJS from 'exceljs';
import type { CampaignResultsRepository } from '../publication/campaign-results.repository.ts';

const BELUM = 'belum dipetakan';

export async function resultsWorkbook(
  repo: CampaignResultsRepository,
  campaignId: string,
  campaignName: string,
): Promise<Buffer> {
  const roster = await repo.roster(campaignId);
  const comps = await repo.competencies(roster.flatMap((r) => (r.resultId ? [r.resultId] : [])));
  const byResult = new Map<string, typeof comps>();
  for (const c of comps) byResult.set(c.resultId, [...(byResult.get(c.resultId) ?? []), c]);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'petakom';
  wb.title = campaignName;
  const results = wb.addWorksheet('Hasil');
  results.columns = [
    { header: 'NIP', key: 'nip', width: 21 },
    { header: 'Nama', key: 'name', width: 32 },
    { header: 'Unit kerja', key: 'unit', width: 28 },
    { header: 'Jabatan', key: 'position', width: 28 },
    { header: 'Jenjang', key: 'jenjang', width: 14 },
    { header: 'Status', key: 'status', width: 16 },
    { header: 'JPM (%)', key: 'jpm', width: 9 },
    { header: 'Kategori', key: 'category', width: 22 },
    { header: 'Kotak 9-box', key: 'box', width: 11 },
    { header: 'Diterbitkan', key: 'published', width: 12 },
  ];
  for (const r of roster) {
    const mapped = r.resultId !== null;
    results.addRow({
      nip: r.nip,
      name: r.fullName,
      unit: r.unitName,
      position: r.positionName,
      jenjang: r.jenjang,
      status: mapped ? 'dipetakan' : BELUM,
      jpm: r.jpm,
      category: r.category,
      box: r.nineBox,
      published: r.publishedAt ? r.publishedAt.toISOString().slice(0, 10) : null,
    });
  }
  const gaps = wb.addWorksheet('Kesenjangan');
  gaps.columns = [
    { header: 'NIP', key: 'nip', width: 21 },
    { header: 'Nama', key: 'name', width: 32 },
    { header: 'Unit kerja', key: 'unit', width: 28 },
    { header: 'Kompetensi', key: 'code', width: 11 },
    { header: 'Skor', key: 'score', width: 8 },
    { header: 'Level', key: 'level', width: 7 },
    { header: 'Standar', key: 'required', width: 8 },
    { header: 'Kesenjangan', key: 'gap', width: 16 },
  ];
  for (const r of roster) {
    const rows = r.resultId ? (byResult.get(r.resultId) ?? []) : [];
    if (rows.length === 0) {
      gaps.addRow({ nip: r.nip, name: r.fullName, unit: r.unitName, code: null, gap: BELUM });
      continue;
    }
    for (const c of rows) {
      gaps.addRow({
        nip: r.nip,
        name: r.fullName,
        unit: r.unitName,
        code: c.code,
        score: c.score,
        level: c.level,
        required: c.requiredLevel,
        gap: c.gap,
      });
    }
  }
  for (const ws of [results, gaps]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
