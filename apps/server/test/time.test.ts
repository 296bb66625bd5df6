import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { parseAnswerLogEntry } from '@petakom/exam-store';
import type { TimeChanged } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import {
  connectExam,
  connectProctor,
  loginOk,
  nextEvent,
  sleep,
  startTestServer,
  type ExamClient,
  type ProctorClient,
} from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let fixture: ExamFixture;
let session: FixtureSession;
let proctor: ProctorClient;
const prefix = uniqueRedisPrefix('server-time');
const sockets: ExamClient[] = [];

async function enter(index: number) {
  const p = session.participants[index]!;
  const deviceId = `device-${randomUUID()}`;
  const roomToken = (await server.ctx.roomTokens.state(session.sessionId, Date.now())).current;
  const res = await loginOk(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
  const socket = await connectExam(url, res.accessToken, deviceId);
  sockets.push(socket);
  return { socket, attemptId: res.attempt.attemptId };
}

beforeAll(async () => {
  tdb = await createTestDatabase('server-time');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  // one-second sections so deadlines pass within a test
  fixture = await createExamFixture(tdb.db, { timeLimitSec: 1 });
  session = await fixture.addSession({ participants: 6 });
  ({ server, url } = await startTestServer(tdb, prefix));
  await prepareSession(server.ctx, session.sessionId);
  const staffId = await fixture.addProctor([session.sessionId]);
  proctor = await connectProctor(
    url,
    await server.ctx.tokens.signStaff({ staffUserId: staffId, roles: ['proctor'] }),
  );
  const joined = await proctor.emitWithAck('room:join', { sessionId: session.sessionId });
  if (!joined.ok) throw new Error(joined.error.code);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  proctor?.close();
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('server time', () => {
  it('rejects an answer after the section deadline with SECTION_CLOSED and does not store it', async () => {
    const { socket, attemptId } = await enter(0);
    await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    await sleep(1100);
    const itemId = fixture.sections['potensi']![0]!;
    expect(await socket.emitWithAck('answer', { itemId, value: 'A', seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'SECTION_CLOSED' },
    });
    expect((await server.ctx.store.readAttempt(attemptId))?.answers).toEqual({});
  });

  it('the sweep closes an abandoned attempt section by section and tells nobody twice', async () => {
    const { socket, attemptId } = await enter(1);
    await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    socket.close();
    await sleep(1100);
    expect(await server.sweep.runOnce()).toBeGreaterThanOrEqual(1);
    const record = await server.ctx.store.readAttempt(attemptId);
    expect(record?.sections[0]?.status).toBe('closed');
    expect(record?.status).toBe('in_progress');
    // The session's end closes the rest even though the participant never comes back.
    await redis.hset(server.ctx.store.keys.attempt(attemptId), 'end', String(Date.now() - 1000));
    await redis.zadd(server.ctx.store.keys.dueOf(attemptId), 0, attemptId);
    await server.sweep.runOnce();
    expect((await server.ctx.store.readAttempt(attemptId))?.status).toBe('timed_out');
    const closes = (await redis.xrange(server.ctx.store.keys.streamOf(attemptId), '-', '+'))
      .map(([, f]) => parseAnswerLogEntry(f))
      .filter((e) => e.attemptId === attemptId && e.kind === 'attempt_closed');
    expect(closes).toHaveLength(1);
    expect(closes[0]?.extra).toEqual({ status: 'timed_out', reason: 'deadline' });
  });

  it('tells a connected participant when the sweep closes their section', async () => {
    const { socket } = await enter(2);
    await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    const closed = nextEvent(socket, 'section:closed');
    await sleep(1100);
    await server.sweep.runOnce();
    expect(await closed).toEqual({ sectionKey: 'potensi', reason: 'deadline' });
  });

  it('pause and resume move the deadline by the paused time and reach the browser at once', async () => {
    const { socket, attemptId } = await enter(3);
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    await server.ctx.store.extend(attemptId, 60_000);
    const paused = nextEvent<TimeChanged>(socket, 'time:changed');
    expect(
      await proctor.emitWithAck('room:pause', { sessionId: session.sessionId, reason: 'listrik padam' }),
    ).toEqual({ ok: true });
    const p = await paused;
    expect(p).toMatchObject({ reason: 'pause', paused: true, message: 'listrik padam' });
    // A reload during the pause learns when it began, so the clock shown stands still there.
    const during = await socket.emitWithAck('attempt:resume', {});
    if (!during.ok) throw new Error(during.error.code);
    expect(during.state.paused).toBe(true);
    expect(during.state.pausedAt).toBeGreaterThan(0);
    expect(during.state.pausedAt).toBeLessThanOrEqual(p.serverTime);
    const itemId = fixture.sections['potensi']![0]!;
    expect(await socket.emitWithAck('answer', { itemId, value: 'A', seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'ATTEMPT_PAUSED' },
    });
    await sleep(200);
    const resumed = nextEvent<TimeChanged>(socket, 'time:changed');
    expect(
      await proctor.emitWithAck('room:resume', {
        sessionId: session.sessionId,
        reason: 'listrik menyala',
      }),
    ).toEqual({ ok: true });
    const r = await resumed;
    expect(r).toMatchObject({ reason: 'resume', paused: false });
    expect(r.message).toBeUndefined();
    const before = p.sections[0]!.deadline!;
    const after = r.sections[0]!.deadline!;
    expect(after - before).toBeGreaterThanOrEqual(200);
    expect(await socket.emitWithAck('answer', { itemId, value: 'A', seq: 1 })).toMatchObject({ ok: true });
  });

  it('extra time from the proctor moves the deadline, reaches the browser and is audited', async () => {
    const { socket, attemptId } = await enter(4);
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    const changed = nextEvent<TimeChanged>(socket, 'time:changed');
    expect(
      await proctor.emitWithAck('seat:extend', { attemptId, minutes: 5, reason: 'komputer mati' }),
    ).toEqual({ ok: true });
    const c = await changed;
    expect(c.reason).toBe('extend');
    expect(c.sections[0]!.deadline).toBe(started.section.deadline + 5 * 60_000);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', attemptId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['seat.extend']);
  });

  it('a proctor force-finish closes the attempt and tells the participant', async () => {
    const { socket, attemptId } = await enter(5);
    const closed = nextEvent(socket, 'attempt:closed');
    expect(await proctor.emitWithAck('seat:force-finish', { attemptId, reason: 'kecurangan' })).toEqual({
      ok: true,
    });
    expect(await closed).toEqual({ status: 'force_finished', reason: 'proctor' });
    expect(
      await socket.emitWithAck('answer', { itemId: fixture.sections['potensi']![0]!, value: 'A', seq: 9 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ATTEMPT_FINISHED' },
    });
  });

  it('a proctor sees seats and the room token, and may not act on other rooms', async () => {
    const joined = await proctor.emitWithAck('room:join', { sessionId: session.sessionId });
    if (!joined.ok) throw new Error(joined.error.code);
    expect(joined.room.seats).toHaveLength(6);
    expect(joined.room.roomToken).toMatch(/^[A-Z2-9]{6}$/);
    const other = await fixture.addSession({ participants: 1 });
    expect(await proctor.emitWithAck('room:join', { sessionId: other.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
