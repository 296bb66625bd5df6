import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import {
  STAFF_SESSION_COOKIE,
  type FeedIncident,
  type ProctorSessionsResponse,
  type Seat,
  type SeatProgress,
  type TimeChanged,
} from '@petakom/protocol';
import { forgetSession, readSessionLive, RoomFeed } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSession } from '../src/exam/prepare.service.ts';
import type { PetakomServer } from '../src/server.ts';
import { createExamFixture, type ExamFixture, type FixtureSession } from './fixtures.ts';
import {
  connectExam,
  connectProctor,
  login,
  loginOk,
  nextEvent,
  sleep,
  startTestServer,
  waitFor,
  waitForProgress,
  waitForSeat,
  type ProctorClient,
} from './harness.ts';
import { addStaffUser, loggedIn, type StaffClient } from './staff-client.ts';

const run = promisify(execFile);
let tdb: TestDatabase;
let redis: Redis;
let serverA: PetakomServer;
let serverB: PetakomServer;
let urlA: string;
let urlB: string;
let fixture: ExamFixture;
let room: FixtureSession;
let otherRoom: FixtureSession;
let laterRoom: FixtureSession;
let staff: StaffClient;
let proctorUserId: string;
let proctor: ProctorClient;
const prefix = uniqueRedisPrefix('server-proctor');
const clients: { close(): unknown }[] = [];
/** Servers started by one test with their own configuration. */
const extraServers: PetakomServer[] = [];

/** Connects to /proctor the way a browser does: with the staff session cookie on the upgrade. */
function connectProctorWithCookie(url: string, cookie: string): Promise<ProctorClient> {
  const socket: ProctorClient = connect(`${url}/proctor`, {
    transports: ['websocket'],
    extraHeaders: { cookie: `${STAFF_SESSION_COOKIE}=${cookie}` },
    reconnection: false,
    forceNew: true,
  });
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      reject(new Error(err.data?.code ?? err.message)),
    );
  });
}

