import { hash } from '@node-rs/argon2';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import {
  STAFF_LOCKOUT_AFTER_FAILURES,
  STAFF_LOGIN_PER_IP_PER_MINUTE,
  STAFF_LOGIN_PER_USERNAME_PER_MINUTE,
} from '@petakom/protocol';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAuthPlugin } from '../src/staff/staff-auth.plugin.ts';
import type { PetakomServer } from '../src/server.ts';
import { startTestServer } from './harness.ts';
import { StaffClient, TEST_PASSWORD, addAgency, addStaffUser, loggedIn } from './staff-client.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let agencyId: string;
const prefix = uniqueRedisPrefix('server-staff');

beforeAll(async () => {
  tdb = await createTestDatabase('server-staff');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  agencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await tdb.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('staff login', () => {
  it('logs in with the right password, sets an httpOnly SameSite cookie and answers /me', async () => {
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    const client = new StaffClient(url);
    const res = await client.login(user.username.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await client.request('GET', '/api/v1/staff/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ ok: true, staff: { username: user.username, roles: ['bkd'], agencyId } });
    expect(me.body['csrfToken']).toBe(client.csrfToken);
    // only a hash of the cookie token is stored
    const sessions = await tdb.db
      .selectFrom('staff_sessions')
      .select('id')
      .where('staff_user_id', '=', user.id)
      .execute();
    expect(sessions.map((s) => s.id)).not.toContain(client.cookie);
    expect(await auditActions(user.id)).toContain('staff.login');
  });

  it('accepts a password hashed the way the demo loader seeds staff users', async () => {
    const row = await tdb.db
      .insertInto('staff_users')
      .values({
        agency_id: agencyId,
        username: 'demo-admin',
        full_name: 'Admin Demo',
        password_hash: await hash('demo-password-1'),
        roles: ['admin'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await new StaffClient(url).login('demo-admin', 'demo-password-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ staff: { id: row.id } });
  });

  it('refuses a wrong password and an unknown username with the same answer', async () => {
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    const wrong = await new StaffClient(url).login(user.username, 'bukan-kata-sandinya');
    const unknown = await new StaffClient(url).login('tidak-ada-orangnya', 'bukan-kata-sandinya');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('locks an account after repeated failures, even against the right password, until the lock ends', async () => {
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    const client = new StaffClient(url);
    for (let i = 0; i < STAFF_LOCKOUT_AFTER_FAILURES; i++) {
      expect((await client.login(user.username, 'salah-salah-salah')).status).toBe(401);
    }
    const locked = await client.login(user.username, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'RATE_LIMITED', locked: true } });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await auditActions(user.id)).toContain('staff.login.locked');

    // the lock runs out
    await tdb.db
      .updateTable('staff_users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute();
    expect((await client.login(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('lets an admin clear a lockout', async () => {
    const admin = await addStaffUser(tdb.db, ['admin'], agencyId);
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    await tdb.db
      .updateTable('staff_users')
      .set({ locked_until: new Date(Date.now() + 3600_000) })
      .where('id', '=', user.id)
      .execute();
    const adminClient = await loggedIn(url, admin.username);
    const res = await adminClient.request('PATCH', `/api/v1/staff/users/${user.id}`, {
      unlock: true,
      reason: 'ditelepon',
    });
    expect(res.status).toBe(200);
    expect((await new StaffClient(url).login(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('rate-limits login attempts from one IP across usernames', async () => {
    const client = new StaffClient(url);
    const statuses: number[] = [];
    for (let i = 0; i <= STAFF_LOGIN_PER_IP_PER_MINUTE; i++) {
      statuses.push((await client.login(`orang-${i}`, 'apa-saja')).status);
    }
    expect(statuses.slice(0, STAFF_LOGIN_PER_IP_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // another IP is not affected
    expect((await new StaffClient(url).login('orang-lain', 'apa-saja')).status).toBe(401);
  });

  it('rate-limits login attempts at one username across IPs, and a refusal by IP does not count against it', async () => {
    // An unknown username: no account to lock, so only the per-username window can refuse.
    const statuses: number[] = [];
    for (let i = 0; i <= STAFF_LOGIN_PER_USERNAME_PER_MINUTE; i++) {
      statuses.push((await new StaffClient(url).login('orang-dicoba', 'apa-saja')).status);
    }
    expect(statuses.slice(0, STAFF_LOGIN_PER_USERNAME_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await new StaffClient(url).login('orang-lain', 'apa-saja')).status).toBe(401);

    // An IP over its limit is refused before its username is counted.
    const busy = new StaffClient(url);
    for (let i = 0; i < STAFF_LOGIN_PER_IP_PER_MINUTE; i++) await busy.login(`orang-${i}-lain`, 'apa-saja');
    for (let i = 0; i < STAFF_LOGIN_PER_USERNAME_PER_MINUTE; i++) {
      expect((await busy.login('orang-sabar', 'apa-saja')).status).toBe(429);
    }
    expect((await new StaffClient(url).login('orang-sabar', 'apa-saja')).status).toBe(401);
  });
});

describe('staff session', () => {
  it('refuses a write without the CSRF token of the session', async () => {
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    const client = await loggedIn(url, user.username);
    const noHeader = await client.request('DELETE', '/api/v1/staff/session', undefined, { csrf: false });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const other = await loggedIn(url, user.username);
    client.csrfToken = other.csrfToken; // a token of another session does not do
    expect((await client.request('DELETE', '/api/v1/staff/session')).status).toBe(403);
    // reads need no token
    expect((await client.request('GET', '/api/v1/staff/me', undefined, { csrf: false })).status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const user = await addStaffUser(tdb.db, ['assessor'], agencyId);
    const client = await loggedIn(url, user.username);
    const cookie = client.cookie;
    expect((await client.request('DELETE', '/api/v1/staff/session')).status).toBe(200);
    client.cookie = cookie; // a copied cookie is dead too
    const me = await client.request('GET', '/api/v1/staff/me');
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const user = await addStaffUser(tdb.db, ['proctor'], agencyId);
    const here = await loggedIn(url, user.username);
    const elsewhere = await loggedIn(url, user.username);
    const bad = await here.request('POST', '/api/v1/staff/me/password', {
      currentPassword: 'bukan-ini',
      newPassword: 'kata-sandi-baru-456',
    });
    expect(bad.status).toBe(401);
    const res = await here.request('POST', '/api/v1/staff/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'kata-sandi-baru-456',
    });
    expect(res.status).toBe(200);
    expect((await here.request('GET', '/api/v1/staff/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/v1/staff/me')).status).toBe(401);
    expect((await new StaffClient(url).login(user.username, TEST_PASSWORD)).status).toBe(401);
    expect((await new StaffClient(url).login(user.username, 'kata-sandi-baru-456')).status).toBe(200);
    expect(await auditActions(user.id)).toContain('staff.password.change');
  });

  it('refuses a disabled account', async () => {
    const admin = await addStaffUser(tdb.db, ['admin'], agencyId);
    const user = await addStaffUser(tdb.db, ['bkd'], agencyId);
    const victim = await loggedIn(url, user.username);
    const adminClient = await loggedIn(url, admin.username);
    const res = await adminClient.request('PATCH', `/api/v1/staff/users/${user.id}`, {
      disabled: true,
      reason: 'pindah tugas',
    });
    expect(res.status).toBe(200);
    expect((await victim.request('GET', '/api/v1/staff/me')).status).toBe(401);
    expect((await new StaffClient(url).login(user.username, TEST_PASSWORD)).status).toBe(401);
  });

  it('lets an admin create an account that can then log in', async () => {
    const admin = await addStaffUser(tdb.db, ['admin'], agencyId);
    const adminClient = await loggedIn(url, admin.username);
    const res = await adminClient.request('POST', '/api/v1/staff/users', {
      username: 'asesor.baru',
      fullName: 'Asesor Baru',
      password: 'kata-sandi-asesor-1',
      roles: ['assessor'],
    });
    expect(res.status).toBe(200);
    const again = await adminClient.request('POST', '/api/v1/staff/users', {
      username: 'asesor.baru',
      fullName: 'Asesor Lain',
      password: 'kata-sandi-asesor-1',
      roles: ['assessor'],
    });
    expect(again.status).toBe(409);
    const login = await new StaffClient(url).login('asesor.baru', 'kata-sandi-asesor-1');
    expect(login.body).toMatchObject({ staff: { roles: ['assessor'], agencyId } });
  });
});

describe('route policy', () => {
  it('refuses to boot with a staff route that declares no roles', async () => {
    const app = Fastify();
    await app.register(staffAuthPlugin(server.ctx));
    await expect(async () => {
      app.get('/api/v1/admin/lupa-peran', async () => ({ ok: true }));
      await app.ready();
    }).rejects.toThrow(/declares no config.roles/);
    await app.close().catch(() => undefined);
  });
});
