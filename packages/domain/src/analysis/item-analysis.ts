// Classical item analysis of one campaign: per item difficulty, corrected item-total
// discrimination, choice and omission rates; per scale Cronbach's alpha and the standard error of
// measurement; and flags on items that misbehave, so a bad key or a broken scenario shows up.
import type { Answers } from '../scoring/answers.ts';
import { answerOf } from '../scoring/answers.ts';
import { optionIds, scoreItem, LIKERT_SCALE, type Item } from '../items/index.ts';
import { mean, roundHalfUp } from '../math/round.ts';

export type ItemFlag =
  | 'negative_discrimination'
  | 'low_discrimination'
  | 'nearly_all_right'
  | 'nearly_all_wrong'
  | 'high_omission';

export interface ItemAnalysisThresholds {
  /** Below this corrected item-total correlation an item is flagged `low_discrimination`. */
  lowDiscrimination: number;
  /** A keyed item answered right by more than this share is `nearly_all_right`. */
  nearlyAllRight: number;
  /** A keyed item answered right by less than this share is `nearly_all_wrong`. */
  nearlyAllWrong: number;
  highOmission: number;
}

export const defaultItemAnalysisThresholds: ItemAnalysisThresholds = {
  lowDiscrimination: 0.2,
  nearlyAllRight: 0.95,
  nearlyAllWrong: 0.05,
  highOmission: 0.2,
};

export interface ItemStatistics {
  itemId: string;
  type: Item['type'];
  /** `single_choice:verbal`, `sjt:M1`, `likert:M1`, `self_assessment:M1`: the items summed together. */
  scale: string;
  respondents: number;
  /** Mean points / max points: the share right for a keyed item (blank = wrong). */
  difficulty: number | null;
  /** Pearson r of the item with the rest of its scale (the item left out); null when undefined. */
  discrimination: number | null;
  /** Share of respondents choosing each option id (or Likert value). */
  choiceRates: Record<string, number>;
  omissionRate: number | null;
  flags: ItemFlag[];
}

export interface ScaleStatistics {
  scale: string;
  items: number;
  respondents: number;
  /** Cronbach's alpha; null with fewer than two items or no variance in the total. */
  alpha: number | null;
  /** SD(total) × √(1 − α), in raw score points. */
  sem: number | null;
  meanTotal: number | null;
  sdTotal: number | null;
}

export interface ItemAnalysis {
  respondents: number;
  items: ItemStatistics[];
  scales: ScaleStatistics[];
}

export function scaleOf(item: Item): string {
  return item.type === 'single_choice' ? `single_choice:${item.subtest}` : `${item.type}:${item.competency}`;
}

/** Population variance; null for an empty list. */
function variance(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
}

function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null || xs.length < 2) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

const r4 = (x: number | null) => (x === null ? null : roundHalfUp(x, 4));

/**
 * Analyse the answers of every scored attempt of a campaign. A blank counts 0 points here for
 * every type (it is what the participant gave the scale) and shows in the omission rate.
 */
export function itemAnalysis(
  items: readonly Item[],
  attempts: readonly Answers[],
  thresholds: ItemAnalysisThresholds = defaultItemAnalysisThresholds,
): ItemAnalysis {
  const n = attempts.length;
  // points[i][p]: item i, participant p
  const points = items.map((item) =>
    attempts.map((answers) => {
      const value = answerOf(answers, item.id);
      return value === null ? 0 : (scoreItem(item, value).points ?? 0);
    }),
  );
  const scaleItems = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = scaleOf(item);
    const list = scaleItems.get(key) ?? [];
    list.push(i);
    scaleItems.set(key, list);
  });
  const totals = new Map<string, number[]>();
  for (const [key, idx] of scaleItems) {
    totals.set(
      key,
      attempts.map((_, p) => idx.reduce((s, i) => s + (points[i]?.[p] ?? 0), 0)),
    );
  }

  const itemStats: ItemStatistics[] = items.map((item, i) => {
    const own = points[i] ?? [];
    const scale = scaleOf(item);
    const total = totals.get(scale) ?? [];
    const rest = total.map((t, p) => t - (own[p] ?? 0));
    const max = scoreItem(item, null).max;
    const m = mean(own);
    const difficulty = m === null || max === 0 ? null : m / max;
    const discrimination = (scaleItems.get(scale)?.length ?? 0) > 1 ? correlation(own, rest) : null;

    const choices = item.type === 'likert' ? LIKERT_SCALE.map((s) => String(s.value)) : optionIds(item);
    const counts: Record<string, number> = Object.fromEntries(choices.map((c) => [c, 0]));
    let omitted = 0;
    for (const answers of attempts) {
      const value = answerOf(answers, item.id);
      if (value === null || !scoreItem(item, value).answered) omitted++;
      else {
        const key = String(value);
        if (key in counts) counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    const choiceRates = Object.fromEntries(
      Object.entries(counts).map(([c, k]) => [c, n === 0 ? 0 : roundHalfUp(k / n, 4)]),
    );
    const omissionRate = n === 0 ? null : omitted / n;

    const flags: ItemFlag[] = [];
    if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
    else if (discrimination !== null && discrimination < thresholds.lowDiscrimination)
      flags.push('low_discrimination');
    if (item.type === 'single_choice' && difficulty !== null) {
      if (difficulty > thresholds.nearlyAllRight) flags.push('nearly_all_right');
      if (difficulty < thresholds.nearlyAllWrong) flags.push('nearly_all_wrong');
    }
    if (omissionRate !== null && omissionRate > thresholds.highOmission) flags.push('high_omission');

    return {
      itemId: item.id,
      type: item.type,
      scale,
      respondents: n,
      difficulty: r4(difficulty),
      discrimination: r4(discrimination),
      choiceRates,
      omissionRate: r4(omissionRate),
      flags,
    };
  });

  const scales: ScaleStatistics[] = [...scaleItems].map(([scale, idx]) => {
    const total = totals.get(scale) ?? [];
    const varTotal = variance(total);
    const k = idx.length;
    let alpha: number | null = null;
    if (k > 1 && varTotal !== null && varTotal > 0) {
      const sumItemVar = idx.reduce((s, i) => s + (variance(points[i] ?? []) ?? 0), 0);
      alpha = (k / (k - 1)) * (1 - sumItemVar / varTotal);
    }
    const sd = varTotal === null ? null : Math.sqrt(varTotal);
    // A negative alpha (items working against each other) gives no meaningful SEM.
    const sem = alpha === null || sd === null || alpha < 0 ? null : sd * Math.sqrt(1 - alpha);
    return {
      scale,
      items: k,
      respondents: n,
      alpha: r4(alpha),
      sem: r4(sem),
      meanTotal: r4(mean(total)),
      sdTotal: r4(sd),
    };
  });
  scales.sort((a, b) => a.scale.localeCompare(b.scale, 'en', { numeric: true }));
  return { respondents: n, items: itemStats, scales };
}
