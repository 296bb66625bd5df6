// Step 3: Job Person Match — achieved against required levels over the jabatan's standard.
import type { CompetencyStandard } from '../competency/standard.ts';
import { roundHalfUp } from '../math/round.ts';
import type { CompetencyScore } from './competency-scores.ts';
import type { ScoringModel } from './model.ts';

export interface JpmTerm {
  competency: string;
  achieved: number;
  required: number;
  weight: number;
}

export interface JpmResult {
  /** Σ w·min(L, R) / Σ w·R × 100, rounded: a competency above standard does not cover a gap. */
  capped: number;
  /** Σ w·L / Σ w·R × 100, rounded (may exceed 100). */
  uncapped: number;
  variant: ScoringModel['jpm']['variant'];
  /** The JPM categories are decided on: `capped` or `uncapped` per the model. */
  value: number;
  terms: JpmTerm[];
  /** Competencies in the standard that this battery did not measure; left out, never counted as 0. */
  untested: string[];
}

/** JPM over the tested competencies of the standard; null when none of them was tested. */
export function jpm(
  scores: readonly CompetencyScore[],
  standard: CompetencyStandard,
  model: ScoringModel,
): JpmResult | null {
  const byCode = new Map(scores.map((s) => [s.competency, s]));
  const terms: JpmTerm[] = [];
  const untested: string[] = [];
  for (const r of standard.requirements) {
    const score = byCode.get(r.competency);
    if (!score) untested.push(r.competency);
    else
      terms.push({
        competency: r.competency,
        achieved: score.level,
        required: r.requiredLevel,
        weight: r.weight ?? 1,
      });
  }
  if (terms.length === 0) return null;
  // Multiply before dividing so whole-number ratios such as 4/5 land exactly on 80.
  const required = terms.reduce((s, t) => s + t.weight * t.required, 0);
  const capped = roundHalfUp(
    (100 * terms.reduce((s, t) => s + t.weight * Math.min(t.achieved, t.required), 0)) / required,
    model.jpm.decimals,
  );
  const uncapped = roundHalfUp(
    (100 * terms.reduce((s, t) => s + t.weight * t.achieved, 0)) / required,
    model.jpm.decimals,
  );
  return {
    capped,
    uncapped,
    variant: model.jpm.variant,
    value: model.jpm.variant === 'capped' ? capped : uncapped,
    terms,
    untested,
  };
}
