// Step 7: the 5-year development plan — each gap becomes a need, ordered by gap level then
// importance, spread over the years so each year holds at least the minimum JP (20 by default).
import { IMPORTANCE_RANK, type Importance } from '../competency/standard.ts';
import { compareCompetencyCodes } from './competency-scores.ts';
import type { CompetencyGap, GapLevel } from './gaps.ts';
import type { DevelopmentMethod, ScoringModel } from './model.ts';

type OpenGap = Exclude<GapLevel, 'tidak_ada'>;
const GAP_RANK: Record<OpenGap, number> = { tinggi: 0, sedang: 1, rendah: 2 };

export interface DevelopmentNeed {
  /** 1 = addressed first. */
  priority: number;
  competency: string;
  gap: OpenGap;
  importance: Importance;
  unmetIndicators: string[];
  methods: DevelopmentMethod[];
  jp: number;
}

export interface PlanActivity {
  /** null for maintenance learning that keeps a year at the minimum JP. */
  competency: string | null;
  gap: OpenGap | null;
  methods: DevelopmentMethod[];
  jp: number;
}

export interface PlanYear {
  year: number;
  activities: PlanActivity[];
  totalJp: number;
}

export interface DevelopmentPlan {
  needs: DevelopmentNeed[];
  years: PlanYear[];
  totalJp: number;
}

export function developmentNeeds(
  competencyGaps: readonly CompetencyGap[],
  model: ScoringModel,
): DevelopmentNeed[] {
  return competencyGaps
    .filter((g): g is CompetencyGap & { level: OpenGap } => g.level !== null && g.level !== 'tidak_ada')
    .sort(
      (a, b) =>
        GAP_RANK[a.level] - GAP_RANK[b.level] ||
        IMPORTANCE_RANK[a.importance] - IMPORTANCE_RANK[b.importance] ||
        compareCompetencyCodes(a.competency, b.competency),
    )
    .map((g, i) => ({
      priority: i + 1,
      competency: g.competency,
      gap: g.level,
      importance: g.importance,
      unmetIndicators: g.unmetIndicators,
      methods: model.developmentPlan.byGap[g.level].methods,
      jp: model.developmentPlan.byGap[g.level].jp,
    }));
}

/**
 * Place each need, in priority order, in the year with the fewest JP so far (earliest on a tie):
 * the most urgent needs land first and the load stays even. Years left under the minimum are
 * topped up with maintenance learning, so every year — even with no gap — meets the minimum.
 */
export function developmentPlan(
  competencyGaps: readonly CompetencyGap[],
  model: ScoringModel,
): DevelopmentPlan {
  const { years: count, minJpPerYear, maintenance } = model.developmentPlan;
  const needs = developmentNeeds(competencyGaps, model);
  const years: PlanYear[] = Array.from({ length: count }, (_, i) => ({
    year: i + 1,
    activities: [],
    totalJp: 0,
  }));
  for (const need of needs) {
    const target = years.reduce((best, y) => (y.totalJp < best.totalJp ? y : best));
    target.activities.push({
      competency: need.competency,
      gap: need.gap,
      methods: need.methods,
      jp: need.jp,
    });
    target.totalJp += need.jp;
  }
  for (const year of years) {
    if (year.totalJp < minJpPerYear) {
      const jp = minJpPerYear - year.totalJp;
      year.activities.push({ competency: null, gap: null, methods: maintenance.methods, jp });
      year.totalJp += jp;
    }
  }
  return { needs, years, totalJp: years.reduce((s, y) => s + y.totalJp, 0) };
}
