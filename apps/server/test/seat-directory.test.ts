// Who sits on a seat, as a proctor's tile names it: loaded a room at a time, with a single lookup for
// an attempt the room did not hold, and an empty name (not an error) for one that no longer exists.
import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
import { EXAM_NAMESPACE } from '@petakom/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamRepository } from '../src/exam/exam.repository.ts';
import { prepareSession } from '../src/exam/prepare.service.ts';
import { SeatDirectory } from '../src/proctor/seats.ts';
import type { ExamNamespace } from '../src/realtime/io-types.ts';
import type { PetakomServer } from '../src/server.ts';
import { attemptIdOf, createExamFixture, type FixtureSession } from './fixtures.ts';
import { startTestServer } from './harness.ts';

const prefix = uniqueRedisPrefix('server-seat-directory');
let tdb: TestDatabase;
let redis: Redis;
let server: PetakomServer;
let roomA: FixtureSession;
let roomB: FixtureSession;

beforeAll(async () => {
  tdb = await createTestDatabase('server-seat-directory');
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const fixture = await createExamFixture(tdb.db);
  roomA = await fixture.addSession({ participants: 2 });
  roomB = await fixture.addSession({ participants: 1 });
  ({ server } = await startTestServer(tdb, prefix));
  await prepareSession(server.ctx, roomA.sessionId);
  await prepareSession(server.ctx, roomB.sessionId);
});

afterAll(async () => {
  await server?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await tdb?.destroy();
});

function directory(): SeatDirectory {
  return new SeatDirectory(new ExamRepository(tdb.db), server.io.of(EXAM_NAMESPACE) as ExamNamespace);
}

function attemptOf(session: FixtureSession, index: number): Promise<string> {
  return attemptIdOf(tdb.db, session.participants[index]!.registrationId);
}

describe('seat directory', () => {
  it("names the seats of the room it loads, and a seat of another room by the seat's own lookup", async () => {
    const seats = directory();
    const [a0, a1, b0] = await Promise.all([attemptOf(roomA, 0), attemptOf(roomA, 1), attemptOf(roomB, 0)]);
    const [pa0, pa1, pb0] = [roomA.participants[0]!, roomA.participants[1]!, roomB.participants[0]!];
    expect(await seats.metaOf(a1, roomA.sessionId)).toEqual({
      participantName: pa1.fullName,
      nip: pa1.nip,
      seatNo: 2,
    });
    expect(await seats.metaOf(a0, roomA.sessionId)).toEqual({
      participantName: pa0.fullName,
      nip: pa0.nip,
      seatNo: 1,
    });
    // Asked for with room A (where it is not): the room's load misses it, the single lookup finds it.
    expect(await seats.metaOf(b0, roomA.sessionId)).toEqual({
      participantName: pb0.fullName,
      nip: pb0.nip,
      seatNo: 1,
    });
  });

  it('names an attempt that no longer exists by nothing, without failing the tile', async () => {
    expect(await directory().metaOf(randomUUID(), roomA.sessionId)).toEqual({
      participantName: '',
      nip: '',
      seatNo: null,
    });
  });
});
