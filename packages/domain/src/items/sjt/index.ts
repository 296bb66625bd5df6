// Situational judgement item: each option carries a weight 1..5; the chosen weight is the score, blank 0.
import { z } from 'zod';
import { richContentSchema, type RichContent } from '../../content.ts';
import { competencyCodeSchema, levelSchema } from '../../competency/codes.ts';
import { itemIdSchema, optionIdSchema, reorderById, uniqueIds, type ItemTypeModule } from '../item-type.ts';

const optionSchema = z.strictObject({ id: optionIdSchema, content: richContentSchema, weight: levelSchema });

export const sjtItemSchema = z
  .strictObject({
    id: itemIdSchema,
    type: z.literal('sjt'),
    stem: richContentSchema,
    competency: competencyCodeSchema,
    /** The behavioural indicator this scenario observes; gaps are counted per indicator. */
    indicator: z.string().min(1),
    options: z.array(optionSchema).min(2).max(6),
  })
  .superRefine((item, ctx) => uniqueIds(item.options, ctx, 'options'));

export type SjtItem = z.infer<typeof sjtItemSchema>;

export interface SjtView {
  id: string;
  type: 'sjt';
  stem: RichContent;
  options: { id: string; content: RichContent }[];
}

export function chosenWeight(item: SjtItem, value: string | null): number {
  if (value === null) return 0;
  return item.options.find((o) => o.id === value)?.weight ?? 0;
}

export const sjt: ItemTypeModule<SjtItem, SjtView, string> = {
  type: 'sjt',
  responseSchema: optionIdSchema,
  participantView: (item) => ({
    id: item.id,
    type: 'sjt',
    stem: item.stem,
    options: item.options.map((o) => ({ id: o.id, content: o.content })),
  }),
  checkResponse: (item, value) =>
    item.options.some((o) => o.id === value) ? null : `pilihan ${value} tidak ada pada butir ini`,
  optionIds: (item) => item.options.map((o) => o.id),
  applyOptionOrder: (view, order) => ({ ...view, options: reorderById(view.options, order) }),
  score: (item, value) => ({ answered: value !== null, points: chosenWeight(item, value), max: 5 }),
};
