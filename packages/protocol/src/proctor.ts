// The proctor's live room: socket.io namespace `/proctor` (seats, incidents, actions) and the REST
// DTOs of `/api/v1/staff/proctor` (assigned sessions, incident acknowledgement, attendance, berita acara).
import { z } from 'zod';
import type { Ack } from './errors.ts';
import type { AttemptStatus, ClientSignalKind } from './exam.ts';
import { MAX_ID_CHARS } from './limits.ts';

export const PROCTOR_NAMESPACE = '/proctor';

const idSchema = z.string().min(1).max(MAX_ID_CHARS);

export interface Seat {
  attemptId: string;
  participantName: string;
  nip: string;
  seatNo: number | null;
  status: AttemptStatus;
  currentSection: string | null;
  answered: number;
  online: boolean;
  deviceLocked: boolean;
  deadline: number | null;
  /** Position of the open (or last) section in the battery, 1-based; 0 before the first. */
  sectionIndex: number;
  sectionCount: number;
  /** Items of the whole battery (204 in the standard one). */
  totalItems: number;
  /** Server ms of the last answer or section start; the browser derives "idle for X minutes". */
  lastActivity: number | null;
  /** Server ms since when no socket of the seat is connected (while the attempt is open). */
  offlineSince: number | null;
  /** Marked absent by the proctor (never arrived). */
  absent: boolean;
}

/**
 * What an answer or a flag changes on a seat: its count and its last activity. Pushed as it was
 * acknowledged, without re-reading the seat; a client applies it to the tile it has unless the tile
 * is newer (a later `lastActivity`).
 */
export interface SeatProgress {
  attemptId: string;
  answered: number;
  lastActivity: number;
}

export interface RoomView {
  sessionId: string;
  roomName: string;
  /**
   * The session is long over and its live state was moved to Postgres (the worker's live-state
   * archive): the room can be looked at and its berita acara printed, not acted on.
   */
  archived: boolean;
  paused: boolean;
  roomToken: string;
  roomTokenRotatesAt: number;
  seats: Seat[];
  incidents: FeedIncident[];
  serverTime: number;
}

export type IncidentKind =
  | ClientSignalKind
  | 'device_rejected'
  | 'reconnected'
  | 'long_disconnect'
  /** Repeated wrong access codes or room tokens for one registered NIP; never carries the codes tried. */
  | 'failed_logins';

/** What the server emits (exam side); the proctor feed gives it an id. */
export interface Incident {
  sessionId: string;
  attemptId: string;
  kind: IncidentKind;
  at: number;
  detail: Record<string, unknown>;
}

export interface IncidentAck {
  note: string;
  by: string;
  at: number;
}

/** An incident in a room's feed: the event plus its id and, once acknowledged, the proctor's note. */
export interface FeedIncident extends Incident {
  id: string;
  seatNo: number | null;
  participantName: string;
  ack: IncidentAck | null;
}

/**
 * A disconnection longer than this raises one `long_disconnect` incident per episode: while the seat
 * is still away (the server's periodic check) or when it comes back, whichever notices first.
 */
export const LONG_DISCONNECT_MS = 2 * 60_000;

export const roomJoinPayloadSchema = z.object({ sessionId: idSchema }).strict();
/** Every proctor action asks for a reason; it is written to the audit log and the berita acara. */
const reasonSchema = z.string().trim().min(1).max(500);
export const roomPausePayloadSchema = z.object({ sessionId: idSchema, reason: reasonSchema }).strict();
export const roomResumePayloadSchema = z.object({ sessionId: idSchema, reason: reasonSchema }).strict();
export const roomTokenRotatePayloadSchema = z.object({ sessionId: idSchema, reason: reasonSchema }).strict();
export const seatExtendPayloadSchema = z
  .object({
    attemptId: idSchema,
    minutes: z.number().int().min(1).max(120),
    reason: reasonSchema,
  })
  .strict();
export const seatUnlockDevicePayloadSchema = z.object({ attemptId: idSchema, reason: reasonSchema }).strict();
export const seatForceFinishPayloadSchema = z.object({ attemptId: idSchema, reason: reasonSchema }).strict();
export const roomBroadcastPayloadSchema = z
  .object({
    sessionId: idSchema,
    message: z.string().trim().min(1).max(1000),
    reason: reasonSchema,
  })
  .strict();

export const incidentAckPayloadSchema = z
  .object({ sessionId: idSchema, incidentId: idSchema, note: z.string().trim().min(1).max(500) })
  .strict();

export const seatAbsentPayloadSchema = z.object({ attemptId: idSchema, reason: reasonSchema }).strict();
export const seatMovePayloadSchema = z
  .object({ attemptId: idSchema, targetSessionId: idSchema, reason: reasonSchema })
  .strict();
export const roomMoveTargetsPayloadSchema = z.object({ sessionId: idSchema }).strict();

export type RoomJoinAck = Ack<{ room: RoomView }>;
export type ProctorActionAck = Ack<object>;
export type RoomTokenAck = Ack<{ roomToken: string; rotatesAt: number }>;

