// How the start script refuses: one plain line for a person, never a stack trace.

/** An expected refusal (bad configuration, unreachable service); its message is the whole story. */
export class StartError extends Error {
  override name = 'StartError';
}

/** Prints `petakom: <message>` (one line) and exits 1; unexpected errors keep their stack. */
export function exitWith(error: unknown): never {
  if (error instanceof StartError) {
    process.stderr.write(`petakom: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
  } else {
    process.stderr.write(
      `petakom: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}

/** Shows a service URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** The short human reason of a network/driver error (`connection refused`, `host not found`…). */
export function describeNetworkError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
  }
  // Node's happy-eyeballs wraps per-address failures in an AggregateError with an empty message.
  if (Array.isArray(e?.errors) && e.errors.length > 0) return describeNetworkError(e.errors[0]);
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error);
  return message.split('\n')[0] ?? message;
}
