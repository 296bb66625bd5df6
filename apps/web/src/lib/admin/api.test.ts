// The staff API client: the CSRF token on writes only, stable error codes with row problems, and
// the two message files saying the same things.
import { describe, expect, it } from 'vitest';
import { okResponseSchema } from '@petakom/protocol';
import en from '../i18n/admin.en.json';
import id from '../i18n/admin.id.json';
import { AdminApi, AdminApiError } from './api.ts';

function recorder(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = new AdminApi(async (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return { api, calls };
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('AdminApi', () => {
  it('sends the CSRF token on writes and not on reads', async () => {
    const { api, calls } = recorder(200, { ok: true });
    api.csrfToken = 'tok';
    await api.get('/api/v1/staff/me', okResponseSchema);
    await api.send('POST', '/api/v1/admin/units', { name: 'Umum' }, okResponseSchema);
    const headers = calls.map((c) => c.init.headers as Record<string, string>);
    expect(headers[0]?.['x-csrf-token']).toBeUndefined();
    expect(headers[1]?.['x-csrf-token']).toBe('tok');
  });

  it('turns a refusal into its stable code with the row problems', async () => {
    const { api } = recorder(400, {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'berkas ditolak',
        problems: [{ line: 3, code: 'BAD_KEY', message: 'kunci salah' }],
      },
    });
    const error = await api.get('/x', okResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).code).toBe('VALIDATION');
    expect((error as AdminApiError).problems).toEqual([{ line: 3, code: 'BAD_KEY', message: 'kunci salah' }]);
  });

  it('tells the session when the server no longer knows it', async () => {
    const { api } = recorder(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no session' } });
    let told = false;
    api.onUnauthenticated = () => (told = true);
    await api.get('/api/v1/admin/units', okResponseSchema).catch(() => undefined);
    expect(told).toBe(true);
  });

  it("shows the API's own error as it came, and anything else thrown as INTERNAL", () => {
    const refused = new AdminApiError('FORBIDDEN', 'not yours', 403);
    expect(AdminApiError.from(refused)).toBe(refused);
    const other = AdminApiError.from(new TypeError('Failed to fetch'));
    expect(other).toBeInstanceOf(AdminApiError);
    expect(other).toMatchObject({ code: 'INTERNAL', status: 0, message: 'TypeError: Failed to fetch' });
  });

  it('has every Indonesian message in English too', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });
});
