// Potensi item: one key among options A–E; 1 for the key, 0 for anything else or blank.
import { z } from 'zod';
import { richContentSchema, type RichContent } from '../../content.ts';
import { itemIdSchema, optionIdSchema, reorderById, uniqueIds, type ItemTypeModule } from '../item-type.ts';

export const SUBTESTS = ['verbal', 'numerik', 'figural'] as const;
export const subtestSchema = z.enum(SUBTESTS);
export type Subtest = z.infer<typeof subtestSchema>;

const optionSchema = z.strictObject({ id: optionIdSchema, content: richContentSchema });

export const singleChoiceItemSchema = z
  .strictObject({
    id: itemIdSchema,
    type: z.literal('single_choice'),
    stem: richContentSchema,
    subtest: subtestSchema,
    options: z.array(optionSchema).min(2).max(6),
    key: optionIdSchema,
  })
  .superRefine((item, ctx) => {
    uniqueIds(item.options, ctx, 'options');
    if (!item.options.some((o) => o.id === item.key)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'kunci jawaban bukan salah satu pilihan' });
    }
  });

export type SingleChoiceItem = z.infer<typeof singleChoiceItemSchema>;

export interface SingleChoiceView {
  id: string;
  type: 'single_choice';
  stem: RichContent;
  options: { id: string; content: RichContent }[];
}

export const singleChoice: ItemTypeModule<SingleChoiceItem, SingleChoiceView, string> = {
  type: 'single_choice',
  responseSchema: optionIdSchema,
  participantView: (item) => ({
    id: item.id,
    type: 'single_choice',
    stem: item.stem,
    options: item.options.map((o) => ({ id: o.id, content: o.content })),
  }),
  checkResponse: (item, value) =>
    item.options.some((o) => o.id === value) ? null : `pilihan ${value} tidak ada pada butir ini`,
  optionIds: (item) => item.options.map((o) => o.id),
  applyOptionOrder: (view, order) => ({ ...view, options: reorderById(view.options, order) }),
  score: (item, value) => ({
    answered: value !== null,
    points: value !== null && value === item.key ? 1 : 0,
    max: 1,
  }),
};
