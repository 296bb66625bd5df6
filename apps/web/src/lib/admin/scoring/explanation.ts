// Reading a result's explanation for people: the headline figures out of the stored profile, and an
// item's weights or key as one line with the participant's answer marked.
import type { ExplainedResult } from '@petakom/protocol';

export type ExplainedItem = ExplainedResult['explanation']['potensiItems'][number];

export interface ProfileSummary {
  jpm: number | null;
  pengisian: string | null;
  pemetaan: string | null;
  nineBox: number | null;
}

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** JPM, both categories and the 9-box cell of a stored profile (all null when belum dipetakan). */
export function profileSummary(profile: Record<string, unknown>): ProfileSummary {
  const categories = record(profile['categories']);
  return {
    jpm: num(record(profile['jpm'])?.['value']),
    pengisian: str(categories?.['pengisian']),
    pemetaan: str(categories?.['pemetaan']),
    nineBox: num(record(profile['nineBox'])?.['box']),
  };
}

export interface WeightPart {
  option: string;
  value: number;
  chosen: boolean;
}

/**
 * An item's options with their weight (SJT), level (self-assessment) or key (potensi: weight 1),
 * the chosen one marked; `reverse` for an inventory item, whose answer is its own value.
 */
export function weightParts(item: ExplainedItem): WeightPart[] | { reverse: boolean } {
  const weights = item.weights;
  if ('reverse' in weights && typeof weights.reverse === 'boolean') return { reverse: weights.reverse };
  return Object.entries(weights as Record<string, number>)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([option, value]) => ({ option, value, chosen: item.answer === option }));
}
