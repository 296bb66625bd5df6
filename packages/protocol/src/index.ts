// @petakom/protocol — the browser ⇄ server contract: REST DTOs, socket.io event maps, payload schemas,
// error codes and limits. Browser-safe: imports only zod.
export * from './errors.ts';
export * from './limits.ts';
export * from './participant.ts';
export * from './results.ts';
export * from './exam.ts';
export * from './proctor.ts';
export * from './admin/index.ts';
