// Hostile clients: malformed, oversized and wrongly typed payloads, foreign item ids, replays and
// floods. The server answers each with a stable error code, keeps running, and state is unchanged.
import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { ERROR_CODES, examEventSchemas, type ErrorReply } from '@petakom/protocol';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import { connectExam, login, loginOk, sleep, startTestServer, type ExamClient } from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let fixture: ExamFixture;
let foreign: ExamFixture;
let session: FixtureSession;
let accessToken: string;
let deviceId: string;
let attemptId: string;
const prefix = uniqueRedisPrefix('server-fuzz');
const sockets: ExamClient[] = [];
const codes = new Set<string>(ERROR_CODES);

function isStableError(reply: unknown): reply is ErrorReply {
  const r = reply as ErrorReply;
  return r?.ok === false && codes.has(r.error?.code) && typeof r.error.message === 'string';
}

async function open(): Promise<ExamClient> {
  const socket = await connectExam(url, accessToken, deviceId);
  sockets.push(socket);
  return socket;
}

/** Emits an arbitrary event with arbitrary arguments, as a hostile client can. */
function rawEmit(socket: ExamClient, event: string, ...args: unknown[]): Promise<unknown> {
  return (
    socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    }
  )
    .timeout(5000)
    .emitWithAck(event, ...args);
}

