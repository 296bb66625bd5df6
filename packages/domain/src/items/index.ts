// The item-type registry: one entry per type; every caller dispatches through here on `item.type`.
import { z } from 'zod';
import {
  singleChoice,
  singleChoiceItemSchema,
  type SingleChoiceItem,
  type SingleChoiceView,
} from './single-choice/index.ts';
import { likert, likertItemSchema, type LikertItem, type LikertView } from './likert/index.ts';
import { sjt, sjtItemSchema, type SjtItem, type SjtView } from './sjt/index.ts';
import {
  selfAssessment,
  selfAssessmentItemSchema,
  type SelfAssessmentItem,
  type SelfAssessmentView,
} from './self-assessment/index.ts';
import type { ItemScore, ItemTypeModule } from './item-type.ts';

export const itemSchema = z.discriminatedUnion('type', [
  singleChoiceItemSchema,
  likertItemSchema,
  sjtItemSchema,
  selfAssessmentItemSchema,
]);

export type Item = SingleChoiceItem | LikertItem | SjtItem | SelfAssessmentItem;
export type ItemType = Item['type'];
export type ParticipantItem = SingleChoiceView | LikertView | SjtView | SelfAssessmentView;
export type ItemOfType<T extends ItemType> = Extract<Item, { type: T }>;
/** A stored answer: an option/statement id, or a Likert value 1..5. `null` clears an answer. */
export type AnswerValue = string | number;

interface AnswerOfType {
  single_choice: string;
  likert: number;
  sjt: string;
  self_assessment: string;
}

const modules: {
  [K in ItemType]: ItemTypeModule<ItemOfType<K>, Extract<ParticipantItem, { type: K }>, AnswerOfType[K]>;
} = {
  single_choice: singleChoice,
  likert,
  sjt,
  self_assessment: selfAssessment,
};

export const ITEM_TYPES = Object.keys(modules) as ItemType[];

// The one place the correlated union (item ↔ its module) is widened; every module is typed on its own.
function moduleOf(type: ItemType): ItemTypeModule<Item, ParticipantItem, AnswerValue> {
  return modules[type] as unknown as ItemTypeModule<Item, ParticipantItem, AnswerValue>;
}

export function participantView(item: Item): ParticipantItem {
  return moduleOf(item.type).participantView(item);
}

export type ValidateResponseResult =
  { ok: true; value: AnswerValue | null } | { ok: false; code: 'INVALID_VALUE'; message: string };

/** Check an incoming answer against the item; `null` (clearing the answer) is always valid. */
export function validateResponse(item: Item, value: unknown): ValidateResponseResult {
  if (value === null) return { ok: true, value: null };
  const mod = moduleOf(item.type);
  const parsed = mod.responseSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, code: 'INVALID_VALUE', message: `jawaban tidak sah untuk butir ${item.type}` };
  }
  const problem = mod.checkResponse(item, parsed.data);
  return problem === null
    ? { ok: true, value: parsed.data }
    : { ok: false, code: 'INVALID_VALUE', message: problem };
}

/** Score one answer; an answer that fails validation scores as blank. */
export function scoreItem(item: Item, value: unknown): ItemScore {
  const checked = validateResponse(item, value ?? null);
  return moduleOf(item.type).score(item, checked.ok ? checked.value : null);
}

export function optionIds(item: Item): string[] {
  return moduleOf(item.type).optionIds(item);
}

/** Put the participant view's choices in the form's order; without an order the view is unchanged. */
export function applyOptionOrder(
  view: ParticipantItem,
  order: readonly string[] | undefined,
): ParticipantItem {
  if (order === undefined) return view;
  return moduleOf(view.type).applyOptionOrder(view, order);
}

/**
 * A section as one participant sees it: the shared views (keyed by item id) put in the participant's
 * item order, each with its choices in the participant's order. Throws when the order names an item
 * the views lack (views of another battery or section).
 */
export function applyItemOrder(
  views: ReadonlyMap<string, ParticipantItem>,
  order: readonly { itemId: string; optionOrder?: readonly string[] | undefined }[],
): ParticipantItem[] {
  return order.map(({ itemId, optionOrder }) => {
    const view = views.get(itemId);
    if (!view) throw new Error(`butir ${itemId} tidak ada pada tampilan bagian ini`);
    return applyOptionOrder(view, optionOrder);
  });
}

export type { ItemScore, ItemTypeModule } from './item-type.ts';
export type { SingleChoiceItem, SingleChoiceView, Subtest } from './single-choice/index.ts';
export { SUBTESTS, subtestSchema, singleChoiceItemSchema } from './single-choice/index.ts';
export type { LikertItem, LikertView } from './likert/index.ts';
export { LIKERT_SCALE, likertItemSchema } from './likert/index.ts';
export type { SjtItem, SjtView } from './sjt/index.ts';
export { chosenWeight, sjtItemSchema } from './sjt/index.ts';
export type { SelfAssessmentItem, SelfAssessmentView } from './self-assessment/index.ts';
export { selfAssessmentItemSchema } from './self-assessment/index.ts';
