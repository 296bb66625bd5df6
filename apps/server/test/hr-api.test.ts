// The HR results API: API key required, published results only, pages, validity period; signed
// publication webhooks retried after a failure.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const deliveries: Delivery[] = [];

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
    const clients = await t.db.selectFrom('api_clients').select('id').execute();
    const res = await admin.request('DELETE', `/api/v1/admin/api-clients/${clients[0]?.id ?? ''}`);
    expect(res.status).toBe(200);
    expect((await hr('/api/v1/hr/results', apiKey)).status).toBe(401);
  });
});
