// Step 5: the gap per competency of the standard, from the SJT behavioural indicators observed.
import type { CompetencyStandard, Importance } from '../competency/standard.ts';
import { chosenWeight, type Item } from '../items/index.ts';
import { answerOf, type Answers } from './answers.ts';
import type { ScoringModel } from './model.ts';

export type GapLevel = 'tidak_ada' | 'rendah' | 'sedang' | 'tinggi';

export const GAP_LABEL: Record<GapLevel, string> = {
  tidak_ada: 'Tidak ada kesenjangan',
  rendah: 'Rendah',
  sedang: 'Sedang',
  tinggi: 'Tinggi',
};

export interface CompetencyGap {
  competency: string;
  requiredLevel: number;
  importance: Importance;
  /** SJT items tagged with this competency; each observes one behavioural indicator. */
  tagged: number;
  /** Items whose chosen option weight reaches the required level. */
  met: number;
  /** Indicators not met, for the report ("which behaviour to develop"). */
  unmetIndicators: string[];
  /** null when no SJT item observed this competency: the gap cannot be judged. */
  level: GapLevel | null;
}

/** Classify f = met / tagged. Thresholds are inclusive lower bounds. */
export function gapLevel(met: number, tagged: number, model: ScoringModel): GapLevel | null {
  if (tagged === 0) return null;
  if (met >= tagged) return 'tidak_ada';
  // Compare as met ≥ t·tagged so 3 of 4 lands exactly on 3/4 whatever the float of the ratio.
  const eps = 1e-9;
  if (met + eps >= model.gap.rendahFrom * tagged) return 'rendah';
  if (met + eps >= model.gap.sedangFrom * tagged) return 'sedang';
  return 'tinggi';
}

export function gaps(
  items: readonly Item[],
  answers: Answers,
  standard: CompetencyStandard,
  model: ScoringModel,
): CompetencyGap[] {
  return standard.requirements.map((r) => {
    const tagged = items.filter(
      (i): i is Extract<Item, { type: 'sjt' }> => i.type === 'sjt' && i.competency === r.competency,
    );
    const unmet = tagged.filter(
      (i) => chosenWeight(i, validChoice(i, answerOf(answers, i.id))) < r.requiredLevel,
    );
    const met = tagged.length - unmet.length;
    return {
      competency: r.competency,
      requiredLevel: r.requiredLevel,
      importance: r.importance,
      tagged: tagged.length,
      met,
      unmetIndicators: [...new Set(unmet.map((i) => i.indicator))],
      level: gapLevel(met, tagged.length, model),
    };
  });
}

function validChoice(item: Extract<Item, { type: 'sjt' }>, value: unknown): string | null {
  return typeof value === 'string' && item.options.some((o) => o.id === value) ? value : null;
}
