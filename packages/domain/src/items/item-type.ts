// The one interface every item type implements; the registry in ./index.ts dispatches on `type`.
import { z } from 'zod';

export const itemIdSchema = z.string().min(1).max(128);
export const optionIdSchema = z.string().min(1).max(64);

/** What one answer earns. `points: null` means "not counted" (a blank that must not pull a mean down). */
export interface ItemScore {
  answered: boolean;
  points: number | null;
  max: number;
}

export interface ItemTypeModule<I, P, V> {
  readonly type: string;
  /** Shape of a non-null answer before item-specific checks. */
  readonly responseSchema: z.ZodType<V>;
  /** What the participant may see: no keys, weights, levels, reverse flags or competency tags. */
  participantView(item: I): P;
  /** Item-specific check of a well-shaped answer (e.g. the option exists); a message when refused. */
  checkResponse(item: I, value: V): string | null;
  /** Ids of the choices that a form may shuffle; empty when the type has none. */
  optionIds(item: I): string[];
  /** The view with its choices in `order` (a permutation of `optionIds`). */
  applyOptionOrder(view: P, order: readonly string[]): P;
  score(item: I, value: V | null): ItemScore;
}

/** Refine a list of `{id}` so ids are unique; shared by the option-bearing types. */
export function uniqueIds<T extends { id: string }>(list: T[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `id pilihan ganda: ${entry.id}` });
    }
    seen.add(entry.id);
  });
}

/** Reorder `list` by id; throws when `order` is not a permutation of the ids (a form from another item version). */
export function reorderById<T extends { id: string }>(list: readonly T[], order: readonly string[]): T[] {
  const byId = new Map(list.map((entry) => [entry.id, entry]));
  if (order.length !== list.length || new Set(order).size !== order.length) {
    throw new Error('urutan pilihan tidak cocok dengan butir soal');
  }
  return order.map((id) => {
    const entry = byId.get(id);
    if (!entry) throw new Error(`urutan pilihan memuat id yang tidak dikenal: ${id}`);
    return entry;
  });
}
