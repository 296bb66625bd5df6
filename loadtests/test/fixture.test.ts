// The load-test exam day must be one the real login accepts for any number of participants: valid,
// distinct NIPs (the server fixture's counter stops at 999), rooms of the asked size, sessions open
// today, and a pengawas for every room.
import { parseNip } from '@petakom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLoadFixture,
  createTestDatabase,
  type LoadFixture,
  type TestDatabase,
} from '../src/harness/index.ts';

let t: TestDatabase;
let fixture: LoadFixture;
const endsAt = new Date(Date.now() + 3 * 3600_000);

beforeAll(async () => {
  t = await createTestDatabase('loadfixture');
  fixture = await createLoadFixture(t.db, { participants: 1_200, perRoom: 75, endsAt });
}, 120_000);

afterAll(async () => {
  await t.destroy();
});

describe('the load-test exam day', () => {
  it('registers every participant once, with a valid NIP, in rooms of the asked size', async () => {
    const seats = fixture.sessions.flatMap((s) => s.seats);
    expect(seats).toHaveLength(1_200);
    expect(new Set(seats.map((s) => s.nip)).size).toBe(1_200);
    expect(seats.filter((s) => !parseNip(s.nip, new Date()).ok)).toEqual([]);
    expect(fixture.sessions).toHaveLength(16);
    expect(Math.max(...fixture.sessions.map((s) => s.seats.length))).toBe(75);
    const registered = await t.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(
        'session_id',
        'in',
        fixture.sessions.map((s) => s.sessionId),
      )
      .executeTakeFirstOrThrow();
    expect(Number(registered.n)).toBe(1_200);
  });

  it('opens every session now, ending at the common deadline, with a pengawas assigned', async () => {
    const sessions = await t.db
      .selectFrom('exam_sessions')
      .select(['id', 'status', 'starts_at', 'ends_at'])
      .where(
        'id',
        'in',
        fixture.sessions.map((s) => s.sessionId),
      )
      .execute();
    expect(sessions).toHaveLength(16);
    for (const s of sessions) {
      expect(s.status).toBe('open');
      expect(s.starts_at.getTime()).toBeLessThan(Date.now());
      expect(s.ends_at.getTime()).toBe(endsAt.getTime());
    }
    const assigned = await t.db
      .selectFrom('proctor_assignments')
      .select('session_id')
      .where(
        'session_id',
        'in',
        fixture.sessions.map((s) => s.sessionId),
      )
      .execute();
    expect(new Set(assigned.map((a) => a.session_id)).size).toBe(16);
    expect(fixture.proctors.map((p) => p.sessionId).sort()).toEqual(
      fixture.sessions.map((s) => s.sessionId).sort(),
    );
  });
});
