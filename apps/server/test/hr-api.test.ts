// The HR results API: API key required, published results only, pages, validity period; signed
// publication webhooks retried after a failure; a key and its webhooks reach one agency only.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_QUEUE } from '../src/hr-api/webhooks.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture } from './fixtures.ts';
import { sleep, startTestServer } from './harness.ts';
import { scoredSession, type ScoredParticipant } from './publication-fixtures.ts';
import { addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  answered: number;
}

let t: TestDatabase;
let server: PetakomServer;
let url: string;
let prefix: string;
let fixture: ExamFixture;
let scored: ScoredParticipant[];
let admin: StaffClient;
let receiver: Server;
let receiverUrl: string;
let clientId = '';
const deliveries: Delivery[] = [];

/** A webhook receiver that answers 204 and keeps what it was sent. */
async function hookReceiver(): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise((resolve) => hook.close(() => resolve())),
  };
}

beforeAll(async () => {
  t = await createTestDatabase('hr_api');
  prefix = uniqueRedisPrefix('hr_api');
  fixture = await createExamFixture(t.db);
  ({ scored } = await scoredSession(t.db, fixture, 3, 1));
  // The receiver fails the first delivery so the job has to retry.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answered = deliveries.length === 0 ? 500 : 204;
      deliveries.push({ headers: req.headers, body, answered });
      res.statusCode = answered;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/petakom-hook`;
  process.env['WEBHOOK_BACKOFF_MS'] = '200';
  ({ server, url } = await startTestServer(t, prefix));
  admin = await loggedIn(url, (await addStaffUser(t.db, ['admin'], fixture.agencyId)).username);
}, 30_000);

afterAll(async () => {
  delete process.env['WEBHOOK_BACKOFF_MS'];
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await t?.destroy();
});

async function hr(path: string, key?: string) {
  const res = await fetch(`${url}${path}`, { headers: key ? { 'x-api-key': key } : {} });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { total?: number; results?: HrRow[] },
  };
}
type HrRow = {
  nip: string;
  resultId: string;
  jpm: number | null;
  validFrom: string;
  validUntil: string;
  competencies: unknown[];
};

describe('HR results API', () => {
  let apiKey = '';
  let secret = '';

  it('issues a key once and stores only its hash', async () => {
    const res = await admin.request<{ apiKey: string; id: string; webhook: { secret: string } }>(
      'POST',
      '/api/v1/admin/api-clients',
      {
        name: 'SIMPEG Provinsi',
        webhookUrl: receiverUrl,
      },
    );
    expect(res.status).toBe(200);
    apiKey = res.body.apiKey;
    secret = res.body.webhook.secret;
    clientId = res.body.id;
    const row = await t.db
      .selectFrom('api_clients')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(apiKey);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a request without a key or with an unknown one', async () => {
    expect((await hr('/api/v1/hr/results')).status).toBe(401);
    expect((await hr('/api/v1/hr/results', 'pkhr_not-a-real-key')).status).toBe(401);
  });

  it('returns nothing before publication, then the published results page by page with their validity', async () => {
    const before = await hr('/api/v1/hr/results', apiKey);
    expect(before.status).toBe(200);
    expect(before.body.total).toBe(0);

    const pub = await admin.request('POST', `/api/v1/admin/campaigns/${fixture.campaignId}/publication`, {
      resultIds: [scored[0]?.resultId, scored[1]?.resultId],
      reason: 'terbit tahap 1',
    });
    expect(pub.status).toBe(200);

    const page1 = await hr(`/api/v1/hr/results?campaignId=${fixture.campaignId}&pageSize=1&page=1`, apiKey);
    const page2 = await hr(`/api/v1/hr/results?campaignId=${fixture.campaignId}&pageSize=1&page=2`, apiKey);
    const page3 = await hr(`/api/v1/hr/results?campaignId=${fixture.campaignId}&pageSize=1&page=3`, apiKey);
    expect(page1.body.total).toBe(2);
    const seen = [...(page1.body.results ?? []), ...(page2.body.results ?? [])].map((r) => r.resultId).sort();
    expect(seen).toEqual([scored[0]?.resultId, scored[1]?.resultId].sort());
    expect(page3.body.results).toEqual([]);
    const first = page1.body.results?.[0];
    if (!first) throw new Error('no row');
    expect(first.competencies).toHaveLength(2);
    expect(new Date(first.validUntil).getUTCFullYear() - new Date(first.validFrom).getUTCFullYear()).toBe(3);
    // the unpublished third result never leaks
    const all = await hr('/api/v1/hr/results?pageSize=500', apiKey);
    expect(all.body.results?.map((r) => r.resultId)).not.toContain(scored[2]?.resultId);
  });

  it('signs the publication webhook and delivers it again after the receiver first fails', async () => {
    for (let i = 0; i < 40 && deliveries.length < 2; i++) await sleep(100);
    expect(deliveries.map((d) => d.answered)).toEqual([500, 204]);
    const [failed, ok] = deliveries;
    if (!failed || !ok) throw new Error('no deliveries');
    expect(JSON.parse(ok.body)).toMatchObject({
      event: 'results.published',
      campaignId: fixture.campaignId,
      published: 2,
    });
    expect(JSON.parse(ok.body).deliveryId).toBe(JSON.parse(failed.body).deliveryId);
    const timestamp = String(ok.headers['x-petakom-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${ok.body}`).digest('hex')}`;
    expect(ok.headers['x-petakom-signature']).toBe(expected);
  });

  it('stops answering a revoked key', async () => {
    const res = await admin.request('DELETE', `/api/v1/admin/api-clients/${clientId}`);
    expect(res.status).toBe(200);
    expect((await hr('/api/v1/hr/results', apiKey)).status).toBe(401);
  });
});

describe('HR API between agencies', () => {
  let fixtureB: ExamFixture;
  let scoredB: ScoredParticipant[];
  let adminB: StaffClient;
  let hookA: Awaited<ReturnType<typeof hookReceiver>>;
  let hookB: Awaited<ReturnType<typeof hookReceiver>>;
  const keyA = { id: '', key: '', webhookId: '' };
  const keyB = { id: '', key: '', webhookId: '', secret: '' };

  beforeAll(async () => {
    fixtureB = await createExamFixture(t.db);
    ({ scored: scoredB } = await scoredSession(t.db, fixtureB, 2, 0));
    adminB = await loggedIn(url, (await addStaffUser(t.db, ['admin'], fixtureB.agencyId)).username);
    hookA = await hookReceiver();
    hookB = await hookReceiver();
  }, 30_000);

  afterAll(async () => {
    await hookA?.close();
    await hookB?.close();
  });

  type Created = { id: string; apiKey: string; webhook: { id: string; secret: string } };

  it("registers a key for the staff member's own agency and refuses one for another agency", async () => {
    const a = await admin.request<Created>('POST', '/api/v1/admin/api-clients', {
      name: 'SIMPEG Kota A',
      webhookUrl: hookA.url,
    });
    const b = await adminB.request<Created>('POST', '/api/v1/admin/api-clients', {
      name: 'SIMPEG Kabupaten B',
      webhookUrl: hookB.url,
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    Object.assign(keyA, { id: a.body.id, key: a.body.apiKey, webhookId: a.body.webhook.id });
    Object.assign(keyB, {
      id: b.body.id,
      key: b.body.apiKey,
      webhookId: b.body.webhook.id,
      secret: b.body.webhook.secret,
    });
    const rows = await t.db
      .selectFrom('api_clients')
      .select(['id', 'agency_id'])
      .where('id', 'in', [keyA.id, keyB.id])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.agency_id]))).toEqual({
      [keyA.id]: fixture.agencyId,
      [keyB.id]: fixtureB.agencyId,
    });

    const smuggled = await admin.request('POST', '/api/v1/admin/api-clients', {
      name: 'SIMPEG titipan',
      agencyId: fixtureB.agencyId,
    });
    expect(smuggled.status).toBe(403);
    const names = await t.db.selectFrom('api_clients').select('name').execute();
    expect(names.map((n) => n.name)).not.toContain('SIMPEG titipan');
  });

  it("gives a key of agency A none of agency B's published results, even when it asks for B's campaign", async () => {
    const pub = await adminB.request('POST', `/api/v1/admin/campaigns/${fixtureB.campaignId}/publication`, {
      reason: 'terbit kabupaten',
    });
    expect(pub.status).toBe(200);
    const bResults = scoredB.map((r) => r.resultId).sort();

    const bOwn = await hr('/api/v1/hr/results?pageSize=500', keyB.key);
    expect(bOwn.body.results?.map((r) => r.resultId).sort()).toEqual(bResults);
    expect(bOwn.body.total).toBe(2);

    const aAsksForB = await hr(`/api/v1/hr/results?campaignId=${fixtureB.campaignId}`, keyA.key);
    expect(aAsksForB.status).toBe(200);
    expect(aAsksForB.body.total).toBe(0);
    expect(aAsksForB.body.results).toEqual([]);

    const aAll = await hr('/api/v1/hr/results?pageSize=500', keyA.key);
    const aIds = aAll.body.results?.map((r) => r.resultId) ?? [];
    expect(aIds.sort()).toEqual([scored[0]?.resultId, scored[1]?.resultId].sort());
    expect(aAll.body.total).toBe(2);
  });

  it("queues and delivers B's publication webhook to B's endpoint only, never to A's", async () => {
    const queue = new Queue(WEBHOOK_QUEUE, {
      connection: { url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
      prefix: `${prefix}bull`,
    });
    try {
      const jobs = await queue.getJobs([
        'completed',
        'failed',
        'waiting',
        'active',
        'delayed',
        'prioritized',
      ]);
      const forB = jobs
        .filter(
          (j) => (j.data as { payload: { campaignId: string } }).payload.campaignId === fixtureB.campaignId,
        )
        .map((j) => (j.data as { endpointId: string }).endpointId);
      expect(forB).toEqual([keyB.webhookId]);
    } finally {
      await queue.close();
    }
    for (let i = 0; i < 40 && hookB.bodies.length < 1; i++) await sleep(100);
    expect(hookB.bodies.map((b) => JSON.parse(b).campaignId)).toEqual([fixtureB.campaignId]);
    expect(hookA.bodies).toEqual([]);
    expect(deliveries.map((d) => JSON.parse(d.body).campaignId)).not.toContain(fixtureB.campaignId);
  });

  it("lists only the agency's own clients, without keys or webhook secrets", async () => {
    const listed = await adminB.request<{ clients: { id: string; agencyId: string; webhooks: unknown[] }[] }>(
      'GET',
      '/api/v1/admin/api-clients',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.clients.map((c) => c.id)).toEqual([keyB.id]);
    expect(listed.body.clients[0]).toMatchObject({
      agencyId: fixtureB.agencyId,
      name: 'SIMPEG Kabupaten B',
      scopes: ['results:read'],
      revokedAt: null,
      webhooks: [{ id: keyB.webhookId, url: hookB.url, disabledAt: null }],
    });
    const raw = JSON.stringify(listed.body);
    expect(raw).not.toContain(keyB.key);
    expect(raw).not.toContain(keyB.secret);
    expect(raw).not.toMatch(/key_?hash|secret/i);

    const ownA = await admin.request<{ clients: { id: string }[] }>('GET', '/api/v1/admin/api-clients');
    expect(ownA.body.clients.map((c) => c.id).sort()).toEqual([clientId, keyA.id].sort());
  });

  it("refuses to revoke another agency's client and audits revoking its own with the reason given, which also stops its webhooks", async () => {
    const foreign = await adminB.request('DELETE', `/api/v1/admin/api-clients/${keyA.id}`);
    expect(foreign.status).toBe(404);
    expect((await hr('/api/v1/hr/results', keyA.key)).status).toBe(200);

    const own = await adminB.request('DELETE', `/api/v1/admin/api-clients/${keyB.id}`, {
      reason: 'SIMPEG lama dihentikan',
    });
    expect(own.status).toBe(200);
    expect((await hr('/api/v1/hr/results', keyB.key)).status).toBe(401);
    const hook = await t.db
      .selectFrom('webhook_endpoints')
      .select('disabled_at')
      .where('id', '=', keyB.webhookId)
      .executeTakeFirstOrThrow();
    expect(hook.disabled_at).toBeInstanceOf(Date);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'reason', 'detail'])
      .where('action', '=', 'api_client.revoke')
      .where('target_id', 'in', [keyA.id, keyB.id])
      .execute();
    expect(audits).toEqual([
      {
        action: 'api_client.revoke',
        target_id: keyB.id,
        reason: 'SIMPEG lama dihentikan',
        detail: { name: 'SIMPEG Kabupaten B', agencyId: fixtureB.agencyId, webhooksDisabled: 1 },
      },
    ]);
  });

  it('makes a platform admin without an agency name the agency a new key belongs to', async () => {
    const platform = await loggedIn(url, (await addStaffUser(t.db, ['admin'], null)).username);
    const unnamed = await platform.request('POST', '/api/v1/admin/api-clients', {
      name: 'SIMPEG tanpa instansi',
    });
    expect(unnamed.status).toBe(400);
    const named = await platform.request<Created>('POST', '/api/v1/admin/api-clients', {
      name: 'SIMPEG Kabupaten B (2)',
      agencyId: fixtureB.agencyId,
    });
    expect(named.status).toBe(200);
    const page = await hr('/api/v1/hr/results?pageSize=500', named.body.apiKey);
    expect(page.body.results?.map((r) => r.resultId).sort()).toEqual(scoredB.map((r) => r.resultId).sort());
  });

  it('offers a platform admin every agency to choose from, and an agency admin only their own', async () => {
    type Agencies = { agencies: { id: string; code: string; name: string }[] };
    const names = new Map(
      (await t.db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name]),
    );
    const platform = await loggedIn(url, (await addStaffUser(t.db, ['admin'], null)).username);
    const all = await platform.request<Agencies>('GET', '/api/v1/admin/agencies');
    expect(all.status).toBe(200);
    expect(all.body.agencies.map((a) => a.id).sort()).toEqual([...names.keys()].sort());
    expect(all.body.agencies.find((a) => a.id === fixtureB.agencyId)?.name).toBe(
      names.get(fixtureB.agencyId),
    );
    const own = await adminB.request<Agencies>('GET', '/api/v1/admin/agencies');
    expect(own.body.agencies.map((a) => a.id)).toEqual([fixtureB.agencyId]);

    // The platform admin's list of every agency's clients names each client's agency.
    const listed = await platform.request<{ clients: { agencyId: string; agencyName: string }[] }>(
      'GET',
      '/api/v1/admin/api-clients',
    );
    expect(new Set(listed.body.clients.map((c) => c.agencyId))).toEqual(
      new Set([fixture.agencyId, fixtureB.agencyId]),
    );
    for (const c of listed.body.clients) expect(c.agencyName).toBe(names.get(c.agencyId));
  });
});
