// Error codes from the server, read defensively: anything unknown becomes INTERNAL for display.
import { ERROR_CODES, type ErrorCode } from '@petakom/protocol';

const known = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}

/** A socket.io handshake refusal carries the code in `data.code` or as the message itself. */
export function handshakeErrorCode(error: Error & { data?: unknown }): ErrorCode | null {
  const data = error.data as { code?: unknown; error?: { code?: unknown } } | undefined;
  if (isErrorCode(data?.code)) return data.code;
  if (isErrorCode(data?.error?.code)) return data.error.code;
  return isErrorCode(error.message) ? error.message : null;
}
