// Walks every staff route with every role and with no session: a route added later is walked too,
// because the table comes from the routes the app actually registered.
import { randomUUID } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '@petakom/db';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { STAFF_CSRF_HEADER, STAFF_SESSION_COOKIE } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetakomServer } from '../src/server.ts';
import { DENIED_BY_HEADER } from '../src/staff/staff-auth.plugin.ts';
import { startTestServer } from './harness.ts';
import { addAgency, addStaffUser } from './staff-client.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
const users = new Map<StaffRole, string>();
const prefix = uniqueRedisPrefix('server-staff-roles');

beforeAll(async () => {
  tdb = await createTestDatabase('server-staff-roles');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const agencyId = await addAgency(tdb.db);
  ({ server, url } = await startTestServer(tdb, prefix));
  for (const role of STAFF_ROLES) users.set(role, (await addStaffUser(tdb.db, [role], agencyId)).id);
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

/** The status, and which gate refused it when the staff gate did (session, csrf or role). */
async function call(
  method: string,
  path: string,
  role: StaffRole | null,
): Promise<{ status: number; deniedBy: string | null }> {
  const headers: Record<string, string> = { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1` };
  if (role !== null) {
    const user = await server.app.staffAuth.repo.findById(users.get(role) ?? '');
    if (!user) throw new Error('no user');
    // a fresh session per call: the walk also calls logout
    const session = await server.app.staffAuth.openSession(user);
    headers['cookie'] = `${STAFF_SESSION_COOKIE}=${session.token}`;
    headers[STAFF_CSRF_HEADER] = session.csrfToken;
  }
  const res = await fetch(`${url}${path}`, { method, headers });
  await res.arrayBuffer();
  return { status: res.status, deniedBy: res.headers.get(DENIED_BY_HEADER) };
}

describe('staff route roles', () => {
  it('registers a policy for every staff and admin route', () => {
    const table = server.app.staffRouteTable;
    expect(table.length).toBeGreaterThan(20);
    const urls = new Set(table.map((r) => `${r.method} ${r.url}`));
    expect(urls).toContain('GET /api/v1/staff/me');
    expect(urls).toContain('POST /api/v1/admin/roster/imports');
  });

  it('allows exactly the declared roles on every route and refuses callers without a session', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of server.app.staffRouteTable) {
      const path = route.url.replace(/:[A-Za-z]+/g, () => randomUUID());
      for (const role of [null, ...STAFF_ROLES]) {
        const { status, deniedBy } = await call(route.method, path, role);
        // Past the gate, a route may still refuse the made-up ids (404, or 403 for a room not
        // assigned): that is the route's own check, not the role policy under test here.
        const verdict =
          status >= 500
            ? `error ${status}`
            : deniedBy === 'session'
              ? 'unauthenticated'
              : deniedBy === 'role'
                ? 'forbidden'
                : deniedBy === 'csrf'
                  ? 'refused: csrf'
                  : 'allowed';
        const want =
          route.roles === 'public'
            ? 'allowed'
            : role === null
              ? 'unauthenticated'
              : route.roles.includes(role)
                ? 'allowed'
                : 'forbidden';
        outcomes.push(`${route.method} ${route.url} as ${role ?? 'nobody'}: ${verdict}`);
        expected.push(`${route.method} ${route.url} as ${role ?? 'nobody'}: ${want}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
