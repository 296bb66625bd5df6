// The staff view of a campaign's results: the filtered table, the 9-box with drill-down, category
// per unit and the competency heat map per unit. Every registered participant without a result is
// counted as "belum dipetakan", never as a zero.
import { BELUM_DIPETAKAN, type resultsQuerySchema } from '@petakom/protocol';
import type { z } from 'zod';
import { CampaignResultsRepository, type RosterResultRow } from './campaign-results.repository.ts';

type ResultsQuery = z.output<typeof resultsQuerySchema>;

const round2 = (x: number) => Math.round(x * 100) / 100;

export class CampaignResultsService {
  constructor(readonly repo: CampaignResultsRepository) {}

  async table(campaignId: string, q: ResultsQuery) {
    const roster = await this.repo.roster(campaignId);
    const rows = roster.filter(
      (r) =>
        (q.unitId === undefined || r.unitId === q.unitId) &&
        (q.positionId === undefined || r.positionId === q.positionId) &&
        (q.category === undefined || r.category === q.category) &&
        (q.box === undefined || r.nineBox === q.box) &&
        (q.mapping === 'all' || (q.mapping === BELUM_DIPETAKAN) === (r.resultId === null)),
    );
    const start = (q.page - 1) * q.pageSize;
    return {
      ok: true as const,
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
      rows: rows.slice(start, start + q.pageSize).map((r) => ({
        participantId: r.participantId,
        nip: r.nip,
        fullName: r.fullName,
        unitId: r.unitId,
        unitName: r.unitName,
        positionId: r.positionId,
        positionName: r.positionName,
        jenjang: r.jenjang,
        mapping: r.resultId === null ? (BELUM_DIPETAKAN as typeof BELUM_DIPETAKAN) : ('dipetakan' as const),
        resultId: r.resultId,
        version: r.version,
        jpm: r.jpm,
        category: r.category,
        nineBox: r.nineBox,
        published: r.publishedAt !== null,
        reviews: r.reviews,
      })),
    };
  }

  private async scoped(campaignId: string, unitId: string | undefined): Promise<RosterResultRow[]> {
    const roster = await this.repo.roster(campaignId);
    return unitId === undefined ? roster : roster.filter((r) => r.unitId === unitId);
  }

  async nineBox(campaignId: string, unitId?: string) {
    const rows = await this.scoped(campaignId, unitId);
    const counts = new Map<number, number>();
    for (const r of rows) if (r.nineBox !== null) counts.set(r.nineBox, (counts.get(r.nineBox) ?? 0) + 1);
    return {
      ok: true as const,
      boxes: Array.from({ length: 9 }, (_, i) => ({ box: i + 1, count: counts.get(i + 1) ?? 0 })),
      belumDipetakan: rows.filter((r) => r.resultId === null).length,
    };
  }

  async categoriesByUnit(campaignId: string) {
    const rows = await this.repo.roster(campaignId);
    const units = new Map<
      string,
      { unitId: string; unitName: string; counts: Record<string, number>; belumDipetakan: number }
    >();
    for (const r of rows) {
      let u = units.get(r.unitId);
      if (!u) {
        u = { unitId: r.unitId, unitName: r.unitName, counts: {}, belumDipetakan: 0 };
        units.set(r.unitId, u);
      }
      if (r.resultId === null || r.category === null) u.belumDipetakan++;
      else u.counts[r.category] = (u.counts[r.category] ?? 0) + 1;
    }
    return { ok: true as const, units: [...units.values()] };
  }

  async heatmap(campaignId: string) {
    const rows = await this.repo.roster(campaignId);
    const mapped = rows.filter((r) => r.resultId !== null);
    const comps = await this.repo.competencies(mapped.map((r) => r.resultId ?? ''));
    const unitOfResult = new Map(mapped.map((r) => [r.resultId ?? '', r.unitId]));
    const codes = [...new Set(comps.map((c) => c.code))].sort();
    type Acc = { score: number; level: number; gaps: number; n: number };
    const acc = new Map<string, Acc>();
    for (const c of comps) {
      const key = `${unitOfResult.get(c.resultId) ?? ''}|${c.code}`;
      const a = acc.get(key) ?? { score: 0, level: 0, gaps: 0, n: 0 };
      a.score += c.score;
      a.level += c.level;
      if (c.requiredLevel !== null && c.level < c.requiredLevel) a.gaps++;
      a.n++;
      acc.set(key, a);
    }
    const units = new Map<string, { unitId: string; unitName: string; mapped: number }>();
    for (const r of rows) {
      const u = units.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, mapped: 0 };
      if (r.resultId !== null) u.mapped++;
      units.set(r.unitId, u);
    }
    return {
      ok: true as const,
      competencies: codes,
      units: [...units.values()].map((u) => ({
        ...u,
        cells: codes.map((code) => {
          const a = acc.get(`${u.unitId}|${code}`);
          return a === undefined || a.n === 0
            ? { competency: code, meanScore: null, meanLevel: null, gapShare: null }
            : {
                competency: code,
                meanScore: round2(a.score / a.n),
                meanLevel: round2(a.level / a.n),
                gapShare: round2(a.gaps / a.n),
              };
        }),
      })),
    };
  }
}
