// REST DTOs of campaign scheduling (sessions, seats, pengawas, kartu peserta, reschedule) and the
// live campaign dashboard (/api/v1/admin/campaigns/:campaignId/…).
import { z } from 'zod';

export const SCHEDULE_SLOTS = ['pagi', 'siang'] as const;
export const scheduleSlotSchema = z.enum(SCHEDULE_SLOTS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const DEFAULT_SLOT_TIMES = {
  pagi: { start: '07:30', end: '10:30' },
  siang: { start: '13:00', end: '16:00' },
} as const;

export const campaignParamsSchema = z.object({ campaignId: z.uuid() });

export const scheduleRequestSchema = z.strictObject({
  /** Exam days; every day gets every slot in every room. */
  dates: z.array(isoDate).min(1).max(366),
  slots: z.array(scheduleSlotSchema).min(1).max(2).default(['pagi', 'siang']),
  roomIds: z.array(z.uuid()).min(1).max(200),
  /** Seats planned per session (75 in the province's practice); never more than the room holds. */
  seatsPerSession: z.number().int().min(1).max(1000).optional(),
  slotTimes: z
    .object({
      pagi: z.object({ start: clock, end: clock }).optional(),
      siang: z.object({ start: clock, end: clock }).optional(),
    })
    .optional(),
  /** Who sits; default: every participant of the campaign's agency whose jabatan allows mass CAT. */
  participantIds: z.array(z.uuid()).max(100_000).optional(),
  proctorIds: z.array(z.uuid()).max(1000).default([]),
  proctorsPerSession: z.number().int().min(1).max(10).default(1),
  /** Compute and return the plan without saving it. */
  dryRun: z.boolean().default(false),
});
export type ScheduleRequest = z.input<typeof scheduleRequestSchema>;

export const scheduleResponseSchema = z.object({
  ok: z.literal(true),
  saved: z.boolean(),
  sessions: z.number().int(),
  seated: z.number().int(),
  capacity: z.number().int(),
  /** Participants left out because their jabatan is above mass CAT level (default roster only). */
  excluded: z.array(z.object({ participantId: z.string(), nip: z.string(), message: z.string() })),
  splitUnits: z.array(z.object({ unitId: z.string(), sessions: z.number().int() })),
  proctorAssignments: z.number().int(),
});
export type ScheduleResponse = z.infer<typeof scheduleResponseSchema>;

export const sessionSummarySchema = z.object({
  id: z.string(),
  date: z.string(),
  slot: scheduleSlotSchema,
  roomId: z.string(),
  roomName: z.string(),
  capacity: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.string(),
  registered: z.number().int(),
  proctors: z.array(z.object({ id: z.string(), fullName: z.string() })),
});
export const sessionListResponseSchema = z.object({
  ok: z.literal(true),
  sessions: z.array(sessionSummarySchema),
});

export const proctorAssignRequestSchema = z.strictObject({ staffUserIds: z.array(z.uuid()).max(20) });

export const rescheduleParamsSchema = z.object({ campaignId: z.uuid(), registrationId: z.uuid() });
export const rescheduleRequestSchema = z.strictObject({
  sessionId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export const rescheduleResponseSchema = z.object({
  ok: z.literal(true),
  registrationId: z.string(),
  sessionId: z.string(),
  seatNo: z.number().int(),
});

export const cardsQuerySchema = z.object({
  sessionId: z.uuid().optional(),
  participantId: z.uuid().optional(),
});

export const dashboardSessionSchema = z.object({
  id: z.string(),
  date: z.string(),
  slot: scheduleSlotSchema,
  roomName: z.string(),
  status: z.string(),
  done: z.boolean(),
  registered: z.number().int(),
  inProgress: z.number().int(),
  finished: z.number().int(),
  absent: z.number().int(),
});

export const absentParticipantSchema = z.object({
  registrationId: z.string(),
  participantId: z.string(),
  nip: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  sessionId: z.string(),
  date: z.string(),
  slot: scheduleSlotSchema,
});

export const dashboardResponseSchema = z.object({
  ok: z.literal(true),
  totals: z.object({
    sessions: z.number().int(),
    sessionsDone: z.number().int(),
    registered: z.number().int(),
    inProgress: z.number().int(),
    finished: z.number().int(),
    absent: z.number().int(),
    /** Attendance among sessions already done, percent (null before the first session ends). */
    attendancePercent: z.number().nullable(),
  }),
  sessions: z.array(dashboardSessionSchema),
  /** Ready to reschedule: registered, session over, never started. */
  absent: z.array(absentParticipantSchema),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;
