// Binds validated, rate-limited, size-limited handlers to a socket: every client event gets exactly
// one acknowledgement with a stable error code, whatever the client sends.
import {
  MAX_EVENT_PAYLOAD_BYTES,
  SOCKET_EVENT_BURST,
  SOCKET_EVENTS_PER_SECOND,
  SOCKET_FLOOD_DISCONNECT_AFTER,
  errorReply,
  type ErrorCode,
  type ErrorReply,
} from '@petakom/protocol';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ServerMetrics } from '../ops/metrics.ts';

export type AckBody = ({ ok: true } & object) | ErrorReply;

/** Token bucket: `burst` events at once, refilled at `perSecond`. */
export class EventBucket {
  private tokens: number;
  private last = Date.now();
  /** Events refused in a row; reset by an accepted one. */
  refusedInARow = 0;

  constructor(
    private readonly perSecond = SOCKET_EVENTS_PER_SECOND,
    private readonly burst = SOCKET_EVENT_BURST,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return true;
    }
    this.refusedInARow++;
    return false;
  }
}

type Handlers<S extends Record<string, z.ZodType>> = {
  [K in keyof S]: (payload: z.output<S[K]>) => Promise<AckBody>;
};

function payloadTooLarge(payload: unknown): boolean {
  try {
    return (JSON.stringify(payload) ?? '').length > MAX_EVENT_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

export function bindEvents<S extends Record<string, z.ZodType>>(
  socket: Socket,
  schemas: S,
  handlers: Handlers<S>,
  deps: { log: Logger; metrics: ServerMetrics },
): void {
  const bucket = new EventBucket();
  const fail = (ack: unknown, code: ErrorCode, message: string) => {
    deps.metrics.socketErrors.inc({ code });
    if (typeof ack === 'function') (ack as (r: AckBody) => void)(errorReply(code, message));
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(schemas, event)) return;
    fail(args.at(-1), 'VALIDATION', 'unknown event');
  });

  // Events arrive untyped from the wire; the schemas below are what gives them a type.
  const raw = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  for (const event of Object.keys(schemas) as (keyof S & string)[]) {
    const schema = schemas[event] as z.ZodType;
    const handler = handlers[event] as (payload: unknown) => Promise<AckBody>;
    raw.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        // Nothing to answer to; a well-behaved client always asks for an acknowledgement.
        deps.metrics.socketErrors.inc({ code: 'VALIDATION' });
        return;
      }
      if (!bucket.take()) {
        if (bucket.refusedInARow >= SOCKET_FLOOD_DISCONNECT_AFTER) {
          deps.log.warn({ socketId: socket.id, event }, 'socket flooding: disconnected');
          socket.disconnect(true);
          return;
        }
        fail(ack, 'RATE_LIMITED', 'too many events; slow down');
        return;
      }
      if (args.length !== 2) return fail(ack, 'VALIDATION', 'expected one payload and an acknowledgement');
      const payload = args[0];
      if (payloadTooLarge(payload)) return fail(ack, 'PAYLOAD_TOO_LARGE', 'payload too large');
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return fail(
          ack,
          'VALIDATION',
          issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid',
        );
      }
      handler(parsed.data).then(
        (body) => {
          if (!body.ok) deps.metrics.socketErrors.inc({ code: body.error.code });
          (ack as (r: AckBody) => void)(body);
        },
        (error: unknown) => {
          deps.log.error({ err: error, socketId: socket.id, event }, 'socket handler failed');
          fail(ack, 'INTERNAL', 'internal error');
        },
      );
    });
  }
}

/** The handshake error a client sees in `connect_error`: `err.message` and `err.data.code`. */
export function handshakeError(code: ErrorCode, message: string): Error {
  const error = new Error(message) as Error & { data: { code: ErrorCode } };
  error.data = { code };
  return error;
}
