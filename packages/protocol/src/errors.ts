// Stable error codes shared by every REST route and socket acknowledgement; the web app translates them.
import { z } from 'zod';

export const ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'ROOM_TOKEN_INVALID',
  'DEVICE_LOCKED',
  'NOT_REGISTERED',
  'SESSION_NOT_OPEN',
  'ATTEMPT_FINISHED',
  'ATTEMPT_NOT_PREPARED',
  'ATTEMPT_PAUSED',
  'SECTION_CLOSED',
  'SECTION_NOT_STARTED',
  'SECTION_OUT_OF_ORDER',
  'ITEM_NOT_IN_SECTION',
  'STALE_SEQUENCE',
  'INVALID_VALUE',
  'VALIDATION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'NOT_PUBLISHED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Body of every failed REST response and every failed acknowledgement. */
export const errorReplySchema = z.object({ ok: z.literal(false), error: apiErrorSchema });
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** Every socket acknowledgement: success with a payload, or a stable error. */
export type Ack<T extends object = object> = ({ ok: true } & T) | ErrorReply;

export function ackSchema<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), errorReplySchema]);
}

export function errorReply(code: ErrorCode, message: string): ErrorReply {
  return { ok: false, error: { code, message } };
}

/** HTTP status used for each code on REST routes. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  ROOM_TOKEN_INVALID: 401,
  DEVICE_LOCKED: 409,
  NOT_REGISTERED: 403,
  SESSION_NOT_OPEN: 403,
  ATTEMPT_FINISHED: 409,
  ATTEMPT_NOT_PREPARED: 409,
  ATTEMPT_PAUSED: 409,
  SECTION_CLOSED: 409,
  SECTION_NOT_STARTED: 409,
  SECTION_OUT_OF_ORDER: 409,
  ITEM_NOT_IN_SECTION: 422,
  STALE_SEQUENCE: 409,
  INVALID_VALUE: 422,
  VALIDATION: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  NOT_PUBLISHED: 404,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
