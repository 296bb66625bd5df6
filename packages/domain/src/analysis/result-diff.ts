// What changed between two versions of one participant's result (after a key, weight or model
// correction): the figures a reader of the report would see differ, listed one by one.
import type { AttemptProfile } from '../scoring/score-attempt.ts';

export interface ResultChange {
  /** `jpm`, `category.pemetaan`, `competency.M3.level`, `gap.M3`, `nineBox`, `potensi.raw`, … */
  field: string;
  before: string | number | null;
  after: string | number | null;
}

type Flat = Map<string, string | number | null>;

function flatten(profile: AttemptProfile): Flat {
  const out: Flat = new Map();
  out.set('status', profile.status);
  if (profile.status !== 'dipetakan') return out;
  out.set('jpm', profile.jpm?.value ?? null);
  out.set('jpm.capped', profile.jpm?.capped ?? null);
  out.set('jpm.uncapped', profile.jpm?.uncapped ?? null);
  out.set('category.pengisian', profile.categories?.pengisian ?? null);
  out.set('category.pemetaan', profile.categories?.pemetaan ?? null);
  for (const c of profile.competencies) {
    out.set(`competency.${c.competency}.score`, c.score);
    out.set(`competency.${c.competency}.level`, c.level);
  }
  for (const g of profile.gaps) out.set(`gap.${g.competency}`, g.level);
  out.set('nineBox', profile.nineBox?.box ?? null);
  out.set('potensi.raw', profile.potensi?.raw.total ?? null);
  out.set('developmentPlan.totalJp', profile.developmentPlan.totalJp);
  return out;
}

/** Changes from `before` to `after`, in a stable order; empty when the two read the same. */
export function diffResults(before: AttemptProfile, after: AttemptProfile): ResultChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  const changes: ResultChange[] = [];
  for (const field of fields) {
    const x = a.get(field) ?? null;
    const y = b.get(field) ?? null;
    if (x !== y) changes.push({ field, before: x, after: y });
  }
  return changes;
}