export interface ProctorClientToServerEvents {
  'room:join': (p: z.input<typeof roomJoinPayloadSchema>, ack: (res: RoomJoinAck) => void) => void;
  'room:pause': (p: z.input<typeof roomPausePayloadSchema>, ack: (res: ProctorActionAck) => void) => void;
  'room:resume': (p: z.input<typeof roomResumePayloadSchema>, ack: (res: ProctorActionAck) => void) => void;
  'room:token:rotate': (
    p: z.input<typeof roomTokenRotatePayloadSchema>,
    ack: (res: RoomTokenAck) => void,
  ) => void;
  'seat:extend': (p: z.input<typeof seatExtendPayloadSchema>, ack: (res: ProctorActionAck) => void) => void;
  'seat:unlock-device': (
    p: z.input<typeof seatUnlockDevicePayloadSchema>,
    ack: (res: ProctorActionAck) => void,
  ) => void;
  'seat:force-finish': (
    p: z.input<typeof seatForceFinishPayloadSchema>,
    ack: (res: ProctorActionAck) => void,
  ) => void;
  'room:broadcast': (
    p: z.input<typeof roomBroadcastPayloadSchema>,
    ack: (res: ProctorActionAck) => void,
  ) => void;
  'incident:ack': (p: z.input<typeof incidentAckPayloadSchema>, ack: (res: ProctorActionAck) => void) => void;
  'seat:absent': (p: z.input<typeof seatAbsentPayloadSchema>, ack: (res: ProctorActionAck) => void) => void;
  'seat:move': (
    p: z.input<typeof seatMovePayloadSchema>,
    ack: (res: Ack<{ seatNo: number }>) => void,
  ) => void;
  'room:move-targets': (
    p: z.input<typeof roomMoveTargetsPayloadSchema>,
    ack: (res: Ack<{ targets: MoveTarget[] }>) => void,
  ) => void;
}

export interface ProctorServerToClientEvents {
  /** Seats of the room that changed (connect, section, status, presence), about once a second. */
  'seats:update': (seats: Seat[]) => void;
  /** Seats of the room that answered since the last push, about once a second. */
  'seats:progress': (progress: SeatProgress[]) => void;
  incident: (incident: Incident) => void;
  /** The room's feed changed: a new incident with its id, or an acknowledgement. */
  'incident:feed': (incident: FeedIncident) => void;
  'room:state': (room: { sessionId: string; paused: boolean }) => void;
  /** A seat left the room (its participant moved to another session). */
  'seat:removed': (seat: { sessionId: string; attemptId: string }) => void;
  /**
   * The room token changed: rotated by hand (to every proctor of the room) or by the clock at
   * `rotatesAt` of the previous push (to each proctor socket by its own server process).
   */
  'room:token': (token: { sessionId: string; roomToken: string; rotatesAt: number }) => void;
  'server:shutdown': (shutdown: { reconnectAfterMs: number }) => void;
}

/**
 * Handshake `auth` of `/proctor`. A browser needs nothing here: its staff session cookie goes with the
 * upgrade request. Other clients (load tests, tools) pass a signed staff access token.
 */
export const proctorHandshakeSchema = z.object({ accessToken: z.string().min(1).max(4096).optional() });

export const proctorEventSchemas = {
  'room:join': roomJoinPayloadSchema,
  'room:pause': roomPausePayloadSchema,
  'room:resume': roomResumePayloadSchema,
  'room:token:rotate': roomTokenRotatePayloadSchema,
  'seat:extend': seatExtendPayloadSchema,
  'seat:unlock-device': seatUnlockDevicePayloadSchema,
  'seat:force-finish': seatForceFinishPayloadSchema,
  'room:broadcast': roomBroadcastPayloadSchema,
  'incident:ack': incidentAckPayloadSchema,
  'seat:absent': seatAbsentPayloadSchema,
  'seat:move': seatMovePayloadSchema,
  'room:move-targets': roomMoveTargetsPayloadSchema,
} as const satisfies Record<keyof ProctorClientToServerEvents, z.ZodType>;

// ---- REST: /api/v1/staff/proctor ----

/** A session of today the caller may open (assigned to them; every session for an admin). */
export interface ProctorSessionSummary {
  sessionId: string;
  roomName: string;
  date: string;
  slot: string;
  startsAt: string;
  endsAt: string;
  status: string;
  registered: number;
}
export interface ProctorSessionsResponse {
  ok: true;
  /** The day listed (YYYY-MM-DD): the one asked for, or today in the platform's time zone. */
  date: string;
  /**
   * The platform's time zone (IANA, `PETAKOM_TZ`), in which the sessions were scheduled: their
   * times are shown in it, as on the participants' cards, whatever zone the room's PC is set to.
   */
  timeZone: string;
  sessions: ProctorSessionSummary[];
}

/** `?date=YYYY-MM-DD`: the sessions of that day (default today, in the platform's time zone). */
export const proctorSessionsQuerySchema = z.object({ date: z.iso.date().optional() }).strict();

export const beritaAcaraNotesRequestSchema = z.object({ notes: z.string().max(8000) }).strict();

/** Sessions with free seats an absent participant may be moved to. */
export interface MoveTarget {
  sessionId: string;
  roomName: string;
  date: string;
  slot: string;
  freeSeats: number;
}
