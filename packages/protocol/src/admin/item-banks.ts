// REST DTOs of item banks and batteries. Item content is the domain item (keys included: staff only);
// the server validates it with the domain itemSchema, so here it is carried as an open object.
import { z } from 'zod';
import { importProblemSchema } from './master-data.ts';

export const itemBankSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
export const itemBankWriteRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
});

export const storedItemSchema = z.object({
  itemId: z.string(),
  /** The id a battery lists: this exact version. */
  versionId: z.string(),
  version: z.number().int(),
  code: z.string().nullable(),
  content: z.record(z.string(), z.unknown()),
});

export const itemWriteRequestSchema = z.strictObject({
  code: z.string().trim().min(1).max(64).nullable().optional(),
  content: z.record(z.string(), z.unknown()),
});

export const ITEM_FILE_FORMATS = ['json', 'xlsx', 'moodle', 'qti'] as const;
export const itemImportQuerySchema = z.object({
  format: z.enum(ITEM_FILE_FORMATS),
  /** Potensi subtest given to Moodle/QTI choice items (those formats do not carry one). */
  subtest: z.enum(['verbal', 'numerik', 'figural']).default('verbal'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const itemExportQuerySchema = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

export const itemImportResponseSchema = z.object({
  ok: z.literal(true),
  format: z.string(),
  imported: z.number().int(),
  dryRun: z.boolean(),
  items: z.array(
    z.object({ line: z.number().int(), code: z.string().nullable(), versionId: z.string().nullable() }),
  ),
});
/** A refused import: every problem, and nothing was written. */
export const itemImportRefusalSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), problems: z.array(importProblemSchema) }),
});

export const batterySpecSchema = z.enum(['default', 'free']);
export const batteryWriteRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** The domain battery (sections with item version ids). */
  blueprint: z.record(z.string(), z.unknown()),
  /** The domain scoring model; the default model when absent. */
  scoringModel: z.record(z.string(), z.unknown()).optional(),
  /** `default`: DOMAIN.md's 204-item blueprint must hold; `free`: only well-formedness. */
  spec: batterySpecSchema.default('default'),
});
export const batteryValidateRequestSchema = batteryWriteRequestSchema.omit({ name: true });

export const blueprintProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  sectionKey: z.string().optional(),
  itemId: z.string().optional(),
  subject: z.string().optional(),
  expected: z.number().optional(),
  actual: z.number().optional(),
});
export const batteryValidationResponseSchema = z.object({
  ok: z.literal(true),
  valid: z.boolean(),
  problems: z.array(blueprintProblemSchema),
});

export const batterySchemaDto = z.object({
  id: z.string(),
  name: z.string(),
  blueprint: z.record(z.string(), z.unknown()),
  scoringModel: z.record(z.string(), z.unknown()),
});

export const batteryPickRequestSchema = z.strictObject({
  itemBankId: z.uuid(),
  kind: z.enum(['potensi', 'sjt', 'inventory', 'self_assessment']),
  /** Items per competency (sjt, inventory, self_assessment). */
  perCompetency: z.int().min(1).max(100).optional(),
  competencies: z.array(z.string()).optional(),
  /** Items per potensi subtest. */
  perSubtest: z.partialRecord(z.enum(['verbal', 'numerik', 'figural']), z.int().min(0).max(200)).optional(),
  /** Same seed, same choice. */
  seed: z.string().min(1).max(64).default('pilih'),
});

export const batteryPreviewQuerySchema = z.object({ seed: z.string().min(1).max(64).default('pratinjau') });
