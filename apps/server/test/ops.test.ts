import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../src/config.ts';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture } from './fixtures.ts';
import { connectExam, loginOk, nextEvent, startTestServer } from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
const prefix = uniqueRedisPrefix('server-ops');
const webDist = mkdtempSync(join(tmpdir(), 'petakom-web-'));

beforeAll(async () => {
  tdb = await createTestDatabase('server-ops');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>petakom</title>');
  ({ server, url } = await startTestServer(tdb, prefix, { WEB_DIST: webDist }));
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
  rmSync(webDist, { recursive: true, force: true });
});

describe('operations', () => {
  it('reports health, and readiness with Postgres and Redis checked', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      checks: { postgres: 'ok', redis: 'ok', accepting: 'ok' },
    });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${url}/health`, { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await fetch(`${url}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes the exam metrics for Prometheus', async () => {
    const body = await (await fetch(`${url}/metrics`)).text();
    for (const name of [
      'petakom_connected_participants',
      'petakom_answers_acknowledged_total',
      '# TYPE petakom_answer_ack_seconds histogram',
      'petakom_answer_log_lag',
      'petakom_queue_depth{queue="scoring"}',
      'petakom_due_attempts',
    ]) {
      expect(body).toContain(name);
    }
  });

  it('serves the web app with an index.html fallback, but never for API paths', async () => {
    const page = await fetch(`${url}/ujian/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>petakom</title>');
    const api = await fetch(`${url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses bad configuration with one clear message', () => {
    expect(() => loadServerConfig({ PORT: 'abc' })).toThrow(/^invalid server configuration: PORT/);
    expect(() => loadServerConfig({ NODE_ENV: 'production' })).toThrow(
      'PETAKOM_SECRET: required in production',
    );
  });

  it('on shutdown tells connected participants to reconnect elsewhere and stops being ready', async () => {
    const own = await startTestServer(tdb, prefix);
    const fixture = await createExamFixture(tdb.db);
    const session = await fixture.addSession({ participants: 1 });
    await prepareSession(own.server.ctx, session.sessionId);
    const p = session.participants[0]!;
    const deviceId = `device-${randomUUID()}`;
    const roomToken = (await own.server.ctx.roomTokens.state(session.sessionId, Date.now())).current;
    const res = await loginOk(own.url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
    const socket = await connectExam(own.url, res.accessToken, deviceId);
    const notice = nextEvent(socket, 'server:shutdown');
    const disconnected = nextEvent(socket, 'disconnect');
    const closing = own.server.close();
    expect(await notice).toEqual({ reconnectAfterMs: 1000 });
    await disconnected;
    await closing;
    expect(own.server.ctx.accepting).toBe(false);
    socket.close();
  });
});
