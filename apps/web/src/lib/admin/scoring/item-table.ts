// The item analysis table of the Penskoran page: its sort orders and the flagged-only filter, and the
// words for a rescoring difference's field (`competency.M3.level` → "Level M3"), kept pure so they
// are tested without a browser.
import type { ItemAnalysisReport } from '@petakom/protocol';

export type ItemRow = ItemAnalysisReport['items'][number];
export const ITEM_SORTS = ['order', 'flags', 'discrimination', 'difficulty', 'omission'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

// Nulls (an item nobody answered, a scale without variance) sort last in every order.
const ascending = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;
const descending = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a;

/** The rows to show, in the chosen order; battery order breaks ties so the order is stable. */
export function itemRows(items: readonly ItemRow[], sort: ItemSort, onlyFlagged: boolean): ItemRow[] {
  const rows = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => !onlyFlagged || item.flags.length > 0);
  const by: Record<ItemSort, (a: ItemRow, b: ItemRow) => number> = {
    order: () => 0,
    flags: (a, b) => b.flags.length - a.flags.length,
    discrimination: (a, b) => ascending(a.discrimination, b.discrimination),
    difficulty: (a, b) => ascending(a.difficulty, b.difficulty),
    omission: (a, b) => descending(a.omissionRate, b.omissionRate),
  };
  return rows.sort((a, b) => by[sort](a.item, b.item) || a.index - b.index).map(({ item }) => item);
}

/** Option ids in reading order (A–E, then Likert 1–5), each with its share of respondents. */
export function choiceList(rates: Record<string, number>): { option: string; rate: number }[] {
  return Object.entries(rates)
    .map(([option, rate]) => ({ option, rate }))
    .sort((a, b) => a.option.localeCompare(b.option, 'en', { numeric: true }));
}

/** The i18n key and values that name a changed field of a result. */
export function fieldLabel(field: string): { key: string; values: Record<string, string> } {
  const competency = /^competency\.([^.]+)\.(score|level)$/.exec(field);
  if (competency)
    return { key: `admin.scoring.fields.${competency[2]}`, values: { code: competency[1] ?? '' } };
  const gap = /^gap\.(.+)$/.exec(field);
  if (gap) return { key: 'admin.scoring.fields.gap', values: { code: gap[1] ?? '' } };
  return { key: `admin.scoring.fields.${field.replaceAll('.', '_')}`, values: {} };
}
