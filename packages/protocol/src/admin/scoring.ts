// REST DTOs of scoring for staff (/api/v1/admin, tag "admin: scoring"): a campaign's scoring state
// with failure reasons, a rescoring run and its differences, a result that explains itself, the
// differences between two versions of one result, and the campaign's item analysis.
import { z } from 'zod';

export const SCORING_STATUS_NAMES = [
  'scored',
  'pending',
  'failed',
  'in_progress',
  'belum_dipetakan',
] as const;
export type ScoringStatusName = (typeof SCORING_STATUS_NAMES)[number];

export const rescoreRequestSchema = z.object({
  /** Why: the corrected key, weight or model; it lands in the audit log and on the run. */
  reason: z.string().trim().min(5).max(1000),
});

const normSchema = z.object({ version: z.int(), mean: z.number(), sd: z.number(), size: z.int() }).nullable();

export const scoringStateResponseSchema = z.object({
  campaignId: z.string(),
  counts: z.object({
    registered: z.int(),
    scored: z.int(),
    pending: z.int(),
    failed: z.int(),
    inProgress: z.int(),
    belumDipetakan: z.int(),
  }),
  norm: normSchema,
  results: z.array(
    z.object({
      registrationId: z.string(),
      attemptId: z.string().nullable(),
      nip: z.string(),
      fullName: z.string(),
      status: z.enum(SCORING_STATUS_NAMES),
      version: z.int().nullable(),
      jpm: z.number().nullable(),
      category: z.string().nullable(),
      nineBox: z.int().nullable(),
      failure: z
        .object({
          reason: z.string(),
          attemptsMade: z.int(),
          final: z.boolean(),
          failedAt: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});

const explainedItem = z.object({
  itemId: z.string(),
  scoredVersionId: z.string(),
  scoredVersion: z.int().nullable(),
  part: z.enum(['sjt', 'inventory', 'selfAssessment']),
  answer: z.union([z.string(), z.number()]).nullable(),
  points: z.number().nullable(),
  weights: z.union([z.record(z.string(), z.number()), z.object({ reverse: z.boolean() })]),
  indicator: z.string().nullable(),
});

export const explainedResultResponseSchema = z.object({
  attemptId: z.string(),
  version: z.int(),
  versions: z.array(
    z.object({
      version: z.int(),
      scoringModelVersion: z.string(),
      computedAt: z.string(),
      rescoreRunId: z.string().nullable(),
    }),
  ),
  participant: z.object({ nip: z.string(), fullName: z.string() }),
  scoringModelVersion: z.string(),
  computedAt: z.string(),
  norm: normSchema,
  answersUnchanged: z.boolean(),
  profile: z.record(z.string(), z.unknown()),
  explanation: z.object({
    partWeights: z.object({ sjt: z.number(), inventory: z.number(), selfAssessment: z.number() }),
    jpmVariant: z.enum(['capped', 'uncapped']),
    standard: z.object({ jenjang: z.string() }),
    competencies: z.array(
      z.object({
        competency: z.string(),
        score: z.number(),
        level: z.int(),
        parts: z.object({
          sjt: z.number().nullable(),
          inventory: z.number().nullable(),
          selfAssessment: z.number().nullable(),
        }),
        requiredLevel: z.int().nullable(),
        importance: z.string().nullable(),
        items: z.array(explainedItem),
      }),
    ),
    potensiItems: z.array(explainedItem),
  }),
});

export const rescoreResponseSchema = z.object({ runId: z.string(), requestedAt: z.string() });

const changeValue = z.union([z.string(), z.number()]).nullable();
export const rescoreRunResponseSchema = z.object({
  runId: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
  rescored: z.int(),
  changed: z.int(),
  error: z.string().nullable(),
  differences: z.array(
    z.object({
      attemptId: z.string(),
      nip: z.string(),
      fullName: z.string(),
      fromVersion: z.int(),
      toVersion: z.int(),
      changes: z.array(z.object({ field: z.string(), before: changeValue, after: changeValue })),
    }),
  ),
});

const nullableNumber = z.number().nullable();
export const itemAnalysisResponseSchema = z.object({
  respondents: z.int(),
  items: z.array(
    z.object({
      itemId: z.string(),
      code: z.string().nullable(),
      type: z.string(),
      scale: z.string(),
      respondents: z.int(),
      difficulty: nullableNumber,
      discrimination: nullableNumber,
      choiceRates: z.record(z.string(), z.number()),
      omissionRate: nullableNumber,
      flags: z.array(z.string()),
    }),
  ),
  scales: z.array(
    z.object({
      scale: z.string(),
      items: z.int(),
      respondents: z.int(),
      alpha: nullableNumber,
      sem: nullableNumber,
      meanTotal: nullableNumber,
      sdTotal: nullableNumber,
    }),
  ),
});

export const versionDiffResponseSchema = z.object({
  attemptId: z.string(),
  from: z.object({ version: z.int(), scoringModelVersion: z.string() }),
  to: z.object({ version: z.int(), scoringModelVersion: z.string() }),
  changes: z.array(z.object({ field: z.string(), before: changeValue, after: changeValue })),
});

export type ScoringState = z.infer<typeof scoringStateResponseSchema>;
export type ExplainedResult = z.infer<typeof explainedResultResponseSchema>;
export type RescoreRun = z.infer<typeof rescoreRunResponseSchema>;
export type ItemAnalysisReport = z.infer<typeof itemAnalysisResponseSchema>;
export type ResultVersionDiff = z.infer<typeof versionDiffResponseSchema>;
