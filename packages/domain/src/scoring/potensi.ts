// Step 6: the Tes Potensi result — raw right answers per subtest and a standard score within the
// campaign's norm group (mean 100, SD 15 by default) with its band.
import { scoreItem, type Item, type Subtest } from '../items/index.ts';
import { mean, roundHalfUp } from '../math/round.ts';
import { answerOf, type Answers } from './answers.ts';
import type { ScoringModel } from './model.ts';

export type PotensiBand = 'rendah' | 'menengah' | 'tinggi';

/** Mean and (population) SD of raw totals in the norm group, e.g. everyone of one campaign. */
export interface NormGroup {
  mean: number;
  sd: number;
  size: number;
}

export interface PotensiResult {
  raw: Record<Subtest, number> & { total: number };
  max: Record<Subtest, number> & { total: number };
  /** null without a usable norm group (none given, or everyone scored the same). */
  standardScore: number | null;
  band: PotensiBand | null;
}

export function potensiRaw(items: readonly Item[], answers: Answers): Pick<PotensiResult, 'raw' | 'max'> {
  const raw = { verbal: 0, numerik: 0, figural: 0, total: 0 };
  const max = { verbal: 0, numerik: 0, figural: 0, total: 0 };
  for (const item of items) {
    if (item.type !== 'single_choice') continue;
    const points = scoreItem(item, answerOf(answers, item.id)).points ?? 0;
    raw[item.subtest] += points;
    raw.total += points;
    max[item.subtest] += 1;
    max.total += 1;
  }
  return { raw, max };
}

export function normGroupFrom(rawTotals: readonly number[]): NormGroup | null {
  const m = mean(rawTotals);
  if (m === null) return null;
  const variance = rawTotals.reduce((s, x) => s + (x - m) ** 2, 0) / rawTotals.length;
  return { mean: m, sd: Math.sqrt(variance), size: rawTotals.length };
}

export function standardScore(raw: number, norm: NormGroup, model: ScoringModel): number | null {
  if (!(norm.sd > 0)) return null;
  const { mean: m, sd, decimals } = model.potensi;
  return roundHalfUp(m + (sd * (raw - norm.mean)) / norm.sd, decimals);
}

export function potensiBand(score: number, model: ScoringModel): PotensiBand {
  if (score >= model.potensi.tinggiFrom) return 'tinggi';
  if (score >= model.potensi.menengahFrom) return 'menengah';
  return 'rendah';
}

/** null when the battery has no potensi item. */
export function potensi(
  items: readonly Item[],
  answers: Answers,
  norm: NormGroup | null,
  model: ScoringModel,
): PotensiResult | null {
  const { raw, max } = potensiRaw(items, answers);
  if (max.total === 0) return null;
  const score = norm ? standardScore(raw.total, norm, model) : null;
  return { raw, max, standardScore: score, band: score === null ? null : potensiBand(score, model) };
}
