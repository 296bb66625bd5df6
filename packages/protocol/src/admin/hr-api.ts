// The read-only results API for HR information systems (/api/v1/hr, API key) and its management
// by staff (API clients, webhook endpoints); webhook delivery headers and payload.
import { z } from 'zod';

/** API keys travel in this header (or as `Authorization: Bearer <key>`). */
export const HR_API_KEY_HEADER = 'x-api-key';
export const WEBHOOK_SIGNATURE_HEADER = 'x-petakom-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-petakom-timestamp';
export const WEBHOOK_EVENT_HEADER = 'x-petakom-event';
/** Receivers should refuse deliveries whose timestamp is further than this from their clock. */
export const WEBHOOK_TOLERANCE_SEC = 300;

export const apiClientCreateSchema = z.strictObject({
  name: z.string().trim().min(3).max(100),
  webhookUrl: z.url().optional(),
  /**
   * The agency whose results the key will read. A staff member of an agency always registers for
   * their own agency (naming another is refused); only a platform admin (no agency) names one.
   */
  agencyId: z.uuid().optional(),
});
export const apiClientCreatedSchema = z.object({
  ok: z.literal(true),
  id: z.string(),
  /** Shown once; only its hash is stored. */
  apiKey: z.string(),
  webhook: z.object({ id: z.string(), url: z.string(), secret: z.string() }).nullable(),
});
export const apiClientParamsSchema = z.object({ clientId: z.uuid() });
/** Why a key is revoked (leaked, system retired); kept in the audit log. Optional for older callers. */
export const apiClientRevokeSchema = z.strictObject({ reason: z.string().trim().min(3).max(1000) }).nullish();

/** A platform admin may narrow the list to one agency; an agency's staff always see their own. */
export const apiClientListQuerySchema = z.object({ agencyId: z.uuid().optional() });
/** A registered HR system as staff see it: never its key (only a hash is kept) nor webhook secrets. */
export const apiClientSummarySchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  /** The owning agency's name, for a platform admin's list of every agency's clients. */
  agencyName: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  webhooks: z.array(z.object({ id: z.string(), url: z.string(), disabledAt: z.string().nullable() })),
});
export const apiClientListSchema = z.object({
  ok: z.literal(true),
  clients: z.array(apiClientSummarySchema),
});
export type ApiClientSummary = z.infer<typeof apiClientSummarySchema>;

export const hrResultsQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const hrResultSchema = z.object({
  resultId: z.string(),
  campaignId: z.string(),
  nip: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  positionName: z.string(),
  jenjang: z.string(),
  jpm: z.number().nullable(),
  category: z.string().nullable(),
  nineBox: z.number().int().nullable(),
  competencies: z.array(
    z.object({
      code: z.string(),
      score: z.number(),
      level: z.number().int(),
      requiredLevel: z.number().int().nullable(),
      gap: z.string().nullable(),
    }),
  ),
  publishedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
});
export const hrResultsPageSchema = z.object({
  ok: z.literal(true),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  results: z.array(hrResultSchema),
});

export const webhookPayloadSchema = z.object({
  event: z.literal('results.published'),
  deliveryId: z.string(),
  campaignId: z.string(),
  published: z.number().int(),
  publishedAt: z.string(),
  /** Where to fetch the results: the HR API, filtered to this campaign. */
  resultsUrl: z.string(),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
