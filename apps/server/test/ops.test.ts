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
import { startOwnedRedis, type OwnedRedis } from '../../../loadtests/src/harness/redis-server.ts';
import { startTcpProxy } from '../../../loadtests/src/harness/tcp-proxy.ts';
import { loadServerConfig } from '../src/config.ts';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture } from './fixtures.ts';
import { connectExam, loginOk, nextEvent, sleep, startTestServer } from './harness.ts';

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

interface Readiness {
  status: number;
  body: { ok: boolean; checks: Record<string, string> };
}

async function readiness(base: string): Promise<Readiness> {
  const res = await fetch(`${base}/ready`);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
}

/** Asks /ready until it answers the wanted status (a client reconnects with a backoff). */
async function readinessUntil(base: string, status: number, timeoutMs = 15_000): Promise<Readiness> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await readiness(base);
    if (r.status === status || Date.now() > until) return r;
    await sleep(100);
  }
}

const ALL_READY = { ok: true, checks: { postgres: 'ok', redis: 'ok', accepting: 'ok' } };

/** /ready answers 503 with the failure of this one dependency, and every other check ok. */
async function expectDownOnly(base: string, dependency: 'postgres' | 'redis'): Promise<void> {
  const down = await readiness(base);
  expect(down).toEqual({
    status: 503,
    body: { ok: false, checks: { ...ALL_READY.checks, [dependency]: expect.stringMatching(/\S/) } },
  });
  expect(down.body.checks[dependency]).not.toBe('ok');
}

/** One sample of the Prometheus text format; 0 when the series has not been written yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

const metricsText = async () => (await fetch(`${url}/metrics`)).text();

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

  /** A server of its own on a test-owned redis-server, killed with kill -9 before `then` runs. */
  async function withRedisKilled(
    then: (own: Awaited<ReturnType<typeof startTestServer>>, owned: OwnedRedis) => Promise<void>,
  ): Promise<void> {
    const owned = await startOwnedRedis();
    let own: Awaited<ReturnType<typeof startTestServer>> | undefined;
    try {
      own = await startTestServer(tdb, prefix, { REDIS_URL: owned.url });
      expect((await readiness(own.url)).status).toBe(200);
      await owned.kill9();
      await expectDownOnly(own.url, 'redis');
      const running = own;
      own = undefined;
      await then(running, owned).finally(() => running.server.close());
    } finally {
      await own?.server.close();
      await owned.destroy();
    }
  }

  it('answers /ready with 503 naming Redis while Redis is unreachable, and 200 once it is back', async () => {
    await withRedisKilled(async (own, owned) => {
      await owned.restart();
      expect((await readinessUntil(own.url, 200)).body).toEqual(ALL_READY);
    });
  }, 60_000);

  it('shuts down within the grace period while Redis is down and its queue workers are reconnecting', async () => {
    await withRedisKilled(async (own) => {
      const started = Date.now();
      await own.server.close();
      // close-with-grace kills the process after 10 s; a shutdown must finish well before.
      expect(Date.now() - started).toBeLessThan(9_000);
    });
  }, 60_000);

  it('answers /ready with 503 naming Postgres while Postgres is unreachable, and 200 once it is back', async () => {
    const target = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const throughProxy = new URL(target);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    let own: Awaited<ReturnType<typeof startTestServer>> | undefined;
    try {
      own = await startTestServer(tdb, prefix, { DATABASE_URL: throughProxy.toString() });
      expect((await readiness(own.url)).status).toBe(200);
      await proxy.cut();
      await expectDownOnly(own.url, 'postgres');
      await proxy.restore();
      expect((await readinessUntil(own.url, 200)).body).toEqual(ALL_READY);
    } finally {
      await own?.server.close();
      await proxy.close();
    }
  }, 60_000);

  it('counts a connected participant in its session, and an acknowledged answer with its latency', async () => {
    const fixture = await createExamFixture(tdb.db);
    const session = await fixture.addSession({ participants: 1 });
    await prepareSession(server.ctx, session.sessionId);
    const p = session.participants[0]!;
    const deviceId = `device-${randomUUID()}`;
    const roomToken = (await server.ctx.roomTokens.state(session.sessionId, Date.now())).current;
    const res = await loginOk(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
    const connected = { session: session.sessionId };
    const answer = { kind: 'answer' };
    const fresh = { kind: 'answer', duplicate: 'false' };
    const resent = { kind: 'answer', duplicate: 'true' };

    const before = await metricsText();
    expect(sample(before, 'petakom_connected_participants', connected)).toBe(0);
    const socket = await connectExam(url, res.accessToken, deviceId);
    try {
      const online = await metricsText();
      expect(sample(online, 'petakom_connected_participants', connected)).toBe(1);

      await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
      const itemId = fixture.sections['potensi']![0]!;
      expect(await socket.emitWithAck('answer', { itemId, value: 'B', seq: 1 })).toMatchObject({ ok: true });
      const answered = await metricsText();
      const moved = (text: string, name: string, labels: Record<string, string>) =>
        sample(text, name, labels) - sample(before, name, labels);
      expect(moved(answered, 'petakom_answers_acknowledged_total', fresh)).toBe(1);
      expect(moved(answered, 'petakom_answer_ack_seconds_count', answer)).toBe(1);
      expect(moved(answered, 'petakom_answer_ack_seconds_bucket', { ...answer, le: '+Inf' })).toBe(1);
      expect(moved(answered, 'petakom_answer_ack_seconds_sum', answer)).toBeGreaterThan(0);

      expect(await socket.emitWithAck('answer', { itemId, value: 'B', seq: 1 })).toMatchObject({
        duplicate: true,
      });
      const resend = await metricsText();
      expect(moved(resend, 'petakom_answers_acknowledged_total', fresh)).toBe(1);
      expect(moved(resend, 'petakom_answers_acknowledged_total', resent)).toBe(1);
      expect(moved(resend, 'petakom_answer_ack_seconds_count', answer)).toBe(2);
    } finally {
      socket.close();
    }
    const until = Date.now() + 5000;
    let after = await metricsText();
    while (sample(after, 'petakom_connected_participants', connected) !== 0 && Date.now() < until) {
      await sleep(50);
      after = await metricsText();
    }
    expect(sample(after, 'petakom_connected_participants', connected)).toBe(0);
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
    const used = Number(/^petakom_redis_memory_bytes\{kind="used"\} (\d+)$/m.exec(body)?.[1]);
    const info = Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1]);
    // The same Redis, read a moment apart: within a few percent.
    expect(used).toBeGreaterThan(0);
    expect(Math.abs(used - info) / info).toBeLessThan(0.2);
    expect(body).toMatch(/^petakom_redis_memory_bytes\{kind="max"\} \d+$/m);
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
