// REST DTOs of BKD master data: agencies (instansi), units, positions with their competency
// standards, the participant roster, and the dry-run/apply import report shared by every import.
import { IMPORTANCES, JENJANG, POSITION_KINDS } from '@petakom/domain';
import { z } from 'zod';

/** The jenjang vocabulary, kept once in the domain; re-exported under the name DTO users know. */
export { JENJANG as JENJANG_VALUES };

/** An agency (instansi) as staff pick it: a platform admin chooses among all, anyone else sees their own. */
export const agencySchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type Agency = z.infer<typeof agencySchema>;

export const unitSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  parentId: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitWriteRequestSchema = z.strictObject({
  code: z.string().trim().min(1).max(64).nullable().optional(),
  name: z.string().trim().min(1).max(200),
  parentId: z.uuid().nullable().optional(),
});

export const requirementDtoSchema = z.strictObject({
  competency: z.string().regex(/^[A-Z][A-Z0-9_.-]{0,31}$/),
  requiredLevel: z.int().min(1).max(5),
  importance: z.enum(IMPORTANCES),
});

export const positionSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  jenjang: z.enum(JENJANG),
  kind: z.enum(POSITION_KINDS),
  unitId: z.string().nullable(),
  standard: z.array(requirementDtoSchema),
});
export type Position = z.infer<typeof positionSchema>;

export const positionWriteRequestSchema = z.strictObject({
  code: z.string().trim().min(1).max(64).nullable().optional(),
  name: z.string().trim().min(1).max(200),
  jenjang: z.enum(JENJANG),
  unitId: z.uuid().nullable().optional(),
});

export const standardWriteRequestSchema = z.strictObject({
  requirements: z.array(requirementDtoSchema).min(1).max(64),
  reason: z.string().trim().max(500).optional(),
});

export const participantDtoSchema = z.object({
  id: z.string(),
  nip: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['L', 'P']),
  positionId: z.string(),
  unitId: z.string(),
  skpPredikat: z.string().nullable(),
  email: z.string().nullable(),
});

export const importProblemSchema = z.object({
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ImportProblemDto = z.infer<typeof importProblemSchema>;

/** The answer to every dry run: nothing is written until `POST …/imports/:id/apply`. */
export const importReportSchema = z.object({
  ok: z.literal(true),
  importId: z.string(),
  kind: z.string(),
  filename: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Every bad row with its reason; apply is refused while this is not empty. */
  problems: z.array(importProblemSchema),
  canApply: z.boolean(),
  appliedAt: z.string().nullable(),
  /** What applying would do or did, e.g. `{ inserted, updated }`. */
  summary: z.record(z.string(), z.number()),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const rosterImportQuerySchema = z.object({
  /** A CAT mapping campaign refuses positions above Administrator; pass false for other uses. */
  massCat: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(100).optional(),
});
