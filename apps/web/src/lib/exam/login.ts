// `POST /api/v1/participant/session`: trade NIP, access code and room token for an access token.
import {
  errorReplySchema,
  participantLoginResponseSchema,
  type ErrorCode,
  type ParticipantLoginRequest,
  type ParticipantLoginResponse,
} from '@petakom/protocol';

export type LoginResult = { ok: true; session: ParticipantLoginResponse } | { ok: false; code: ErrorCode };

export async function login(
  request: ParticipantLoginRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetchImpl('/api/v1/participant/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, code: 'UNAVAILABLE' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = participantLoginResponseSchema.safeParse(body);
    return parsed.success ? { ok: true, session: parsed.data } : { ok: false, code: 'INTERNAL' };
  }
  const error = errorReplySchema.safeParse(body);
  if (error.success) return { ok: false, code: error.data.error.code };
  return { ok: false, code: response.status >= 500 || response.status === 0 ? 'UNAVAILABLE' : 'INTERNAL' };
}
