// Inventory item: a statement answered 1..5; reverse-keyed statements score 6 − value.
import { z } from 'zod';
import { richContentSchema, type RichContent } from '../../content.ts';
import { competencyCodeSchema } from '../../competency/codes.ts';
import { itemIdSchema, type ItemTypeModule } from '../item-type.ts';

export const likertItemSchema = z.strictObject({
  id: itemIdSchema,
  type: z.literal('likert'),
  stem: richContentSchema,
  competency: competencyCodeSchema,
  reverse: z.boolean(),
});

export type LikertItem = z.infer<typeof likertItemSchema>;

/** The answer scale, the same for every statement so a reverse-keyed one does not stand out. */
export const LIKERT_SCALE = [
  { value: 1, label: 'Sangat Tidak Sesuai' },
  { value: 2, label: 'Tidak Sesuai' },
  { value: 3, label: 'Netral' },
  { value: 4, label: 'Sesuai' },
  { value: 5, label: 'Sangat Sesuai' },
] as const;

export interface LikertView {
  id: string;
  type: 'likert';
  stem: RichContent;
  scale: { value: number; label: string }[];
}

export const likert: ItemTypeModule<LikertItem, LikertView, number> = {
  type: 'likert',
  responseSchema: z.int().min(1).max(5),
  participantView: (item) => ({
    id: item.id,
    type: 'likert',
    stem: item.stem,
    scale: LIKERT_SCALE.map((s) => ({ ...s })),
  }),
  checkResponse: () => null,
  optionIds: () => [],
  applyOptionOrder: (view) => view,
  // A blank statement is left out of the inventory mean rather than scored below the scale.
  score: (item, value) => ({
    answered: value !== null,
    points: value === null ? null : item.reverse ? 6 - value : value,
    max: 5,
  }),
};
