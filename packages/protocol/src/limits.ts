// Size and rate limits the server enforces; the client keeps within them so it never meets them.

/** Largest event payload (JSON-encoded) answered normally; larger ones get `PAYLOAD_TOO_LARGE`. */
export const MAX_EVENT_PAYLOAD_BYTES = 8 * 1024;
/** Largest socket.io message at all (engine.io maxHttpBufferSize); beyond it the connection is closed. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** Largest REST request body. */
export const MAX_REST_BODY_BYTES = 64 * 1024;
/** Largest answer value once JSON-encoded. */
export const MAX_ANSWER_VALUE_CHARS = 64;
export const MAX_ID_CHARS = 64;

/** Per socket: events per rolling second before `RATE_LIMITED` (bursts up to the bucket size). */
export const SOCKET_EVENTS_PER_SECOND = 20;
export const SOCKET_EVENT_BURST = 40;
/** A socket that keeps flooding after being limited this many times is disconnected. */
export const SOCKET_FLOOD_DISCONNECT_AFTER = 200;

/**
 * Participant login attempts per minute, per client IP and per NIP. A CAT room usually reaches the
 * server through one NAT address, so the per-IP default allows several full rooms at once
 * (server: `LOGIN_PER_IP_PER_MINUTE`).
 */
export const LOGIN_PER_IP_PER_MINUTE = 600;
export const LOGIN_PER_NIP_PER_MINUTE = 10;
