import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { applyItemOrder, type ParticipantItem } from '@petakom/domain';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { parseAnswerLogEntry } from '@petakom/exam-store';
import { participantViewsPath, sectionViewsSchema } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import {
  connectExam,
  getRaw,
  login,
  loginOk,
  nextEvent,
  startTestServer,
  type ExamClient,
} from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let url: string;
let fixture: ExamFixture;
let session: FixtureSession;
const prefix = uniqueRedisPrefix('server-exam');
const sockets: ExamClient[] = [];

async function roomToken(sessionId: string) {
  return (await server.ctx.roomTokens.state(sessionId, Date.now())).current;
}

async function enter(
  participantIndex: number,
  s: FixtureSession = session,
  deviceId = `device-${randomUUID()}`,
) {
  const p = s.participants[participantIndex];
  if (!p) throw new Error('no such participant');
  const res = await loginOk(url, {
    nip: p.nip,
    accessCode: p.accessCode,
    roomToken: await roomToken(s.sessionId),
    deviceId,
  });
  const socket = await connectExam(url, res.accessToken, deviceId);
  sockets.push(socket);
  return { socket, attemptId: res.attempt.attemptId, deviceId, token: res.accessToken };
}

beforeAll(async () => {
  tdb = await createTestDatabase('server-exam');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  fixture = await createExamFixture(tdb.db);
  session = await fixture.addSession({ participants: 8 });
  ({ server, url } = await startTestServer(tdb, prefix));
  await prepareSession(server.ctx, session.sessionId);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('participant login', () => {
  it('gives an access token for a registered participant with the right code and room token', async () => {
    const p = session.participants[0]!;
    const r = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(session.sessionId),
      deviceId: 'device-login-1',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      attempt: {
        nip: p.nip,
        sessionId: session.sessionId,
        status: 'prepared',
        position: 'Analis',
        unit: 'Bidang Uji',
      },
    });
  });

  it('refuses a wrong access code or unknown NIP with INVALID_CREDENTIALS', async () => {
    const p = session.participants[1]!;
    const token = await roomToken(session.sessionId);
    const wrong = await login(url, {
      nip: p.nip,
      accessCode: 'WRONG1',
      roomToken: token,
      deviceId: 'device-login-2',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const unknown = await login(url, {
      nip: '199912312020121999',
      accessCode: p.accessCode,
      roomToken: token,
      deviceId: 'device-login-2',
    });
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('refuses a wrong room token with ROOM_TOKEN_INVALID and accepts the previous one during the grace', async () => {
    const p = session.participants[1]!;
    const bad = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: 'ZZZZZZ',
      deviceId: 'device-login-3',
    });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'ROOM_TOKEN_INVALID' } });
    const before = await roomToken(session.sessionId);
    const rotated = await server.ctx.roomTokens.rotate(session.sessionId, Date.now());
    expect(rotated.current).not.toBe(before);
    expect(rotated.previous).toBe(before);
    const late = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: before,
      deviceId: 'device-login-3',
    });
    expect(late.body).toMatchObject({ ok: true });
  });

  it('refuses a participant of another room with NOT_REGISTERED', async () => {
    const other = await fixture.addSession({ participants: 1 });
    const p = other.participants[0]!;
    const r = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(session.sessionId),
      deviceId: 'device-login-4',
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  it('refuses a session that is not open with SESSION_NOT_OPEN', async () => {
    const later = await fixture.addSession({
      participants: 1,
      startsAt: new Date(Date.now() + 5 * 3600_000),
      endsAt: new Date(Date.now() + 8 * 3600_000),
      status: 'scheduled',
    });
    const p = later.participants[0]!;
    const r = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(later.sessionId),
      deviceId: 'device-login-5',
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_OPEN' } });
  });

  it('locks the attempt to the first device: another device gets DEVICE_LOCKED until a proctor unlocks', async () => {
    const p = session.participants[2]!;
    const token = await roomToken(session.sessionId);
    const first = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: token,
      deviceId: 'device-first',
    });
    expect(first.body).toMatchObject({ ok: true });
    const again = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: token,
      deviceId: 'device-first',
    });
    expect(again.body).toMatchObject({ ok: true });
    const other = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: token,
      deviceId: 'device-second',
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ ok: false, error: { code: 'DEVICE_LOCKED' } });
    if (!first.body.ok) throw new Error('unreachable');
    const firstSocket = await connectExam(url, first.body.accessToken, 'device-first');
    sockets.push(firstSocket);
    const kicked = nextEvent(firstSocket, 'disconnect');
    await server.ctx.store.unlockDevice(first.body.attempt.attemptId);
    const moved = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: token,
      deviceId: 'device-second',
    });
    expect(moved.body).toMatchObject({ ok: true });
    await kicked;
    await expect(connectExam(url, first.body.accessToken, 'device-first')).rejects.toThrow('DEVICE_LOCKED');
  });

  it('refuses malformed bodies with VALIDATION', async () => {
    const r = await login(url, { nip: 123, accessCode: 'x' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a finished attempt with ATTEMPT_FINISHED', async () => {
    const { socket } = await enter(7);
    expect(await socket.emitWithAck('attempt:finish', {})).toMatchObject({ ok: true, status: 'finished' });
    const p = session.participants[7]!;
    const r = await login(url, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(session.sessionId),
      deviceId: 'device-x',
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ATTEMPT_FINISHED' } });
  });
});

describe('exam namespace', () => {
  it('refuses a connection without a valid token', async () => {
    await expect(connectExam(url, 'not-a-token', 'device-zzzzzz')).rejects.toThrow('UNAUTHENTICATED');
  });

  it('resumes with a full snapshot and sends the section as the stored order of items and options, views apart', async () => {
    const { socket, attemptId, token } = await enter(3);
    const resumed = await socket.emitWithAck('attempt:resume', {});
    if (!resumed.ok) throw new Error(resumed.error.code);
    expect(resumed.state).toMatchObject({
      attemptId,
      status: 'prepared',
      currentSection: null,
      openSection: null,
    });
    expect(resumed.state.sections.map((s) => s.key)).toEqual(['potensi', 'sjt', 'inventory', 'self']);
    // The battery's own instructions and the section kind reach the briefing screen.
    expect(resumed.state.sections[1]).toMatchObject({ kind: 'sjt', instructions: 'Kerjakan dengan jujur.' });

    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    const form = await tdb.db
      .selectFrom('attempts')
      .select('form')
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    const formSection = (
      form.form as unknown as {
        sections: { key: string; itemIds: string[]; optionOrder: Record<string, string[]> }[];
      }
    ).sections[0]!;
    // The socket carries the order only: exactly the stored form, no item content.
    expect(started.section.order).toEqual(
      formSection.itemIds.map((itemId) => ({ itemId, optionOrder: formSection.optionOrder[itemId] })),
    );
    expect(JSON.stringify(started.section)).not.toContain('pilihan');
    expect(started.section.views.batteryId).toBe(fixture.batteryId);

    const views = await getRaw(
      `${url}${participantViewsPath(fixture.batteryId, 'potensi')}?v=${started.section.views.version}`,
      { authorization: `Bearer ${token}` },
    );
    expect(views.status).toBe(200);
    const body = sectionViewsSchema.parse(JSON.parse(views.body.toString('utf8')));
    expect(body.version).toBe(started.section.views.version);
    expect(body.items.map((i) => i.id)).toEqual([...fixture.sections['potensi']!].sort());
    const json = views.body.toString('utf8');
    expect(json).not.toContain('"key"');
    expect(json).not.toContain('"weight"');

    // What the browser renders: the shared views in this participant's order.
    const shown = applyItemOrder(
      new Map(body.items.map((v) => [v.id, v as unknown as ParticipantItem])),
      started.section.order,
    );
    expect(shown.map((i) => i.id)).toEqual(formSection.itemIds);
    const first = shown[0] as unknown as { id: string; options: { id: string }[] };
    expect(first.options.map((o) => o.id)).toEqual(formSection.optionOrder[first.id]);

    const resumedOpen = await socket.emitWithAck('attempt:resume', {});
    if (!resumedOpen.ok) throw new Error(resumedOpen.error.code);
    expect(resumedOpen.state.openSection).toEqual(started.section);

    const sjt = await socket.emitWithAck('section:start', { sectionKey: 'sjt' });
    expect(sjt).toMatchObject({ ok: false, error: { code: 'SECTION_OUT_OF_ORDER' } });
  });

  it('acknowledges an answer after storing it, a resend as a duplicate, and refuses a stale sequence', async () => {
    const { socket, attemptId } = await enter(4);
    await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    const itemId = fixture.sections['potensi']![0]!;
    expect(await socket.emitWithAck('answer', { itemId, value: 'B', seq: 1 })).toEqual({
      ok: true,
      itemId,
      seq: 1,
      duplicate: false,
    });
    const stored = await server.ctx.store.readAttempt(attemptId);
    expect(stored?.answers[itemId]).toEqual({ value: 'B', seq: 1, doubtful: false });
    expect(await socket.emitWithAck('answer', { itemId, value: 'B', seq: 1 })).toEqual({
      ok: true,
      itemId,
      seq: 1,
      duplicate: true,
    });
    expect(await socket.emitWithAck('answer', { itemId, value: 'D', seq: 3 })).toMatchObject({
      ok: true,
      duplicate: false,
    });
    expect(await socket.emitWithAck('answer', { itemId, value: 'A', seq: 2 })).toMatchObject({
      ok: false,
      error: { code: 'STALE_SEQUENCE' },
    });
    expect(await socket.emitWithAck('flag', { itemId, doubtful: true, seq: 4 })).toMatchObject({ ok: true });
    expect(await socket.emitWithAck('answer', { itemId, value: 'Q', seq: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE' },
    });
    const sjtItem = fixture.sections['sjt']![0]!;
    expect(await socket.emitWithAck('answer', { itemId: sjtItem, value: 'A', seq: 6 })).toMatchObject({
      ok: false,
      error: { code: 'SECTION_NOT_STARTED' },
    });

    const resumed = await socket.emitWithAck('attempt:resume', {});
    if (!resumed.ok) throw new Error(resumed.error.code);
    expect(resumed.state.answers[itemId]).toEqual({ value: 'D', seq: 4, doubtful: true });
    expect(resumed.state.openSection?.key).toBe('potensi');

    const shard = server.ctx.store.keys.shardOf(attemptId);
    const entries = (await redis.xrange(server.ctx.store.keys.stream(shard), '-', '+'))
      .map(([, f]) => parseAnswerLogEntry(f))
      .filter((e) => e.attemptId === attemptId && (e.kind === 'answer' || e.kind === 'flag'));
    expect(entries.map((e) => [e.kind, e.seq])).toEqual([
      ['answer', 1],
      ['answer', 3],
      ['flag', 4],
    ]);
  });

  it('answers time:sync with the server clock and stores client signals as incidents', async () => {
    const { socket, attemptId } = await enter(5);
    const sync = await socket.emitWithAck('time:sync', { clientTime: 123 });
    expect(sync).toMatchObject({ ok: true, clientTime: 123 });
    if (sync.ok) expect(Math.abs(sync.serverTime - Date.now())).toBeLessThan(5000);
    expect(await socket.emitWithAck('client:signal', { kind: 'focus_lost', at: Date.now() })).toEqual({
      ok: true,
    });
    const shard = server.ctx.store.keys.shardOf(attemptId);
    const incidents = (await redis.xrange(server.ctx.store.keys.stream(shard), '-', '+'))
      .map(([, f]) => parseAnswerLogEntry(f))
      .filter((e) => e.attemptId === attemptId && e.kind === 'incident');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.extra).toMatchObject({ kind: 'focus_lost' });
  });

  it('finishing the last section closes the attempt and tells the participant', async () => {
    const { socket } = await enter(6);
    for (const key of ['potensi', 'sjt', 'inventory']) {
      await socket.emitWithAck('section:start', { sectionKey: key });
      expect(await socket.emitWithAck('section:finish', { sectionKey: key })).toMatchObject({
        ok: true,
        attemptClosed: false,
      });
    }
    await socket.emitWithAck('section:start', { sectionKey: 'self' });
    const closed = nextEvent(socket, 'attempt:closed');
    expect(await socket.emitWithAck('section:finish', { sectionKey: 'self' })).toMatchObject({
      ok: true,
      attemptClosed: true,
    });
    expect(await closed).toEqual({ status: 'finished', reason: 'finished' });
  });
});

describe('section views over HTTP', () => {
  const viewsUrl = (batteryId: string, sectionKey: string) =>
    `${url}${participantViewsPath(batteryId, sectionKey)}`;
  let room: FixtureSession;

  beforeAll(async () => {
    room = await fixture.addSession({ participants: 4 });
    await prepareSession(server.ctx, room.sessionId);
  });

  it('never puts keys or weights in the views of any section', async () => {
    const { token } = await enter(0, room);
    for (const key of ['potensi', 'sjt', 'inventory', 'self']) {
      const r = await getRaw(viewsUrl(fixture.batteryId, key), { authorization: `Bearer ${token}` });
      expect(r.status).toBe(200);
      const body = sectionViewsSchema.parse(JSON.parse(r.body.toString('utf8')));
      expect(body.items).toHaveLength(fixture.sections[key]!.length);
      const json = r.body.toString('utf8');
      expect(json).not.toContain('"key"');
      expect(json).not.toContain('"weight"');
      expect(json).not.toContain('"reverse"');
    }
  });

  it('serves gzip when accepted, with a strong ETag and immutable caching, and 304 on that ETag', async () => {
    const { token } = await enter(2, room);
    const auth = { authorization: `Bearer ${token}` };
    const plain = await getRaw(viewsUrl(fixture.batteryId, 'sjt'), auth);
    const zipped = await getRaw(viewsUrl(fixture.batteryId, 'sjt'), {
      ...auth,
      'accept-encoding': 'gzip, deflate',
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toContain('Accept-Encoding');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const etag = zipped.headers['etag'];
    expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/
    expect(plain.headers['etag']).toMatch(/^"[^"]+"$/);
    expect(plain.headers['etag']).not.toBe(etag);
    expect(zipped.headers['cache-control']).toMatch(/private.*max-age=\d+.*immutable/);

    const again = await getRaw(viewsUrl(fixture.batteryId, 'sjt'), {
      ...auth,
      'accept-encoding': 'gzip',
      'if-none-match': etag!,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    const other = await getRaw(viewsUrl(fixture.batteryId, 'sjt'), { ...auth, 'if-none-match': '"other"' });
    expect(other.status).toBe(200);
  });

  it("refuses another attempt's battery with FORBIDDEN and a missing or foreign token with UNAUTHENTICATED", async () => {
    const otherFixture = await createExamFixture(tdb.db);
    const otherSession = await otherFixture.addSession({ participants: 1 });
    await prepareSession(server.ctx, otherSession.sessionId);
    const { token } = await enter(3, room);
    const foreign = await getRaw(viewsUrl(otherFixture.batteryId, 'potensi'), {
      authorization: `Bearer ${token}`,
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body.toString('utf8'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const none = await getRaw(viewsUrl(fixture.batteryId, 'potensi'));
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString('utf8'))).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const bogus = await getRaw(viewsUrl(fixture.batteryId, 'potensi'), { authorization: 'Bearer nope' });
    expect(bogus.status).toBe(401);
    const unknown = await getRaw(viewsUrl(fixture.batteryId, 'no-such-section'), {
      authorization: `Bearer ${token}`,
    });
    expect(unknown.status).toBe(404);
  });

  it('builds a section once for many concurrent first requests and serves them all the same bytes', async () => {
    const { server: fresh, url: freshUrl } = await startTestServer(tdb, prefix);
    try {
      const { token } = await enter(1, room);
      const store = fresh.ctx.store;
      const getViews = store.getViews.bind(store);
      let reads = 0;
      store.getViews = (...args) => {
        reads += 1;
        return getViews(...args);
      };
      const replies = await Promise.all(
        Array.from({ length: 40 }, () =>
          getRaw(`${freshUrl}${participantViewsPath(fixture.batteryId, 'inventory')}`, {
            authorization: `Bearer ${token}`,
            'accept-encoding': 'gzip',
          }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      expect(new Set(replies.map((r) => r.body.toString('base64'))).size).toBe(1);
      expect(reads).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