/** The PDF's text as a reader sees it (pdftotext), whitespace folded. */
async function pdfText(res: Response): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ba-'));
  try {
    await writeFile(join(dir, 'ba.pdf'), Buffer.from(await res.arrayBuffer()));
    const { stdout } = await run('pdftotext', ['-layout', join(dir, 'ba.pdf'), '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function enter(url: string, index: number, deviceId = `device-${randomUUID()}`) {
  const p = room.participants[index]!;
  const roomToken = (await serverA.ctx.roomTokens.state(room.sessionId, Date.now())).current;
  const res = await loginOk(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId });
  const socket = await connectExam(url, res.accessToken, deviceId);
  clients.push(socket);
  return { socket, attemptId: res.attempt.attemptId, deviceId };
}

beforeAll(async () => {
  tdb = await createTestDatabase('server-proctor');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  fixture = await createExamFixture(tdb.db);
  room = await fixture.addSession({ participants: 10 });
  otherRoom = await fixture.addSession({ participants: 1 });
  laterRoom = await fixture.addSession({
    participants: 1,
    startsAt: new Date(Date.now() + 3600_000),
    endsAt: new Date(Date.now() + 4 * 3600_000),
  });
  // two processes on one Redis: participants on A, the proctor on B
  ({ server: serverA, url: urlA } = await startTestServer(tdb, prefix));
  ({ server: serverB, url: urlB } = await startTestServer(tdb, prefix));
  await prepareSession(serverA.ctx, room.sessionId);
  await prepareSession(serverA.ctx, otherRoom.sessionId);
  const user = await addStaffUser(tdb.db, ['proctor'], fixture.agencyId);
  proctorUserId = user.id;
  await tdb.db
    .insertInto('proctor_assignments')
    .values({ session_id: room.sessionId, staff_user_id: user.id })
    .execute();
  staff = await loggedIn(urlB, user.username);
  proctor = await connectProctorWithCookie(urlB, staff.cookie!);
  const joined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
  if (!joined.ok) throw new Error(joined.error.code);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await serverA?.close();
  await serverB?.close();
  for (const s of extraServers) await s.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

describe('proctor live room', () => {
  it('lists only the sessions of today assigned to the signed-in proctor', async () => {
    const res = await staff.request<ProctorSessionsResponse>('GET', '/api/v1/staff/proctor/sessions');
    expect(res.status).toBe(200);
    expect(res.body.sessions.map((s) => s.sessionId)).toEqual([room.sessionId]);
    expect(res.body.sessions[0]).toMatchObject({ registered: 10 });
    // The zone the sessions were scheduled in, for the room's PC to show their times in.
    expect(res.body.timeZone).toBe(serverA.ctx.config.PETAKOM_TZ);
    expect(res.body.timeZone).toBe('Asia/Jakarta');
  });

  it("lists another day's assigned sessions when asked for that date, and refuses a date that is not one", async () => {
    const yesterday = await fixture.addSession({
      participants: 1,
      date: '2026-01-15',
      startsAt: new Date('2026-01-15T01:00:00Z'),
      endsAt: new Date('2026-01-15T04:00:00Z'),
    });
    await tdb.db
      .insertInto('proctor_assignments')
      .values({ session_id: yesterday.sessionId, staff_user_id: proctorUserId })
      .execute();
    const on = (query: string) =>
      staff.request<ProctorSessionsResponse>('GET', `/api/v1/staff/proctor/sessions${query}`);
    expect((await on('?date=2026-01-15')).body.sessions.map((s) => s.sessionId)).toEqual([
      yesterday.sessionId,
    ]);
    expect((await on('')).body.sessions.map((s) => s.sessionId)).toEqual([room.sessionId]);
    expect((await on('?date=2026-01-14')).body.sessions).toEqual([]);
    for (const bad of ['?date=15-01-2026', '?date=2026-02-30', '?date=today', '?day=2026-01-15']) {
      const res = await on(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body, bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('never lets a proctor see or act on a room not assigned to them', async () => {
    const otherAttempt = (await serverA.ctx.store.sessionAttemptIds(otherRoom.sessionId))[0]!;
    const refused = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await proctor.emitWithAck('room:join', { sessionId: otherRoom.sessionId })).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('room:pause', { sessionId: otherRoom.sessionId, reason: 'x' }),
    ).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('room:token:rotate', { sessionId: otherRoom.sessionId, reason: 'x' }),
    ).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('room:broadcast', {
        sessionId: otherRoom.sessionId,
        message: 'hai',
        reason: 'x',
      }),
    ).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('seat:extend', { attemptId: otherAttempt, minutes: 5, reason: 'x' }),
    ).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('seat:unlock-device', { attemptId: otherAttempt, reason: 'x' }),
    ).toMatchObject(refused);
    expect(
      await proctor.emitWithAck('seat:force-finish', { attemptId: otherAttempt, reason: 'x' }),
    ).toMatchObject(refused);
    expect(await proctor.emitWithAck('seat:absent', { attemptId: otherAttempt, reason: 'x' })).toMatchObject(
      refused,
    );
    const pdf = await staff.request(
      'GET',
      `/api/v1/staff/proctor/sessions/${otherRoom.sessionId}/berita-acara.pdf`,
    );
    expect(pdf.status).toBe(403);
    expect((await serverA.ctx.store.readAttempt(otherAttempt))?.status).toBe('prepared');
  });

  it('pushes the seat, then its answer count as a seat read would give it, to a proctor on another server process', async () => {
    const { socket, attemptId } = await enter(urlA, 0);
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    // The connect and the section start come as the whole seat, read again.
    const seat = await waitForSeat(proctor, (s) => s.attemptId === attemptId && s.status === 'in_progress');
    expect(seat).toMatchObject({ online: true, currentSection: 'potensi', sectionIndex: 1, answered: 0 });
    expect(seat.totalItems).toBe(8);
    const counted = waitForProgress(proctor, (p) => p.attemptId === attemptId && p.answered === 2);
    for (const [i, item] of started.section.order.slice(0, 2).entries()) {
      expect(
        await socket.emitWithAck('answer', { itemId: item.itemId, value: 'A', seq: i + 1 }),
      ).toMatchObject({ ok: true });
    }
    const progress = await counted;
    const read = await serverA.ctx.store.readSeat(attemptId);
    expect(read?.answered).toBe(2);
    expect(progress).toEqual({ attemptId, answered: 2, lastActivity: read?.lastSeen });
  });

  it('pushes the answer counts of a room that answered within the same second together, in one push', async () => {
    const seats = await Promise.all([7, 8].map((i) => enter(urlA, i)));
    const starts = await Promise.all(
      seats.map(({ socket }) => socket.emitWithAck('section:start', { sectionKey: 'potensi' })),
    );
    // Past the coalesced update of the connects and section starts.
    await sleep(1_500);
    const pushes: SeatProgress[][] = [];
    const collect = (batch: SeatProgress[]) => pushes.push(batch);
    proctor.on('seats:progress', collect);
    await Promise.all(
      seats.map(({ socket }, n) => {
        const started = starts[n];
        if (!started?.ok) throw new Error('section not started');
        const itemId = started.section.order[0]!.itemId;
        return socket.emitWithAck('answer', { itemId, value: 'A', seq: 1 });
      }),
    );
    await sleep(1_500);
    proctor.off('seats:progress', collect);
    const ids = seats.map((s) => s.attemptId).sort();
    const withAnswers = pushes.filter((batch) => batch.some((s) => ids.includes(s.attemptId)));
    expect(withAnswers).toHaveLength(1);
    expect(withAnswers[0]!.map((s) => [s.attemptId, s.answered]).sort()).toEqual(ids.map((id) => [id, 1]));
  });

  it('reads the whole seat after an answer of an attempt prepared before the count was kept', async () => {
    const { socket, attemptId } = await enter(urlA, 9);
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    await waitForSeat(proctor, (s) => s.attemptId === attemptId && s.status === 'in_progress');
    await redis.hdel(serverA.ctx.store.keys.attempt(attemptId), '#answered');
    const progress: SeatProgress[] = [];
    const collect = (batch: SeatProgress[]) =>
      progress.push(...batch.filter((p) => p.attemptId === attemptId));
    proctor.on('seats:progress', collect);
    const counted = waitForSeat(proctor, (s) => s.attemptId === attemptId && s.answered === 1);
    const itemId = started.section.order[0]!.itemId;
    expect(await socket.emitWithAck('answer', { itemId, value: 'A', seq: 1 })).toMatchObject({ ok: true });
    expect(await counted).toMatchObject({ online: true, currentSection: 'potensi' });
    proctor.off('seats:progress', collect);
    expect(progress).toEqual([]);
  });

  it('turns a seat offline when its socket leaves, and a pending update of its answers does not turn it back', async () => {
    const { socket, attemptId } = await enter(urlA, 6);
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    const item = started.section.order[0]!;
    expect(await socket.emitWithAck('answer', { itemId: item.itemId, value: 'A', seq: 1 })).toMatchObject({
      ok: true,
    });
    // The connect, the section start and the answer wait in one coalesced update (one second).
    const offline = waitForSeat(proctor, (s) => s.attemptId === attemptId && !s.online);
    socket.close();
    await offline;
    const later: Seat[] = [];
    const collect = (seats: Seat[]) => later.push(...seats.filter((s) => s.attemptId === attemptId));
    proctor.on('seats:update', collect);
    await sleep(1_500);
    proctor.off('seats:update', collect);
    expect(later.filter((s) => s.online)).toEqual([]);
  });

  it('files a device-lock conflict in the incident feed, and the proctor acknowledges it with a note', async () => {
    const { attemptId, socket: first } = await enter(urlA, 1);
    const filed = waitFor<FeedIncident>(
      proctor,
      'incident:feed',
      (i) => i.attemptId === attemptId && i.kind === 'device_rejected',
    );
    const p = room.participants[1]!;
    const roomToken = (await serverA.ctx.roomTokens.state(room.sessionId, Date.now())).current;
    const refused = await login(urlA, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken,
      deviceId: 'second-device',
    });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'DEVICE_LOCKED' } });
    const incident = await filed;
    expect(incident).toMatchObject({ seatNo: 2, participantName: p.fullName, ack: null });

    const acked = waitFor<FeedIncident>(
      proctor,
      'incident:feed',
      (i) => i.id === incident.id && i.ack !== null,
    );
    expect(
      await proctor.emitWithAck('incident:ack', {
        sessionId: room.sessionId,
        incidentId: incident.id,
        note: 'peserta pindah komputer',
      }),
    ).toEqual({ ok: true });
    expect((await acked).ack?.note).toBe('peserta pindah komputer');

    // unlocking over the socket lets the second device in and closes the first one's socket
    expect(await proctor.emitWithAck('seat:unlock-device', { attemptId, reason: 'komputer rusak' })).toEqual({
      ok: true,
    });
    expect(first.connected).toBe(true);
    const firstClosed = nextEvent<string>(first, 'disconnect');
    const second = await login(urlA, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken,
      deviceId: 'second-device',
    });
    expect(second.body).toMatchObject({ ok: true });
    expect(await firstClosed).toBe('io server disconnect');
    const rejoined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
    if (!rejoined.ok) throw new Error(rejoined.error.code);
    expect(rejoined.room.incidents.find((i) => i.id === incident.id)?.ack?.note).toBe(
      'peserta pindah komputer',
    );
  });

  it('broadcasts a notice to every participant of the room at once', async () => {
    const { socket } = await enter(urlA, 3);
    const notice = nextEvent<{ message: string }>(socket, 'notice');
    expect(
      await proctor.emitWithAck('room:broadcast', {
        sessionId: room.sessionId,
        message: 'Sisa waktu 10 menit',
        reason: 'pengingat',
      }),
    ).toEqual({ ok: true });
    expect((await notice).message).toBe('Sisa waktu 10 menit');
  });

  it('rotates the room token on demand while the previous token still works for the grace', async () => {
    const before = (await serverA.ctx.roomTokens.state(room.sessionId, Date.now())).current;
    const pushed = nextEvent<{ roomToken: string }>(proctor, 'room:token');
    const rotated = await proctor.emitWithAck('room:token:rotate', {
      sessionId: room.sessionId,
      reason: 'token bocor',
    });
    if (!rotated.ok) throw new Error(rotated.error.code);
    expect(rotated.roomToken).not.toBe(before);
    expect((await pushed).roomToken).toBe(rotated.roomToken);
    const p = room.participants[2]!;
    const withOld = await login(urlA, {
      nip: p.nip,
      accessCode: p.accessCode,
      roomToken: before,
      deviceId: 'pause-device',
    });
    expect(withOld.body).toMatchObject({ ok: true });
  });

  it('pauses the whole room across processes: clocks stop and the time is credited back on resume', async () => {
    const { socket } = await enter(urlA, 2, 'pause-device');
    const started = await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    if (!started.ok) throw new Error(started.error.code);
    const paused = nextEvent<TimeChanged>(socket, 'time:changed');
    expect(
      await proctor.emitWithAck('room:pause', { sessionId: room.sessionId, reason: 'listrik padam' }),
    ).toEqual({ ok: true });
    expect(await paused).toMatchObject({ reason: 'pause', paused: true });
    await new Promise((r) => setTimeout(r, 300));
    const resumed = nextEvent<TimeChanged>(socket, 'time:changed');
    expect(
      await proctor.emitWithAck('room:resume', { sessionId: room.sessionId, reason: 'listrik menyala' }),
    ).toEqual({ ok: true });
    const r = await resumed;
    expect(r.sections[0]!.deadline! - started.section.deadline).toBeGreaterThanOrEqual(300);
  });

  it('refuses room actions without a reason and audits each with the reason given', async () => {
    const invalid = { ok: false, error: { code: 'VALIDATION' } };
    const sessionId = room.sessionId;
    // what an outdated or hostile client could send: the contract's types would refuse it
    const raw = proctor as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    expect(await raw.emitWithAck('room:resume', { sessionId })).toMatchObject(invalid);
    expect(await raw.emitWithAck('room:resume', { sessionId, reason: '   ' })).toMatchObject(invalid);
    expect(await raw.emitWithAck('room:token:rotate', { sessionId })).toMatchObject(invalid);
    expect(await raw.emitWithAck('room:broadcast', { sessionId, message: 'hai' })).toMatchObject(invalid);
    const audited = await tdb.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'actor_kind', 'detail'])
      .where('target_id', '=', sessionId)
      .where('action', 'like', 'room.%')
      .orderBy('id')
      .execute();
    expect(audited.map(({ action, reason }) => ({ action, reason }))).toEqual([
      { action: 'room.broadcast', reason: 'pengingat' },
      { action: 'room.token_rotate', reason: 'token bocor' },
      { action: 'room.pause', reason: 'listrik padam' },
      { action: 'room.resume', reason: 'listrik menyala' },
    ]);
    expect(audited.every((a) => a.actor_kind === 'staff')).toBe(true);
    expect(audited[0]!.detail).toEqual({ message: 'Sisa waktu 10 menit' });
  });

  it('marks a participant who never came absent and moves them to a later session with free seats', async () => {
    const joined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
    if (!joined.ok) throw new Error(joined.error.code);
    const seat = joined.room.seats.find((s) => s.seatNo === 6)!;
    const absentSeat = waitForSeat(proctor, (s) => s.attemptId === seat.attemptId && s.absent);
    expect(
      await proctor.emitWithAck('seat:absent', { attemptId: seat.attemptId, reason: 'tidak datang' }),
    ).toEqual({ ok: true });
    await absentSeat;
    const targets = await proctor.emitWithAck('room:move-targets', { sessionId: room.sessionId });
    if (!targets.ok) throw new Error(targets.error.code);
    expect(targets.targets.map((t) => t.sessionId)).toContain(laterRoom.sessionId);
    const removed = nextEvent<{ attemptId: string }>(proctor, 'seat:removed');
    expect(
      await proctor.emitWithAck('seat:move', {
        attemptId: seat.attemptId,
        targetSessionId: laterRoom.sessionId,
        reason: 'dinas luar',
      }),
    ).toEqual({ ok: true, seatNo: 2 });
    expect((await removed).attemptId).toBe(seat.attemptId);
    const reg = await tdb.db
      .selectFrom('registrations')
      .select(['session_id', 'status', 'seat_no'])
      .where('participant_id', '=', room.participants[5]!.participantId)
      .executeTakeFirstOrThrow();
    expect(reg).toEqual({ session_id: laterRoom.sessionId, status: 'registered', seat_no: 2 });
    expect(await serverA.ctx.store.sessionAttemptIds(room.sessionId)).not.toContain(seat.attemptId);
  });

  it('force-finishes a seat and writes the berita acara PDF with attendance, incidents and actions', async () => {
    const { socket, attemptId } = await enter(urlA, 4);
    await socket.emitWithAck('section:start', { sectionKey: 'potensi' });
    const closed = nextEvent(socket, 'attempt:closed');
    expect(
      await proctor.emitWithAck('seat:extend', { attemptId, minutes: 10, reason: 'komputer hang' }),
    ).toEqual({ ok: true });
    expect(await proctor.emitWithAck('seat:force-finish', { attemptId, reason: 'kecurangan' })).toEqual({
      ok: true,
    });
    expect(await closed).toEqual({ status: 'force_finished', reason: 'proctor' });
    const notes = await staff.request(
      'PUT',
      `/api/v1/staff/proctor/sessions/${room.sessionId}/berita-acara`,
      {
        notes: 'Ujian berjalan tertib.',
      },
    );
    expect(notes.status).toBe(200);
    const res = await fetch(`${urlB}/api/v1/staff/proctor/sessions/${room.sessionId}/berita-acara.pdf`, {
      headers: { cookie: `${STAFF_SESSION_COOKIE}=${staff.cookie!}`, 'x-forwarded-for': staff.ip },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(res);
    expect(text).toContain('BERITA ACARA');
    expect(text).toContain('Ruang dijeda');
    expect(text).toContain('listrik padam');
    expect(text).toContain('Tambah waktu');
    expect(text).toContain('komputer hang');
    expect(text).toContain('Paksa selesai');
    expect(text).toContain('kecurangan');
    expect(text).toContain('Buka kunci perangkat');
    expect(text).toContain('Konflik kunci perangkat');
    expect(text).toContain('peserta pindah komputer');
    expect(text).toContain('Pindah sesi');
    expect(text).toContain('dinas luar');
    expect(text).toContain('hadir, dihentikan pengawas');
    expect(text).toContain('Ujian berjalan tertib.');
  });

  it('pushes the clock-rotated token to the proctor; it lets participants in and the previous one only for the grace', async () => {
    const periodMs = 4000;
    const graceMs = 2000;
    const { server, url } = await startTestServer(tdb, prefix, {
      ROOM_TOKEN_PERIOD_SEC: String(periodMs / 1000),
      ROOM_TOKEN_GRACE_SEC: String(graceMs / 1000),
    });
    extraServers.push(server);
    const shortRoom = await fixture.addSession({ participants: 3 });
    await prepareSession(server.ctx, shortRoom.sessionId);
    const staffId = await fixture.addProctor([shortRoom.sessionId]);
    const watcher = await connectProctor(
      url,
      await server.ctx.tokens.signStaff({ staffUserId: staffId, roles: ['proctor'] }),
    );
    clients.push(watcher);
    // Listening before the join: a period that ends while the join is being answered is pushed
    // before the join's reply arrives.
    const pushedSoon = waitFor<{ sessionId: string; roomToken: string; rotatesAt: number }>(
      watcher,
      'room:token',
      (t) => t.sessionId === shortRoom.sessionId,
    );
    const joined = await watcher.emitWithAck('room:join', { sessionId: shortRoom.sessionId });
    if (!joined.ok) throw new Error(joined.error.code);
    const first = joined.room.roomToken;
    expect(joined.room.roomTokenRotatesAt).toBeGreaterThan(Date.now() - 100);
    expect(joined.room.roomTokenRotatesAt).toBeLessThanOrEqual(Date.now() + periodMs);

    // nobody rotates by hand: the period ends and the proctor is told the new token
    const pushed = await pushedSoon;
    const rotatedAt = joined.room.roomTokenRotatesAt;
    expect(Date.now()).toBeGreaterThanOrEqual(rotatedAt);
    expect(pushed.roomToken).not.toBe(first);
    expect(pushed.rotatesAt).toBe(rotatedAt + periodMs);
    expect(pushed.roomToken).toBe(
      (await server.ctx.roomTokens.state(shortRoom.sessionId, Date.now())).current,
    );

    const enterWith = (index: number, roomToken: string) => {
      const p = shortRoom.participants[index]!;
      return login(url, { nip: p.nip, accessCode: p.accessCode, roomToken, deviceId: `d-${randomUUID()}` });
    };
    expect((await enterWith(0, first)).body).toMatchObject({ ok: true });
    expect((await enterWith(1, pushed.roomToken)).body).toMatchObject({ ok: true });
    const afterGrace = rotatedAt + graceMs + 200 - Date.now();
    if (afterGrace > 0) await sleep(afterGrace);
    expect(Date.now()).toBeLessThan(pushed.rotatesAt);
    expect((await enterWith(2, first)).body).toMatchObject({
      ok: false,
      error: { code: 'ROOM_TOKEN_INVALID' },
    });
    expect((await enterWith(2, pushed.roomToken)).body).toMatchObject({ ok: true });
  }, 20_000);

  // Last: it takes the room's live state out of Redis, as the worker does long after the session.
  it('shows the room and writes its berita acara from the archive once its live state left Redis', async () => {
    const joinedBefore = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
    if (!joinedBefore.ok) throw new Error(joinedBefore.error.code);
    const store = serverA.ctx.store;
    const feed = new RoomFeed(redis, store.keys);
    const ids = await store.sessionAttemptIds(room.sessionId);
    // The worker's two steps (apps/worker/src/live-archive), with the same exam-store functions.
    const live = await readSessionLive(store, feed, room.sessionId, ids);
    await tdb.db
      .insertInto('session_live_archive')
      .values({
        session_id: room.sessionId,
        seats: JSON.stringify(live.seats),
        incidents: JSON.stringify(live.incidents),
      })
      .execute();
    await forgetSession(redis, store, feed, room.sessionId, ids);
    expect(await store.sessionAttemptIds(room.sessionId)).toEqual([]);
    expect(await feed.incidents(room.sessionId)).toEqual([]);

    const joined = await proctor.emitWithAck('room:join', { sessionId: room.sessionId });
    if (!joined.ok) throw new Error(joined.error.code);
    const tile = (seats: Seat[]) => seats.map(({ online: _online, offlineSince: _since, ...seat }) => seat);
    expect(tile(joined.room.seats)).toEqual(tile(joinedBefore.room.seats));
    expect(joined.room.seats.some((s) => s.status === 'force_finished')).toBe(true);
    expect(joined.room.seats.every((s) => !s.online)).toBe(true);
    expect(joined.room.incidents.length).toBeGreaterThan(0);
    expect(joined.room.incidents.map((i) => [i.id, i.ack?.note ?? null])).toEqual(
      joinedBefore.room.incidents.map((i) => [i.id, i.ack?.note ?? null]),
    );

    // Looked at, not acted on: nothing the proctor does to the room is written anywhere.
    expect(joinedBefore.room.archived).toBe(false);
    expect(joined.room.archived).toBe(true);
    const sessionId = room.sessionId;
    const audits = () =>
      tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', sessionId)
        .orderBy('id')
        .execute();
    const auditedBefore = await audits();
    const notOpen = { ok: false, error: { code: 'SESSION_NOT_OPEN' } };
    const reason = 'salah tekan';
    expect(await proctor.emitWithAck('room:pause', { sessionId, reason })).toMatchObject(notOpen);
    expect(await proctor.emitWithAck('room:resume', { sessionId, reason })).toMatchObject(notOpen);
    expect(await proctor.emitWithAck('room:token:rotate', { sessionId, reason })).toMatchObject(notOpen);
    expect(await proctor.emitWithAck('room:broadcast', { sessionId, message: 'halo', reason })).toMatchObject(
      notOpen,
    );
    const incidentId = joined.room.incidents[0]?.id ?? '';
    expect(
      await proctor.emitWithAck('incident:ack', { sessionId, incidentId, note: 'terlambat' }),
    ).toMatchObject(notOpen);
    const seat = joined.room.seats[0]?.attemptId ?? '';
    expect(await proctor.emitWithAck('seat:extend', { attemptId: seat, minutes: 5, reason })).toMatchObject(
      notOpen,
    );
    expect(await proctor.emitWithAck('seat:force-finish', { attemptId: seat, reason })).toMatchObject(
      notOpen,
    );
    // Whether a seat's room is archived is said only to that room's proctors.
    const outsider = await connectProctor(
      urlB,
      await serverB.ctx.tokens.signStaff({
        staffUserId: await fixture.addProctor([otherRoom.sessionId]),
        roles: ['proctor'],
      }),
    );
    clients.push(outsider);
    expect(await outsider.emitWithAck('seat:extend', { attemptId: seat, minutes: 5, reason })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await redis.exists(store.keys.session(sessionId))).toBe(0);
    expect(await audits()).toEqual(auditedBefore);

    const res = await fetch(`${urlB}/api/v1/staff/proctor/sessions/${room.sessionId}/berita-acara.pdf`, {
      headers: { cookie: `${STAFF_SESSION_COOKIE}=${staff.cookie!}`, 'x-forwarded-for': staff.ip },
    });
    expect(res.status).toBe(200);
    const text = await pdfText(res);
    expect(text).toContain('hadir, dihentikan pengawas');
    expect(text).toContain('Konflik kunci perangkat');
    expect(text).toContain('peserta pindah komputer');
  });
});
