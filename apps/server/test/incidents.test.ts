// Incidents no participant signal raises: repeated failed logins and seats that went away for good.
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import type { FeedIncident } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { attemptIdOf, createExamFixture, type FixtureSession } from './fixtures.ts';
import {
  connectExam,
  connectProctor,
  login,
  loginOk,
  startTestServer,
  waitFor,
  waitForSeat,
  type ExamClient,
  type ProctorClient,
} from './harness.ts';

let tdb: TestDatabase;
let redis: Redis;
let serverA: PetakomServer;
let serverB: PetakomServer;
let urlA: string;
let urlB: string;
let room: FixtureSession;
let proctor: ProctorClient;
const prefix = uniqueRedisPrefix('server-incidents');
const clients: { close(): unknown }[] = [];

function attemptOf(registrationId: string): Promise<string> {
  return attemptIdOf(tdb.db, registrationId);
}

async function feedOf(attemptId: string, kind: string): Promise<FeedIncident[]> {
  const joined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
  if (!joined.ok) throw new Error(joined.error.code);
  return joined.room.incidents.filter((i) => i.attemptId === attemptId && i.kind === kind);
}

const roomToken = async () => (await serverA.ctx.roomTokens.state(room.sessionId, Date.now())).current;

beforeAll(async () => {
  tdb = await createTestDatabase('server-incidents');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const fixture = await createExamFixture(tdb.db);
  room = await fixture.addSession({ participants: 3 });
  ({ server: serverA, url: urlA } = await startTestServer(tdb, prefix));
  ({ server: serverB, url: urlB } = await startTestServer(tdb, prefix));
  await prepareSession(serverA.ctx, room.sessionId);
  const staffId = await fixture.addProctor([room.sessionId]);
  proctor = await connectProctor(
    urlB,
    await serverB.ctx.tokens.signStaff({ staffUserId: staffId, roles: ['proctor'] }),
  );
  clients.push(proctor);
  const joined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
  if (!joined.ok) throw new Error(joined.error.code);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await serverA?.close();
  await serverB?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('incidents the server notices on its own', () => {
  it('raises one failed-logins incident for repeated wrong codes of a NIP, without the codes tried', async () => {
    const p = room.participants[0]!;
    const attemptId = await attemptOf(p.registrationId);
    const filed = waitFor<FeedIncident>(
      proctor,
      'incident:feed',
      (i) => i.attemptId === attemptId && i.kind === 'failed_logins',
    );
    const deviceId = 'device-failed-logins';
    const token = await roomToken();
    // failures on two server processes count together
    for (const [url, accessCode, rt] of [
      [urlA, 'SALAH111', token],
      [urlB, 'SALAH222', token],
      [urlA, p.accessCode, 'ZZZZ99'],
    ] as const) {
      const r = await login(url, { nip: p.nip, accessCode, roomToken: rt, deviceId });
      expect(r.body.ok).toBe(false);
    }
    const incident = await filed;
    expect(incident).toMatchObject({
      sessionId: room.sessionId,
      seatNo: 1,
      participantName: p.fullName,
      ack: null,
      detail: { failures: 3, lastReason: 'ROOM_TOKEN_INVALID' },
    });
    // more failures in the same window do not flood the feed
    for (const accessCode of ['SALAH333', 'SALAH444']) {
      await login(urlB, { nip: p.nip, accessCode, roomToken: token, deviceId });
    }
    expect(await feedOf(attemptId, 'failed_logins')).toHaveLength(1);

    // neither the feed nor the durable answer log keeps what was typed
    const stream = await redis.xrange(serverA.ctx.store.keys.streamOf(attemptId), '-', '+');
    const logged = JSON.stringify(stream.filter(([, f]) => f.includes(attemptId)));
    expect(logged).toContain('failed_logins');
    for (const typed of ['SALAH111', 'SALAH222', 'ZZZZ99', p.accessCode]) {
      expect(JSON.stringify(incident)).not.toContain(typed);
      expect(logged).not.toContain(typed);
    }

    expect(
      await proctor.emitWithAck('incident:ack', {
        sessionId: room.sessionId,
        incidentId: incident.id,
        note: 'peserta salah membaca kartu',
      }),
    ).toEqual({ ok: true });
    const [acked] = await feedOf(attemptId, 'failed_logins');
    expect(acked?.ack?.note).toBe('peserta salah membaca kartu');
    expect(
      (await loginOk(urlA, { nip: p.nip, accessCode: p.accessCode, roomToken: token, deviceId })).ok,
    ).toBe(true);
  });

  it('reports a seat that went away and never came back once, and not again when it returns', async () => {
    const p = room.participants[1]!;
    const deviceId = 'device-long-disconnect';
    const first = await loginOk(urlA, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(),
      deviceId,
    });
    const attemptId = first.attempt.attemptId;
    const socket: ExamClient = await connectExam(urlA, first.accessToken, deviceId);
    clients.push(socket);
    expect(await socket.emitWithAck('section:start', { sectionKey: 'potensi' })).toMatchObject({ ok: true });

    const away = waitForSeat(proctor, (s) => s.attemptId === attemptId && s.offlineSince !== null);
    socket.close();
    await away;
    // the seat has been away for three minutes (past LONG_DISCONNECT_MS) with nobody coming back
    const since = Date.now() - 3 * 60_000;
    await redis.hset(`${serverA.ctx.store.keys.session(room.sessionId)}:off`, attemptId, String(since));

    const filed = waitFor<FeedIncident>(
      proctor,
      'incident:feed',
      (i) => i.attemptId === attemptId && i.kind === 'long_disconnect',
    );
    // every server process runs the check; only one reports the episode
    const counts = await Promise.all([serverA.disconnects.runOnce(), serverB.disconnects.runOnce()]);
    expect(counts[0] + counts[1]).toBe(1);
    const incident = await filed;
    expect(incident).toMatchObject({ seatNo: 2, detail: { offlineSince: since, stillOffline: true } });
    expect(await serverB.disconnects.runOnce()).toBe(0);

    const back = await loginOk(urlB, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: await roomToken(),
      deviceId,
    });
    const online = waitForSeat(proctor, (s) => s.attemptId === attemptId && s.online);
    clients.push(await connectExam(urlB, back.accessToken, deviceId));
    expect((await online).offlineSince).toBeNull();
    expect(await feedOf(attemptId, 'long_disconnect')).toHaveLength(1);
  });
});
