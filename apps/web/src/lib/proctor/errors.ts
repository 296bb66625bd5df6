// The proctor page says every refusal in words a proctor understands, never as a raw error code:
// a code from the server (login, room join, an action) names its message under `pengawas.errors`.
import { ERROR_CODES } from '@petakom/protocol';

const KNOWN = new Set<string>(ERROR_CODES);

/** The i18n key of a code's message; a code this build does not know reads as a server problem. */
export function errorKey(code: string): string {
  return `pengawas.errors.${KNOWN.has(code) ? code : 'INTERNAL'}`;
}
