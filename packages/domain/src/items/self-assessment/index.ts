// Self-assessment item: pick the statement that fits you; statements sit at levels 1..5.
import { z } from 'zod';
import { richContentSchema, type RichContent } from '../../content.ts';
import { competencyCodeSchema, levelSchema } from '../../competency/codes.ts';
import { itemIdSchema, optionIdSchema, reorderById, uniqueIds, type ItemTypeModule } from '../item-type.ts';

const statementSchema = z.strictObject({
  id: optionIdSchema,
  content: richContentSchema,
  level: levelSchema,
});

export const selfAssessmentItemSchema = z
  .strictObject({
    id: itemIdSchema,
    type: z.literal('self_assessment'),
    stem: richContentSchema,
    competency: competencyCodeSchema,
    statements: z.array(statementSchema).min(2).max(5),
  })
  .superRefine((item, ctx) => {
    uniqueIds(item.statements, ctx, 'statements');
    const levels = new Set(item.statements.map((s) => s.level));
    if (levels.size !== item.statements.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['statements'],
        message: 'setiap pernyataan harus pada level berbeda',
      });
    }
  });

export type SelfAssessmentItem = z.infer<typeof selfAssessmentItemSchema>;

export interface SelfAssessmentView {
  id: string;
  type: 'self_assessment';
  stem: RichContent;
  statements: { id: string; content: RichContent }[];
}

export const selfAssessment: ItemTypeModule<SelfAssessmentItem, SelfAssessmentView, string> = {
  type: 'self_assessment',
  responseSchema: optionIdSchema,
  participantView: (item) => ({
    id: item.id,
    type: 'self_assessment',
    stem: item.stem,
    statements: item.statements.map((s) => ({ id: s.id, content: s.content })),
  }),
  checkResponse: (item, value) =>
    item.statements.some((s) => s.id === value) ? null : `pernyataan ${value} tidak ada pada butir ini`,
  optionIds: (item) => item.statements.map((s) => s.id),
  applyOptionOrder: (view, order) => ({ ...view, statements: reorderById(view.statements, order) }),
  // A blank is left out of the self-assessment mean: not choosing is not choosing level 0.
  score: (item, value) => {
    const level = value === null ? undefined : item.statements.find((s) => s.id === value)?.level;
    return { answered: value !== null, points: level ?? null, max: 5 };
  },
};
