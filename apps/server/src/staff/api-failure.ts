// A refusal with a stable error code thrown from a staff or admin handler, and the per-plugin error
// handler that turns it into the protocol's error reply (anything else goes on to the app's handler).
import { HTTP_STATUS, errorReply, type ErrorCode } from '@petakom/protocol';
import type { FastifyInstance } from 'fastify';

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the client (e.g. the problems of a rejected battery). */
    readonly details?: Record<string, unknown>,
    readonly status: number = HTTP_STATUS[code],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Install in an encapsulated plugin; errors that are not ApiFailure go to the parent handler. */
export function handleApiFailures(app: FastifyInstance): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiFailure) {
      const body = errorReply(error.code, error.message);
      return reply
        .code(error.status)
        .send(error.details ? { ...body, error: { ...body.error, ...error.details } } : body);
    }
    throw error;
  });
}
