// REST DTOs of a campaign's results for staff: the filtered table, assessor reviews, approve and
// publish, the charts (9-box, category per unit, competency heat map), and the participant's own
// published result.
import { z } from 'zod';

export const RESULT_CATEGORY_NAMES = [
  'optimal',
  'cukup_optimal',
  'kurang_optimal',
  'memenuhi_syarat',
  'masih_memenuhi_syarat',
  'kurang_memenuhi_syarat',
] as const;
export const resultCategorySchema = z.enum(RESULT_CATEGORY_NAMES);
/** A registered participant without a result: never shown as a zero score. */
export const BELUM_DIPETAKAN = 'belum_dipetakan';

export const resultsQuerySchema = z.object({
  unitId: z.uuid().optional(),
  positionId: z.uuid().optional(),
  category: resultCategorySchema.optional(),
  box: z.coerce.number().int().min(1).max(9).optional(),
  mapping: z.enum(['all', 'dipetakan', BELUM_DIPETAKAN]).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ResultsQuery = z.input<typeof resultsQuerySchema>;

export const resultRowSchema = z.object({
  participantId: z.string(),
  nip: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  positionId: z.string(),
  positionName: z.string(),
  jenjang: z.string(),
  mapping: z.enum(['dipetakan', BELUM_DIPETAKAN]),
  resultId: z.string().nullable(),
  version: z.number().int().nullable(),
  jpm: z.number().nullable(),
  category: resultCategorySchema.nullable(),
  nineBox: z.number().int().nullable(),
  published: z.boolean(),
  reviews: z.number().int(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const resultsPageSchema = z.object({
  ok: z.literal(true),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(resultRowSchema),
});

export const REVIEW_VERDICT_NAMES = ['agree', 'disagree', 'note'] as const;
export const reviewParamsSchema = z.object({ campaignId: z.uuid(), resultId: z.uuid() });
export const reviewRequestSchema = z.strictObject({
  verdict: z.enum(REVIEW_VERDICT_NAMES),
  comment: z.string().trim().min(1).max(4000),
});
export const reviewSchema = z.object({
  id: z.string(),
  resultId: z.string(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  verdict: z.enum(REVIEW_VERDICT_NAMES),
  comment: z.string(),
  createdAt: z.string(),
});
export const reviewListSchema = z.object({ ok: z.literal(true), reviews: z.array(reviewSchema) });

export const publishRequestSchema = z.strictObject({
  /** Default: every current, unpublished result of the campaign. */
  resultIds: z.array(z.uuid()).max(100_000).optional(),
  reason: z.string().trim().min(3).max(1000),
  note: z.string().trim().max(1000).optional(),
});
export const publishResponseSchema = z.object({
  ok: z.literal(true),
  published: z.number().int(),
  publishedAt: z.string(),
  validUntil: z.string(),
  /** Registered participants without a result: not published, still "belum dipetakan". */
  belumDipetakan: z.number().int(),
});

export const chartQuerySchema = z.object({ unitId: z.uuid().optional() });
export const nineBoxResponseSchema = z.object({
  ok: z.literal(true),
  /** counts[box] for boxes 1–9; drill down with the table's `box` filter. */
  boxes: z.array(z.object({ box: z.number().int(), count: z.number().int() })),
  belumDipetakan: z.number().int(),
});
export const categoriesByUnitResponseSchema = z.object({
  ok: z.literal(true),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      counts: z.record(z.string(), z.number().int()),
      belumDipetakan: z.number().int(),
    }),
  ),
});
export const heatmapResponseSchema = z.object({
  ok: z.literal(true),
  competencies: z.array(z.string()),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      mapped: z.number().int(),
      cells: z.array(
        z.object({
          competency: z.string(),
          meanScore: z.number().nullable(),
          meanLevel: z.number().nullable(),
          /** Share of mapped people below the required level, 0–1. */
          gapShare: z.number().nullable(),
        }),
      ),
    }),
  ),
});
