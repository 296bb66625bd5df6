// REST DTOs of setting a campaign up: the agency's campaign list, creating and editing a campaign
// (with the laporan penyelenggaraan details), the CAT rooms, and the pengawas a planner may choose.
import { z } from 'zod';
import { organiserInfoSchema } from './exports.ts';

export const CAMPAIGN_PURPOSE_VALUES = ['pemetaan', 'pengisian'] as const;
export const CAMPAIGN_STATUS_VALUES = ['draft', 'active', 'closed'] as const;
/** Results stay valid this many years unless the campaign says otherwise (DOMAIN.md, Reports). */
export const DEFAULT_VALIDITY_YEARS = 3;

export const campaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.enum(CAMPAIGN_PURPOSE_VALUES),
  status: z.enum(CAMPAIGN_STATUS_VALUES),
  batteryId: z.string(),
  batteryName: z.string(),
  validityYears: z.number().int(),
  createdAt: z.string(),
  /** First and last exam day (YYYY-MM-DD); null until sessions are scheduled. */
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  sessions: z.number().int(),
  registered: z.number().int(),
  organiser: organiserInfoSchema,
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const campaignListResponseSchema = z.object({
  ok: z.literal(true),
  campaigns: z.array(campaignSummarySchema),
});
export const campaignResponseSchema = z.object({ ok: z.literal(true), campaign: campaignSummarySchema });

export const campaignCreateRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  batteryId: z.uuid(),
  purpose: z.enum(CAMPAIGN_PURPOSE_VALUES),
  validityYears: z.int().min(1).max(10).default(DEFAULT_VALIDITY_YEARS),
  organiser: organiserInfoSchema.optional(),
});
export type CampaignCreateRequest = z.input<typeof campaignCreateRequestSchema>;

export const campaignUpdateRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    status: z.enum(CAMPAIGN_STATUS_VALUES).optional(),
    /** Replaces the whole organiser record. */
    organiser: organiserInfoSchema.optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.name !== undefined || b.status !== undefined || b.organiser !== undefined, {
    message: 'nothing to change',
  });
export type CampaignUpdateRequest = z.input<typeof campaignUpdateRequestSchema>;

export const roomSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  capacity: z.number().int(),
});
export type Room = z.infer<typeof roomSchema>;

export const roomCreateRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  location: z.string().trim().max(200).nullable().optional(),
  capacity: z.int().min(1).max(1000),
});
export const roomListResponseSchema = z.object({ ok: z.literal(true), rooms: z.array(roomSchema) });
export const roomResponseSchema = z.object({ ok: z.literal(true), room: roomSchema });

/** A pengawas a planner can put on a session: active staff with the `proctor` role. */
export const proctorOptionSchema = z.object({ id: z.string(), fullName: z.string(), username: z.string() });
export const proctorListResponseSchema = z.object({
  ok: z.literal(true),
  proctors: z.array(proctorOptionSchema),
});
