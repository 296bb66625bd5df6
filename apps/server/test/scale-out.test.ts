// Two real server processes (child processes) sharing Redis and Postgres through the socket.io Redis
// adapter: any process serves any participant, and proctors see seats served by the other one.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { ExamStore } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomTokens } from '../src/auth/room-token.ts';
import { TokenService } from '../src/auth/tokens.ts';
import { prepareSession } from '../src/exam/prepare.service.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import {
  connectExam,
  connectProctor,
  loginOk,
  nextEvent,
  sleep,
  testEnv,
  waitForSeat,
  type ExamClient,
  type ProctorClient,
} from './harness.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const prefix = uniqueRedisPrefix('server-scale');
let tdb: TestDatabase;
let redis: Redis;
let store: ExamStore;
let fixture: ExamFixture;
let session: FixtureSession;
const children: ChildProcess[] = [];
const clients: (ExamClient | ProctorClient)[] = [];
let urlA: string;
let urlB: string;
let childB: ChildProcess;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startChild(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...testEnv(tdb, prefix, { PORT: String(port), LOG_LEVEL: 'warn' }) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('server did not become ready');
}

beforeAll(async () => {
  tdb = await createTestDatabase('server-scale');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  store = new ExamStore(redis, { prefix, shards: 4 });
  fixture = await createExamFixture(tdb.db);
  session = await fixture.addSession({ participants: 2 });
  await prepareSession({ db: tdb.db, store }, session.sessionId);
  const [a, b] = await Promise.all([startChild(), startChild()]);
  urlA = a.url;
  urlB = b.url;
  childB = b.child;
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          if (!child.killed) child.kill('SIGTERM');
        }),
    ),
  );
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('two server processes', () => {
  it('a participant who reconnects to the other process resumes exactly, and the proctor on one sees seats on the other', async () => {
    const env = testEnv(tdb, prefix);
    const secret = env['PETAKOM_SECRET']!;
    const roomTokens = new RoomTokens(redis, (id) => store.keys.session(id), {
      secret,
      periodMs: 900_000,
      graceMs: 120_000,
    });
    const tokens = new TokenService(secret, 3600);
    const staffId = await fixture.addProctor([session.sessionId]);

    const proctor = await connectProctor(
      urlA,
      await tokens.signStaff({ staffUserId: staffId, roles: ['proctor'] }),
    );
    clients.push(proctor);
    const joined = await proctor.emitWithAck('room:join', { sessionId: session.sessionId });
    if (!joined.ok) throw new Error(joined.error.code);
    expect(joined.room.seats.every((s) => !s.online)).toBe(true);

    const p = session.participants[0]!;
    const deviceId = `device-${randomUUID()}`;
    const roomToken = (await roomTokens.state(session.sessionId, Date.now())).current;
    const res = await loginOk(urlB, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
    const attemptId = res.attempt.attemptId;

    const seenOnline = waitForSeat(proctor, (seat) => seat.attemptId === attemptId && seat.online);
    const onB = await connectExam(urlB, res.accessToken, deviceId);
    clients.push(onB);
    expect((await seenOnline).attemptId).toBe(attemptId);
    const rejoined = await proctor.emitWithAck('room:join', { sessionId: session.sessionId });
    if (!rejoined.ok) throw new Error(rejoined.error.code);
    expect(rejoined.room.seats.find((s) => s.attemptId === attemptId)?.online).toBe(true);

    const started = await onB.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    const [i1, i2] = started.section.order.map((o) => o.itemId);
    expect(await onB.emitWithAck('answer', { itemId: i1!, value: 'A', seq: 1 })).toMatchObject({ ok: true });
    expect(await onB.emitWithAck('flag', { itemId: i2!, doubtful: true, seq: 2 })).toMatchObject({
      ok: true,
    });
    const before = await onB.emitWithAck('attempt:resume', {});
    if (!before.ok) throw new Error(before.error.code);
    onB.close();

    const onA = await connectExam(urlA, res.accessToken, deviceId);
    clients.push(onA);
    const after = await onA.emitWithAck('attempt:resume', {});
    if (!after.ok) throw new Error(after.error.code);
    const { serverTime: _a, ...stateBefore } = before.state;
    const { serverTime: _b, ...stateAfter } = after.state;
    expect(stateAfter).toEqual(stateBefore);
    expect(await onA.emitWithAck('answer', { itemId: i1!, value: 'A', seq: 1 })).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(await onA.emitWithAck('answer', { itemId: i1!, value: 'B', seq: 3 })).toMatchObject({
      ok: true,
      duplicate: false,
    });
  });

  it('a process told to stop tells its participants to reconnect elsewhere, and the other keeps serving them', async () => {
    const env = testEnv(tdb, prefix);
    const secret = env['PETAKOM_SECRET']!;
    const roomTokens = new RoomTokens(redis, (id) => store.keys.session(id), {
      secret,
      periodMs: 900_000,
      graceMs: 120_000,
    });
    const p = session.participants[1]!;
    const deviceId = `device-${randomUUID()}`;
    const roomToken = (await roomTokens.state(session.sessionId, Date.now())).current;
    const res = await loginOk(urlB, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
    const onB = await connectExam(urlB, res.accessToken, deviceId);
    clients.push(onB);
    await onB.emitWithAck('section:start', { sectionKey: 'potensi' });
    const shutdown = nextEvent(onB, 'server:shutdown');
    childB.kill('SIGTERM');
    expect(await shutdown).toEqual({ reconnectAfterMs: 1000 });
    const onA = await connectExam(urlA, res.accessToken, deviceId);
    clients.push(onA);
    const resumed = await onA.emitWithAck('attempt:resume', {});
    expect(resumed).toMatchObject({ ok: true, state: { currentSection: 'potensi', status: 'in_progress' } });
  });
});
