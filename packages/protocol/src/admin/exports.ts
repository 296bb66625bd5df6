// REST DTOs of campaign exports: XLSX of results and gaps, the laporan penyelenggaraan PDF, and the
// zip of every individual report built by a worker job with progress.
import { z } from 'zod';

export const exportJobParamsSchema = z.object({ campaignId: z.uuid(), jobId: z.string().min(1).max(200) });
export const exportJobStartedSchema = z.object({ ok: z.literal(true), jobId: z.string() });
export const exportJobStatusSchema = z.object({
  ok: z.literal(true),
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'delayed', 'unknown']),
  /** 0–100. */
  progress: z.number(),
  done: z.number().int(),
  total: z.number().int(),
  /** Set once completed. */
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type ExportJobStatus = z.infer<typeof exportJobStatusSchema>;

/** Laporan penyelenggaraan details kept in `campaigns.settings.organiser` (DOMAIN.md, Reports). */
export const organiserInfoSchema = z.object({
  name: z.string().max(200).optional(),
  accreditation: z.string().max(100).optional(),
  purpose: z.string().max(1000).optional(),
  teamLeader: z.string().max(200).optional(),
  admins: z.array(z.string().max(200)).optional(),
  assessors: z.array(z.string().max(200)).optional(),
  testers: z.array(z.string().max(200)).optional(),
  supportStaff: z.array(z.string().max(200)).optional(),
  methods: z.array(z.string().max(200)).optional(),
});
export type OrganiserInfo = z.infer<typeof organiserInfoSchema>;
