// A browser-like client of the staff API for tests: keeps the session cookie and sends the CSRF
// header on writes, as the admin web app does.
import { randomUUID } from 'node:crypto';
import type { Database, StaffRole } from '@petakom/db';
import { STAFF_CSRF_HEADER, STAFF_SESSION_COOKIE } from '@petakom/protocol';
import type { Kysely } from 'kysely';
import { hashPassword } from '../src/staff/passwords.ts';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class StaffClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    readonly url: string,
    /** Sent as X-Forwarded-For (the app trusts the proxy) so tests do not share one IP's limit. */
    readonly ip = `10.${rand()}.${rand()}.${rand()}`,
  ) {}

  async login(username: string, password: string): Promise<ApiResponse> {
    const res = await this.request('POST', '/api/v1/staff/session', { username, password });
    if (res.status === 200) {
      this.csrfToken = String(res.body['csrfToken']);
    }
    return res;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; raw?: NonNullable<RequestInit['body']>; contentType?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (this.cookie) headers['cookie'] = `${STAFF_SESSION_COOKIE}=${this.cookie}`;
    if (options.csrf !== false && this.csrfToken) headers[STAFF_CSRF_HEADER] = this.csrfToken;
    let payload: NonNullable<RequestInit['body']> | undefined = options.raw;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (options.contentType) {
      headers['content-type'] = options.contentType;
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body: payload });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_SESSION_COOKIE}=`));
    if (setCookie) {
      const value = setCookie.slice(STAFF_SESSION_COOKIE.length + 1).split(';')[0] ?? '';
      this.cookie = value === '' ? null : value;
    }
    const text = await res.text();
    const parsed = text === '' ? {} : (JSON.parse(text) as T);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Sends one file as multipart/form-data under the field `file`. */
  upload<T = Record<string, unknown>>(
    path: string,
    file: { name: string; type: string; data: Uint8Array | string },
  ): Promise<ApiResponse<T>> {
    const form = new FormData();
    const bytes = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
    form.append('file', new Blob([bytes], { type: file.type }), file.name);
    return this.request<T>('POST', path, undefined, { raw: form });
  }
}

function rand(): number {
  return Math.floor(Math.random() * 250) + 1;
}

export const TEST_PASSWORD = 'kata-sandi-uji-123';

/** Inserts a staff user with TEST_PASSWORD (hashed as the demo loader does). */
export async function addStaffUser(
  db: Kysely<Database>,
  roles: StaffRole[],
  agencyId: string | null,
  username = `staf-${randomUUID().slice(0, 8)}`,
): Promise<{ id: string; username: string }> {
  const row = await db
    .insertInto('staff_users')
    .values({
      agency_id: agencyId,
      username,
      full_name: `Staf ${username}`,
      password_hash: await hashPassword(TEST_PASSWORD),
      roles,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username };
}

export async function addAgency(db: Kysely<Database>): Promise<string> {
  const row = await db
    .insertInto('agencies')
    .values({ code: `AG${randomUUID().slice(0, 6)}`, name: 'BKD Uji' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function loggedIn(url: string, username: string): Promise<StaffClient> {
  const client = new StaffClient(url);
  const res = await client.login(username, TEST_PASSWORD);
  if (res.status !== 200) throw new Error(`staff login failed: ${JSON.stringify(res.body)}`);
  return client;
}
