// Socket.io namespace `/exam`: the participant's live exam. Payload schemas, acks and the typed event maps.
import { ATTEMPT_STATUSES } from '@petakom/domain';
import { z } from 'zod';
import type { Ack } from './errors.ts';
import { MAX_ANSWER_VALUE_CHARS, MAX_ID_CHARS } from './limits.ts';

export const EXAM_NAMESPACE = '/exam';

const idSchema = z.string().min(1).max(MAX_ID_CHARS);
/** Client sequence number: must grow per item (a per-attempt counter kept in the outbox does). */
export const seqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An answer value: an option id, a scale point, or null to clear the answer. */
export const answerValueSchema = z.union([
  z.string().min(1).max(MAX_ANSWER_VALUE_CHARS),
  z.number().int().min(-1000).max(1000),
  z.null(),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const attemptStatusSchema = z.enum(ATTEMPT_STATUSES);
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;
export const sectionStatusSchema = z.enum(['pending', 'open', 'closed']);
export type SectionStatus = z.infer<typeof sectionStatusSchema>;
export const closeReasonSchema = z.enum(['finished', 'deadline', 'proctor']);
export type CloseReason = z.infer<typeof closeReasonSchema>;

/** The participant view of an item (domain `participantView`): never keys nor option weights. */
export const itemViewSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

export const storedAnswerSchema = z.object({
  value: answerValueSchema,
  seq: z.number().int(),
  doubtful: z.boolean(),
});
export type StoredAnswer = z.infer<typeof storedAnswerSchema>;

export const sectionStateSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** Picks the worked example shown before the section. */
  kind: z.enum(['potensi', 'sjt', 'inventory', 'self_assessment']),
  /** The battery's own instructions for this section, as the BKD wrote them. */
  instructions: z.string(),
  timeLimitMs: z.number().int(),
  itemCount: z.number().int(),
  status: sectionStatusSchema,
  /** Absolute server ms; null until the section starts. While paused it is the deadline as of the pause. */
  deadline: z.number().nullable(),
});
export type SectionState = z.infer<typeof sectionStateSchema>;

/** One place in the participant's order: the item, and for an item with choices the order of its choices. */
export const itemOrderSchema = z.object({
  itemId: z.string(),
  optionOrder: z.array(z.string()).optional(),
});
export type ItemOrder = z.infer<typeof itemOrderSchema>;

/** Which shared views an order applies to: fetch `participantViewsPath(batteryId, key)`; `version` names their content (the ETag is made from it). */
export const viewsRefSchema = z.object({ batteryId: z.string(), version: z.string() });
export type ViewsRef = z.infer<typeof viewsRefSchema>;

/**
 * An open section on the socket: only this participant's order. The item views themselves are the
 * same for every participant of the battery and travel once per browser over HTTP (`SectionViews`).
 */
export const sectionPayloadSchema = z.object({
  key: z.string(),
  deadline: z.number(),
  views: viewsRefSchema,
  order: z.array(itemOrderSchema),
});
export type SectionPayload = z.infer<typeof sectionPayloadSchema>;

/**
 * GET /api/v1/participant/views/:batteryId/:sectionKey (bearer: the participant access token of an
 * attempt of that battery): the section's participant views in a canonical order (by item id), options
 * in their authored order. Never keys nor weights. Cacheable: strong ETag, `immutable`.
 */
export const sectionViewsSchema = z.object({
  batteryId: z.string(),
  sectionKey: z.string(),
  version: z.string(),
  items: z.array(itemViewSchema),
});
export type SectionViews = z.infer<typeof sectionViewsSchema>;

export function participantViewsPath(batteryId: string, sectionKey: string): string {
  return `/api/v1/participant/views/${encodeURIComponent(batteryId)}/${encodeURIComponent(sectionKey)}`;
}

/** Full snapshot sent on resume and whenever the server wants the client to start over. */
export const attemptSnapshotSchema = z.object({
  attemptId: z.string(),
  status: attemptStatusSchema,
  paused: z.boolean(),
  /** When the running pause began (server ms): the clock shown stands still from here. */
  pausedAt: z.number().nullable(),
  serverTime: z.number(),
  currentSection: z.string().nullable(),
  sections: z.array(sectionStateSchema),
  answers: z.record(z.string(), storedAnswerSchema),
  /** The open section's order (and which views it needs), so a resumed client can render it. */
  openSection: sectionPayloadSchema.nullable(),
});
export type AttemptSnapshot = z.infer<typeof attemptSnapshotSchema>;

// Client → server payloads. Every payload is a strict object: unknown keys are a VALIDATION error.
export const resumePayloadSchema = z.object({}).strict();
export const sectionStartPayloadSchema = z.object({ sectionKey: idSchema }).strict();
export const answerPayloadSchema = z
  .object({ itemId: idSchema, value: answerValueSchema, seq: seqSchema })
  .strict();
