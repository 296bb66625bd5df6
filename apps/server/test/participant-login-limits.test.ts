// Participant login limits that need their own server configuration: the per-address rate limit
// (low here) and room tokens that rotate every few seconds with a short grace for the previous one.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { LOGIN_PER_NIP_PER_MINUTE } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type FixtureSession } from './fixtures.ts';
import { sleep, startTestServer, type LoginBody } from './harness.ts';

const PER_IP = 5;
const PERIOD_MS = 4000;
const GRACE_MS = 2000;

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let session: FixtureSession;
const prefix = uniqueRedisPrefix('server-login-limits');
let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

beforeAll(async () => {
  tdb = await createTestDatabase('server-login-limits');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const fixture = await createExamFixture(tdb.db);
  session = await fixture.addSession({ participants: 10 });
  ({ server, url } = await startTestServer(tdb, prefix, {
    LOGIN_PER_IP_PER_MINUTE: String(PER_IP),
    ROOM_TOKEN_PERIOD_SEC: String(PERIOD_MS / 1000),
    ROOM_TOKEN_GRACE_SEC: String(GRACE_MS / 1000),
  }));
  await prepareSession(server.ctx, session.sessionId);
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

/** Logs in from the given address (the server trusts X-Forwarded-For, as behind its proxy). */
async function loginFrom(ip: string, body: LoginBody) {
  const res = await fetch(`${url}/api/v1/participant/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; error?: { code: string } },
  };
}

function credentials(index: number, roomToken: string, deviceId = `device-limits-${index}`): LoginBody {
  const p = session.participants[index];
  if (!p) throw new Error('no such participant');
  return { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId };
}

async function currentToken(): Promise<string> {
  return (await server.ctx.roomTokens.state(session.sessionId, Date.now())).current;
}

/** Every key under the test's prefix with its content, except the named ones. */
async function redisSnapshot(except: readonly string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      if (except.includes(key)) continue;
      const type = await redis.type(key);
      if (type === 'hash') out[key] = await redis.hgetall(key);
      else if (type === 'string') out[key] = await redis.get(key);
      else if (type === 'stream') out[key] = await redis.xrange(key, '-', '+');
      else if (type === 'zset') out[key] = await redis.zrange(key, 0, -1, 'WITHSCORES');
      else if (type === 'set') out[key] = (await redis.smembers(key)).sort();
      else if (type === 'list') out[key] = await redis.lrange(key, 0, -1);
      else out[key] = type;
    }
  } while (cursor !== '0');
  return out;
}

/** Waits until the room token has just rotated on its own; returns the token it replaced. */
async function justAfterRotation(): Promise<{ old: string; rotatedAt: number }> {
  const before = await server.ctx.roomTokens.state(session.sessionId, Date.now());
  if (before.rotatesAt === null) throw new Error('room tokens do not rotate on their own');
  await sleep(before.rotatesAt - Date.now() + 100);
  return { old: before.current, rotatedAt: before.rotatesAt };
}

describe('participant login limits', () => {
  it('refuses logins of many NIPs from one address with RATE_LIMITED once over the limit, changing nothing', async () => {
    const ip = freshIp();
    const token = await currentToken();
    for (let i = 0; i < PER_IP; i++) {
      expect((await loginFrom(ip, credentials(i, token))).status).toBe(200);
    }
    const ipKey = server.ctx.store.keys.rate(`login:ip:${ip}`);
    const before = await redisSnapshot([ipKey]);

    const right = await loginFrom(ip, credentials(PER_IP, token));
    expect(right).toEqual({
      status: 429,
      body: { ok: false, error: { code: 'RATE_LIMITED', message: expect.any(String) } },
    });
    // A wrong code is refused for the rate, not judged (and not counted as a failed login).
    const wrong = await loginFrom(ip, { ...credentials(PER_IP + 1, token), accessCode: 'WRONG1' });
    expect(wrong).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });

    // No device claimed, no per-NIP count, no failed-login count, no incident: only the address count.
    expect(await redisSnapshot([ipKey])).toEqual(before);
    expect(Number(await redis.get(ipKey))).toBe(PER_IP + 2);
    const refusedNip = credentials(PER_IP, token).nip;
    expect(await redis.exists(server.ctx.store.keys.rate(`login:nip:${refusedNip}`))).toBe(0);

    // The limit is the address's: the same participant gets in from another one.
    const elsewhere = await loginFrom(freshIp(), credentials(PER_IP, token));
    expect(elsewhere).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('refuses one NIP tried from many addresses with RATE_LIMITED once over its own limit', async () => {
    const token = await currentToken();
    const wrong = { ...credentials(9, token), accessCode: 'WRONG9' };
    for (let i = 0; i < LOGIN_PER_NIP_PER_MINUTE; i++) {
      const r = await loginFrom(freshIp(), wrong);
      expect(r.body.error?.code).toBe('INVALID_CREDENTIALS');
    }
    // Even the right code waits for the window: guessing from many machines buys nothing.
    const right = await loginFrom(freshIp(), credentials(9, token));
    expect(right).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    // Another participant from the same last address is not held back.
    const other = await loginFrom(`198.51.100.${ipCounter - 1}`, credentials(8, token));
    expect(other).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('accepts the previous room token just after it rotated and refuses it with ROOM_TOKEN_INVALID once the grace has passed', async () => {
    const { old, rotatedAt } = await justAfterRotation();
    const fresh = await currentToken();
    expect(fresh).not.toBe(old);
    const inGrace = await loginFrom(freshIp(), credentials(7, old));
    expect(inGrace).toMatchObject({ status: 200, body: { ok: true } });

    await sleep(rotatedAt + GRACE_MS + 200 - Date.now());
    const late = await loginFrom(freshIp(), credentials(7, old));
    expect(late).toEqual({
      status: 401,
      body: { ok: false, error: { code: 'ROOM_TOKEN_INVALID', message: expect.any(String) } },
    });
    const current = await loginFrom(freshIp(), credentials(7, await currentToken()));
    expect(current).toMatchObject({ status: 200, body: { ok: true } });
  }, 20_000);

  it('refuses the token a proctor rotated away with ROOM_TOKEN_INVALID once the grace has passed', async () => {
    // Right after an automatic rotation, so the next one cannot fall inside this test's grace.
    await justAfterRotation();
    const before = await currentToken();
    const rotated = await server.ctx.roomTokens.rotate(session.sessionId, Date.now());
    expect(rotated.previous).toBe(before);
    const inGrace = await loginFrom(freshIp(), credentials(8, before));
    expect(inGrace).toMatchObject({ status: 200, body: { ok: true } });

    await sleep(GRACE_MS + 200);
    const late = await loginFrom(freshIp(), credentials(8, before));
    expect(late).toMatchObject({ status: 401, body: { ok: false, error: { code: 'ROOM_TOKEN_INVALID' } } });
    const current = await loginFrom(freshIp(), credentials(8, rotated.current));
    expect(current).toMatchObject({ status: 200, body: { ok: true } });
  }, 20_000);
});