/** What the server receives for a payload: socket.io's JSON encoding drops undefined, NaN, etc. */
function asSent(payload: unknown): unknown {
  const json = JSON.stringify(payload);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

/** Sends without asking for an acknowledgement. */
function rawSend(socket: ExamClient, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
}

async function stateOf(): Promise<{ attempt: Record<string, string>; stream: number }> {
  return {
    attempt: await redis.hgetall(server.ctx.store.keys.attempt(attemptId)),
    stream: await redis.xlen(server.ctx.store.keys.streamOf(attemptId)),
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase('server-fuzz');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  fixture = await createExamFixture(tdb.db);
  foreign = await createExamFixture(tdb.db);
  session = await fixture.addSession({ participants: 2 });
  ({ server, url } = await startTestServer(tdb, prefix));
  await prepareSession(server.ctx, session.sessionId);
  const p = session.participants[0]!;
  deviceId = `device-${randomUUID()}`;
  const roomToken = (await server.ctx.roomTokens.state(session.sessionId, Date.now())).current;
  const res = await loginOk(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
  accessToken = res.accessToken;
  attemptId = res.attempt.attemptId;
  const socket = await open();
  await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
  // One real answer, so replays below have something to repeat.
  await socket.emitWithAck('answer', { itemId: fixture.sections['potensi']![0]!, value: 'C', seq: 1 });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('fuzzing the exam namespace', () => {
  it('answers every malformed payload of every event with a stable code and changes nothing', async () => {
    const before = await stateOf();
    for (const [event, schema] of Object.entries(examEventSchemas)) {
      // A fresh socket per event keeps the per-socket rate limit out of the way of validation.
      const socket = await open();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            fc.record({ itemId: fc.anything(), value: fc.anything(), seq: fc.anything() }),
            fc.record({ sectionKey: fc.anything() }),
            fc.record({ kind: fc.string(), at: fc.anything() }),
          ),
          async (payload) => {
            // Judge the payload as the server will see it: socket.io sends JSON, so `{ a: undefined }`
            // arrives as `{}`, which is a valid `attempt:finish` and would really finish the attempt.
            fc.pre(!schema.safeParse(asSent(payload)).success);
            const reply = await rawEmit(socket, event, payload);
            expect(isStableError(reply)).toBe(true);
          },
        ),
        { numRuns: 30 },
      );
      socket.close();
    }
    expect(await stateOf()).toEqual(before);
  });

  it('refuses foreign item ids, closed sections, replays and oversized payloads without changing state', async () => {
    const socket = await open();
    const before = await stateOf();
    const foreignItem = foreign.sections['potensi']![0]!;
    const notStarted = fixture.sections['sjt']![0]!;
    const answered = fixture.sections['potensi']![0]!;
    const cases: [string, unknown, string][] = [
      ['answer', { itemId: foreignItem, value: 'A', seq: 10 }, 'ITEM_NOT_IN_SECTION'],
      ['answer', { itemId: randomUUID(), value: 'A', seq: 10 }, 'ITEM_NOT_IN_SECTION'],
      ['flag', { itemId: foreignItem, doubtful: true, seq: 10 }, 'ITEM_NOT_IN_SECTION'],
      ['answer', { itemId: notStarted, value: 'A', seq: 10 }, 'SECTION_NOT_STARTED'],
      ['answer', { itemId: answered, value: 'E', seq: 1 }, 'STALE_SEQUENCE'],
      ['answer', { itemId: answered, value: 7, seq: 11 }, 'INVALID_VALUE'],
      ['section:start', { sectionKey: 'self' }, 'SECTION_OUT_OF_ORDER'],
      ['section:start', { sectionKey: 'no-such-section' }, 'NOT_FOUND'],
      ['section:finish', { sectionKey: 'sjt' }, 'SECTION_NOT_STARTED'],
      ['answer', { itemId: answered, value: 'C', seq: 1, padding: 'x'.repeat(10_000) }, 'PAYLOAD_TOO_LARGE'],
      ['no:such:event', {}, 'VALIDATION'],
    ];
    for (const [event, payload, code] of cases) {
      expect(await rawEmit(socket, event, payload), `${event} ${code}`).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(await rawEmit(socket, 'answer', { itemId: answered, value: 'C', seq: 1 }, 'extra')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    for (let i = 0; i < 20; i++) {
      expect(await socket.emitWithAck('answer', { itemId: answered, value: 'C', seq: 1 })).toMatchObject({
        ok: true,
        duplicate: true,
      });
    }
    // No acknowledgement asked: nothing to answer, nothing stored.
    rawSend(socket, 'answer', { itemId: answered, value: 'D', seq: 50 });
    await sleep(100);
    const after = await stateOf();
    expect(after.stream).toBe(before.stream);
    expect(after.attempt).toEqual(before.attempt);
  });

  it('rate-limits a flood with RATE_LIMITED and keeps serving everyone else', async () => {
    const socket = await open();
    const replies = await Promise.all(
      Array.from({ length: 150 }, () => socket.timeout(5000).emitWithAck('time:sync', { clientTime: 1 })),
    );
    expect(replies.every((r) => r.ok || isStableError(r))).toBe(true);
    expect(replies.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED').length).toBeGreaterThan(50);
    const other = await open();
    expect(await other.emitWithAck('time:sync', { clientTime: 2 })).toMatchObject({ ok: true });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('closes the connection of a message beyond the transport limit and keeps running', async () => {
    const socket = await open();
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    rawSend(socket, 'answer', { itemId: 'x', value: 'y'.repeat(100_000), seq: 1 });
    expect(await dropped).toBeTruthy();
    const again = await open();
    expect(await again.emitWithAck('time:sync', { clientTime: 3 })).toMatchObject({ ok: true });
  });

  it('refuses a malformed handshake with UNAUTHENTICATED', async () => {
    const socket = connect(`${url}/exam`, {
      auth: { accessToken: 42 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });
});

describe('fuzzing the login route', () => {
  it('answers random bodies with stable codes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        const r = await login(url, body as Record<string, unknown>);
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(isStableError(r.body)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses bodies over the size limit with PAYLOAD_TOO_LARGE and broken JSON with VALIDATION', async () => {
    const big = await fetch(`${url}/api/v1/participant/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nip: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const broken = await fetch(`${url}/api/v1/participant/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"nip": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rate-limits login attempts per NIP with RATE_LIMITED', async () => {
    const p = session.participants[1]!;
    const replies = [];
    for (let i = 0; i < 12; i++) {
      replies.push(
        await login(url, { nip: p.nip, accessCode: 'WRONG1', roomToken: 'ZZZZZZ', deviceId: 'device-flood' }),
      );
    }
    expect(replies.at(-1)?.status).toBe(429);
    expect(replies.at(-1)?.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