export type AnswerPayload = z.infer<typeof answerPayloadSchema>;
export const flagPayloadSchema = z
  .object({ itemId: idSchema, doubtful: z.boolean(), seq: seqSchema })
  .strict();
export type FlagPayload = z.infer<typeof flagPayloadSchema>;
export const sectionFinishPayloadSchema = z.object({ sectionKey: idSchema }).strict();
export const attemptFinishPayloadSchema = z.object({}).strict();
export const clientSignalKindSchema = z.enum(['focus_lost', 'fullscreen_left', 'page_hidden']);
export type ClientSignalKind = z.infer<typeof clientSignalKindSchema>;
export const clientSignalPayloadSchema = z
  .object({
    kind: clientSignalKindSchema,
    at: z.number().int().nonnegative(),
    durationMs: z.number().int().nonnegative().max(86_400_000).optional(),
  })
  .strict();
export type ClientSignalPayload = z.infer<typeof clientSignalPayloadSchema>;
export const timeSyncPayloadSchema = z.object({ clientTime: z.number().finite() }).strict();

// Acknowledgement bodies.
export type ResumeAck = Ack<{ state: AttemptSnapshot; accessToken: string; expiresAt: number }>;
export type SectionStartAck = Ack<{ section: SectionPayload }>;
export type AnswerAck = Ack<{ itemId: string; seq: number; duplicate: boolean }>;
export type SectionFinishAck = Ack<{ sectionKey: string; attemptClosed: boolean }>;
export type AttemptFinishAck = Ack<{ status: AttemptStatus }>;
export type EmptyAck = Ack<object>;
export type TimeSyncAck = Ack<{ clientTime: number; serverTime: number }>;

export interface TimeChanged {
  reason: 'pause' | 'resume' | 'extend' | 'section';
  paused: boolean;
  /** The proctor's words on a pause (e.g. "listrik padam, mohon tunggu"), shown on the overlay. */
  message?: string;
  serverTime: number;
  sections: { key: string; status: SectionStatus; deadline: number | null }[];
}
export interface Notice {
  message: string;
  at: number;
}
export interface AttemptClosed {
  status: AttemptStatus;
  reason: CloseReason;
}
export interface SectionClosed {
  sectionKey: string;
  reason: CloseReason;
}
export interface ServerShutdown {
  /** Reconnect (to any server) after about this many ms; the outbox is kept. */
  reconnectAfterMs: number;
}

export interface ExamClientToServerEvents {
  'attempt:resume': (payload: z.input<typeof resumePayloadSchema>, ack: (res: ResumeAck) => void) => void;
  'section:start': (
    payload: z.input<typeof sectionStartPayloadSchema>,
    ack: (res: SectionStartAck) => void,
  ) => void;
  answer: (payload: AnswerPayload, ack: (res: AnswerAck) => void) => void;
  flag: (payload: FlagPayload, ack: (res: AnswerAck) => void) => void;
  'section:finish': (
    payload: z.input<typeof sectionFinishPayloadSchema>,
    ack: (res: SectionFinishAck) => void,
  ) => void;
  'attempt:finish': (
    payload: z.input<typeof attemptFinishPayloadSchema>,
    ack: (res: AttemptFinishAck) => void,
  ) => void;
  'client:signal': (payload: ClientSignalPayload, ack: (res: EmptyAck) => void) => void;
  'time:sync': (payload: z.input<typeof timeSyncPayloadSchema>, ack: (res: TimeSyncAck) => void) => void;
}

export interface ExamServerToClientEvents {
  'attempt:state': (state: AttemptSnapshot) => void;
  'time:changed': (change: TimeChanged) => void;
  'section:closed': (closed: SectionClosed) => void;
  'attempt:closed': (closed: AttemptClosed) => void;
  notice: (notice: Notice) => void;
  'server:shutdown': (shutdown: ServerShutdown) => void;
}

/** Handshake `auth` of `/exam`. */
export const examHandshakeSchema = z.object({ accessToken: z.string().min(1).max(4096), deviceId: idSchema });
export type ExamHandshake = z.infer<typeof examHandshakeSchema>;

/** Schemas of the client events, keyed by event name; the server validates through this table. */
export const examEventSchemas = {
  'attempt:resume': resumePayloadSchema,
  'section:start': sectionStartPayloadSchema,
  answer: answerPayloadSchema,
  flag: flagPayloadSchema,
  'section:finish': sectionFinishPayloadSchema,
  'attempt:finish': attemptFinishPayloadSchema,
  'client:signal': clientSignalPayloadSchema,
  'time:sync': timeSyncPayloadSchema,
} as const satisfies Record<keyof ExamClientToServerEvents, z.ZodType>;
