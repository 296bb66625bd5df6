// From one attempt's answers to the full competency profile, with every intermediate figure kept
// so the result can show how it was reached. No attempt → "belum dipetakan", never a zero.
import type { CompetencyStandard } from '../competency/standard.ts';
import { toItemMap, type Battery, type ItemsInput } from '../battery/battery.ts';
import type { Item } from '../items/index.ts';
import type { Answers } from './answers.ts';
import { categories, type PemetaanCategory, type PengisianCategory } from './categories.ts';
import { competencyScores, type CompetencyScore } from './competency-scores.ts';
import { developmentPlan, type DevelopmentPlan } from './development-plan.ts';
import { gaps, type CompetencyGap } from './gaps.ts';
import { jpm, type JpmResult } from './jpm.ts';
import { defaultScoringModel, type ScoringModel } from './model.ts';
import { nineBox, type NineBox, type SkpPredikat } from './nine-box.ts';
import { potensi, type NormGroup, type PotensiResult } from './potensi.ts';

export interface ScoreAttemptInput {
  battery: Battery;
  items: ItemsInput;
  /** null when the participant never sat: the outcome is "belum dipetakan". */
  answers: Answers | null;
  standard: CompetencyStandard;
  model?: ScoringModel;
  skpPredikat?: SkpPredikat | null;
  normGroup?: NormGroup | null;
}

export interface BelumDipetakan {
  status: 'belum_dipetakan';
  modelVersion: string;
}

export interface CompetencyProfile {
  status: 'dipetakan';
  modelVersion: string;
  competencies: CompetencyScore[];
  jpm: JpmResult | null;
  categories: { pengisian: PengisianCategory; pemetaan: PemetaanCategory } | null;
  gaps: CompetencyGap[];
  nineBox: NineBox | null;
  potensi: PotensiResult | null;
  developmentPlan: DevelopmentPlan;
}

export type AttemptProfile = BelumDipetakan | CompetencyProfile;

export function scoreAttempt(input: ScoreAttemptInput): AttemptProfile {
  const model = input.model ?? defaultScoringModel;
  if (input.answers === null) return { status: 'belum_dipetakan', modelVersion: model.version };

  const byId = toItemMap(input.items);
  const items: Item[] = input.battery.sections.flatMap((s) =>
    s.itemIds.map((id) => {
      const item = byId.get(id);
      if (!item) throw new Error(`butir ${id} pada bagian ${s.key} tidak ditemukan`);
      return item;
    }),
  );
  const answers = input.answers;
  const scores = competencyScores(items, answers, model);
  const match = jpm(scores, input.standard, model);
  const cats = match ? categories(match.value, model) : null;
  const competencyGaps = gaps(items, answers, input.standard, model);
  const pot = potensi(items, answers, input.normGroup ?? null, model);
  const box =
    cats && input.skpPredikat ? nineBox(cats.pemetaan, input.skpPredikat, model, pot?.band ?? null) : null;
  return {
    status: 'dipetakan',
    modelVersion: model.version,
    competencies: scores,
    jpm: match,
    categories: cats,
    gaps: competencyGaps,
    nineBox: box,
    potensi: pot,
    developmentPlan: developmentPlan(competencyGaps, model),
  };
}
