// The staff REST calls of the proctor page: sign in (session cookie + CSRF token), a day's sessions,
// the berita acara notes and its PDF address.
import { STAFF_CSRF_HEADER, type ProctorSessionsResponse, type StaffProfile } from '@petakom/protocol';

export type ApiResult<T> = ({ ok: true } & T) | { ok: false; code: string };

let csrfToken: string | null = null;

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[STAFF_CSRF_HEADER] = csrfToken;
  try {
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { ok: boolean; error?: { code: string } } & T;
    if (!json.ok) return { ok: false, code: json.error?.code ?? 'INTERNAL' };
    return json as { ok: true } & T;
  } catch {
    return { ok: false, code: 'UNAVAILABLE' };
  }
}

function remember<T extends { csrfToken: string }>(r: ApiResult<T>): ApiResult<T> {
  if (r.ok) csrfToken = r.csrfToken;
  return r;
}

export async function staffLogin(username: string, password: string) {
  return remember(
    await call<{ staff: StaffProfile; csrfToken: string }>('POST', '/api/v1/staff/session', {
      username,
      password,
    }),
  );
}

/** The current staff session, if the cookie is still good (a page reload). */
export async function currentStaff() {
  return remember(await call<{ staff: StaffProfile; csrfToken: string }>('GET', '/api/v1/staff/me'));
}

/** The assigned sessions of `date` (YYYY-MM-DD), or of today when none is given. */
export const assignedSessions = (date?: string) =>
  call<Omit<ProctorSessionsResponse, 'ok'>>(
    'GET',
    `/api/v1/staff/proctor/sessions${date ? `?date=${encodeURIComponent(date)}` : ''}`,
  );

export const loadNotes = (sessionId: string) =>
  call<{ notes: string }>('GET', `/api/v1/staff/proctor/sessions/${sessionId}/berita-acara`);

export const saveNotes = (sessionId: string, notes: string) =>
  call<object>('PUT', `/api/v1/staff/proctor/sessions/${sessionId}/berita-acara`, { notes });

export const beritaAcaraUrl = (sessionId: string) =>
  `/api/v1/staff/proctor/sessions/${sessionId}/berita-acara.pdf`;
