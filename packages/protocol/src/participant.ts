// REST DTOs of the participant side: login (`POST /api/v1/participant/session`).
import { z } from 'zod';
import { MAX_ID_CHARS } from './limits.ts';

export const nipSchema = z.string().regex(/^\d{18}$/, 'NIP is 18 digits');

export const participantLoginRequestSchema = z
  .object({
    nip: nipSchema,
    accessCode: z.string().trim().min(4).max(32),
    roomToken: z
      .string()
      .trim()
      .min(4)
      .max(12)
      .transform((s) => s.toUpperCase()),
    deviceId: z.string().min(8).max(MAX_ID_CHARS),
  })
  .strict();
export type ParticipantLoginRequest = z.input<typeof participantLoginRequestSchema>;

export const attemptSummarySchema = z.object({
  attemptId: z.string(),
  sessionId: z.string(),
  participantName: z.string(),
  nip: z.string(),
  /** Jabatan and unit, for the identity check before the exam starts. */
  position: z.string(),
  unit: z.string(),
  seatNo: z.number().int().nullable(),
  roomName: z.string(),
  status: z.string(),
});
export type AttemptSummary = z.infer<typeof attemptSummarySchema>;

export const participantLoginResponseSchema = z.object({
  ok: z.literal(true),
  accessToken: z.string(),
  expiresAt: z.number().int(),
  attempt: attemptSummarySchema,
});
export type ParticipantLoginResponse = z.infer<typeof participantLoginResponseSchema>;
