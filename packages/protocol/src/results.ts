// REST DTOs of a participant reaching their own published result weeks after the exam:
// the results login (`POST /api/v1/participant/results-session`) and the result itself
// (`GET /api/v1/participant/result`; the PDF is `GET /api/v1/participant/result.pdf`).
import { z } from 'zod';
import { resultCategorySchema } from './admin/campaign-results.ts';
import { nipSchema } from './participant.ts';

/** Lifetime of a results token: long enough to read and download, short enough for a shared PC. */
export const RESULTS_TOKEN_TTL_SEC = 30 * 60;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dmyDate = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/;

/** Reads a birth date written DD-MM-YYYY (as on Indonesian forms) or YYYY-MM-DD; null if not a real date. */
export function parseBirthDate(input: string): string | null {
  const text = input.trim();
  const iso = isoDate.exec(text);
  const dmy = dmyDate.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) return null;
  return `${y}-${m}-${d}`;
}

export const resultsLoginRequestSchema = z.strictObject({
  nip: z
    .string()
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(nipSchema),
  accessCode: z.string().trim().min(4).max(32),
  /** DD-MM-YYYY or YYYY-MM-DD; normalised to YYYY-MM-DD. */
  birthDate: z
    .string()
    .max(16)
    .transform((s, ctx) => {
      const date = parseBirthDate(s);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'birth date is DD-MM-YYYY or YYYY-MM-DD' });
        return z.NEVER;
      }
      return date;
    }),
});
export type ResultsLoginRequest = z.input<typeof resultsLoginRequestSchema>;

export const resultsLoginResponseSchema = z.object({
  ok: z.literal(true),
  /** Scope `results` only: it opens the result routes, never an exam socket. */
  accessToken: z.string(),
  expiresAt: z.number().int(),
  participant: z.object({ fullName: z.string(), nip: z.string() }),
});
export type ResultsLoginResponse = z.infer<typeof resultsLoginResponseSchema>;

export const PENGISIAN_CATEGORY_NAMES = [
  'memenuhi_syarat',
  'masih_memenuhi_syarat',
  'kurang_memenuhi_syarat',
] as const;
export const PEMETAAN_CATEGORY_NAMES = ['optimal', 'cukup_optimal', 'kurang_optimal'] as const;

export const participantResultSchema = z.object({
  resultId: z.string(),
  /** The published version of the result (a newer, unpublished rescoring is never shown). */
  version: z.number().int(),
  campaignId: z.string(),
  campaignName: z.string(),
  publishedAt: z.string(),
  /** Validity runs from publication for `campaigns.validity_years`. */
  validUntil: z.string(),
  jpm: z.number().nullable(),
  /** The category for the campaign's purpose (as stored with the result); both are in `categories`. */
  category: resultCategorySchema.nullable(),
  categories: z.object({
    pengisian: z.enum(PENGISIAN_CATEGORY_NAMES).nullable(),
    pemetaan: z.enum(PEMETAAN_CATEGORY_NAMES).nullable(),
  }),
  nineBox: z.number().int().min(1).max(9).nullable(),
  competencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      score: z.number(),
      level: z.number().int(),
      requiredLevel: z.number().int().nullable(),
      gap: z.string().nullable(),
    }),
  ),
});
export type ParticipantResult = z.infer<typeof participantResultSchema>;

export const participantResultResponseSchema = z.object({
  ok: z.literal(true),
  result: participantResultSchema,
});
export type ParticipantResultResponse = z.infer<typeof participantResultResponseSchema>;
