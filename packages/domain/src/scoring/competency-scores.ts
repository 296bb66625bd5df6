// Step 1–2 of the profile: per competency, the SJT, inventory and self-assessment part scores,
// their weighted score s_c and the achieved level L_c.
import { clampLevel, type Level } from '../competency/codes.ts';
import { scoreItem, type Item } from '../items/index.ts';
import { mean, roundHalfUp } from '../math/round.ts';
import { answerOf, type Answers } from './answers.ts';
import type { ScoringModel } from './model.ts';

export interface CompetencyParts {
  /** Mean chosen SJT weight, blanks counting 0; null when the battery has no SJT item for it. */
  sjt: number | null;
  /** Mean inventory value after reverse keying, blanks left out; null when none answered. */
  inventory: number | null;
  /** Mean level of the chosen self-assessment statements, blanks left out; null when none answered. */
  selfAssessment: number | null;
}

export interface CompetencyScore {
  competency: string;
  parts: CompetencyParts;
  /** s_c rounded half-up to the model's decimals. */
  score: number;
  /** L_c = clamp(round_half_up(score), 1, 5), taken from the rounded score shown. */
  level: Level;
}

/**
 * Score every competency that the given items measure. Parts that are absent drop out and the
 * remaining weights are renormalised; a competency with no part at all is not scored (not zero).
 */
export function competencyScores(
  items: readonly Item[],
  answers: Answers,
  model: ScoringModel,
): CompetencyScore[] {
  const points = new Map<string, { sjt: number[]; inventory: number[]; selfAssessment: number[] }>();
  const bucket = (code: string) => {
    let b = points.get(code);
    if (!b) points.set(code, (b = { sjt: [], inventory: [], selfAssessment: [] }));
    return b;
  };
  for (const item of items) {
    if (item.type === 'single_choice') continue;
    const scored = scoreItem(item, answerOf(answers, item.id));
    const b = bucket(item.competency);
    if (scored.points === null) continue;
    if (item.type === 'sjt') b.sjt.push(scored.points);
    else if (item.type === 'likert') b.inventory.push(scored.points);
    else b.selfAssessment.push(scored.points);
  }

  const out: CompetencyScore[] = [];
  for (const [competency, b] of points) {
    const parts: CompetencyParts = {
      sjt: mean(b.sjt),
      inventory: mean(b.inventory),
      selfAssessment: mean(b.selfAssessment),
    };
    const weighted = (
      [
        [parts.sjt, model.partWeights.sjt],
        [parts.inventory, model.partWeights.inventory],
        [parts.selfAssessment, model.partWeights.selfAssessment],
      ] as const
    ).filter((p): p is readonly [number, number] => p[0] !== null && p[1] > 0);
    const totalWeight = weighted.reduce((sum, [, w]) => sum + w, 0);
    if (totalWeight === 0) continue;
    const raw = weighted.reduce((sum, [v, w]) => sum + v * w, 0) / totalWeight;
    const score = roundHalfUp(raw, model.scoreDecimals);
    out.push({ competency, parts, score, level: clampLevel(roundHalfUp(score, 0)) });
  }
  return out.sort((a, b) => compareCompetencyCodes(a.competency, b.competency));
}

/** M1…M8, SK1, then teknis codes alphabetically: the order of every report. */
export function compareCompetencyCodes(a: string, b: string): number {
  const rank = (c: string) => (/^M\d$/.test(c) ? 0 : c === 'SK1' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}
