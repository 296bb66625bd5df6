import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateSeats,
  assignProctors,
  firstFreeSeat,
  type AllocationParticipant,
  type AllocationSession,
} from './allocation.ts';

const rosterArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 10_000 })), {
    maxLength: 300,
  })
  .map((rows) => {
    const seen = new Set<string>();
    const out: AllocationParticipant[] = [];
    for (const [unit, n] of rows) {
      const id = `p${n}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, unitId: `u${unit}` });
    }
    return out;
  });

const sessionsArb = fc
  .array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 12 })
  .map((caps) => caps.map((capacity, i) => ({ key: `s${i}`, capacity })));

function seatsPerSession(seats: { sessionKey: string; seatNo: number }[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const s of seats) map.set(s.sessionKey, [...(map.get(s.sessionKey) ?? []), s.seatNo]);
  return map;
}

describe('allocateSeats', () => {
  it('never seats more people in a session than its capacity, and never two in one seat', () => {
    fc.assert(
      fc.property(rosterArb, sessionsArb, (roster, sessions) => {
        const { seats } = allocateSeats(roster, sessions);
        for (const session of sessions) {
          const taken = seatsPerSession(seats).get(session.key) ?? [];
          expect(taken.length).toBeLessThanOrEqual(session.capacity);
          expect(new Set(taken).size).toBe(taken.length);
          for (const seat of taken) expect(seat).toBeGreaterThanOrEqual(1);
          for (const seat of taken) expect(seat).toBeLessThanOrEqual(session.capacity);
        }
      }),
    );
  });

  it('seats every participant exactly once when the capacity suffices', () => {
    fc.assert(
      fc.property(rosterArb, sessionsArb, (roster, sessions) => {
        const capacity = sessions.reduce((sum, s) => sum + s.capacity, 0);
        fc.pre(capacity >= roster.length);
        const { seats, unseated } = allocateSeats(roster, sessions);
        expect(unseated).toEqual([]);
        expect(seats.map((s) => s.participantId).sort()).toEqual(roster.map((p) => p.id).sort());
      }),
    );
  });

  it('leaves exactly the overflow unseated when the capacity falls short', () => {
    fc.assert(
      fc.property(rosterArb, sessionsArb, (roster, sessions) => {
        const capacity = sessions.reduce((sum, s) => sum + s.capacity, 0);
        const { seats, unseated } = allocateSeats(roster, sessions);
        expect(seats.length).toBe(Math.min(capacity, roster.length));
        expect(unseated.length).toBe(roster.length - seats.length);
      }),
    );
  });

  it('keeps a unit in one session whenever the units pack exactly into the sessions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        (unitSize, unitsPerSession, sessionCount) => {
          const roster: AllocationParticipant[] = [];
          for (let u = 0; u < unitsPerSession * sessionCount; u++) {
            for (let i = 0; i < unitSize; i++) roster.push({ id: `u${u}-p${i}`, unitId: `u${u}` });
          }
          const sessions = Array.from({ length: sessionCount }, (_, i) => ({
            key: `s${i}`,
            capacity: unitSize * unitsPerSession,
          }));
          const result = allocateSeats(roster, sessions);
          expect(result.unseated).toEqual([]);
          expect(result.splitUnits).toEqual([]);
        },
      ),
    );
  });

  it('splits a unit over no more sessions than its size needs plus one', () => {
    fc.assert(
      fc.property(rosterArb, sessionsArb, (roster, sessions) => {
        const capacity = sessions.reduce((sum, s) => sum + s.capacity, 0);
        fc.pre(capacity >= roster.length);
        const largest = Math.max(...sessions.map((s) => s.capacity));
        const { seats } = allocateSeats(roster, sessions);
        const sessionsOfUnit = new Map<string, Set<string>>();
        const unitOf = new Map(roster.map((p) => [p.id, p.unitId]));
        for (const s of seats) {
          const unit = unitOf.get(s.participantId) ?? '';
          sessionsOfUnit.set(unit, (sessionsOfUnit.get(unit) ?? new Set()).add(s.sessionKey));
        }
        for (const [unit, used] of sessionsOfUnit) {
          const size = roster.filter((p) => p.unitId === unit).length;
          // a unit that fits in the largest session is split only when other units took its room
          if (size > largest) expect(used.size).toBeGreaterThanOrEqual(Math.ceil(size / largest));
          expect(used.size).toBeLessThanOrEqual(sessions.length);
        }
      }),
    );
  });

  it('gives the same plan for the same roster in any order', () => {
    fc.assert(
      fc.property(rosterArb, sessionsArb, fc.integer(), (roster, sessions, salt) => {
        const shuffled = [...roster].sort(
          (a, b) =>
            ((a.id.length * 31 + salt) % 7) - ((b.id.length * 31 + salt) % 7) || (a.id < b.id ? 1 : -1),
        );
        expect(allocateSeats(shuffled, sessions)).toEqual(allocateSeats(roster, sessions));
      }),
    );
  });

  it('seats a roster like the province exam day: 2,111 ASN of 12 units into 28 sessions of 76', () => {
    const roster: AllocationParticipant[] = [];
    for (let i = 0; i < 2111; i++)
      roster.push({ id: `p${String(i).padStart(4, '0')}`, unitId: `u${i % 12}` });
    const sessions: AllocationSession[] = Array.from({ length: 28 }, (_, i) => ({
      key: `s${i}`,
      capacity: 76,
    }));
    const { seats, unseated, splitUnits } = allocateSeats(roster, sessions);
    expect(unseated).toEqual([]);
    expect(seats).toHaveLength(2111);
    // 12 units of about 176 need at least 3 sessions each; best fit keeps it to 3 or 4
    for (const split of splitUnits) expect(split.sessionKeys.length).toBeLessThanOrEqual(4);
    const short = allocateSeats(
      roster,
      sessions.map((s) => ({ ...s, capacity: 75 })),
    );
    expect(short.unseated).toHaveLength(11);
  });

  it('allocates around seats already taken', () => {
    const { seats } = allocateSeats(
      [
        { id: 'a', unitId: 'x' },
        { id: 'b', unitId: 'x' },
      ],
      [{ key: 's', capacity: 4, takenSeats: [1, 3] }],
    );
    expect(seats.map((s) => s.seatNo)).toEqual([2, 4]);
  });
});

describe('firstFreeSeat', () => {
  it('finds the lowest free seat and reports a full session', () => {
    expect(firstFreeSeat(3, [1, 3])).toBe(2);
    expect(firstFreeSeat(2, [1, 2])).toBeNull();
  });
});

describe('assignProctors', () => {
  it('never gives one pengawas two rooms at the same date and slot, and spreads the load', () => {
    const sessions = [
      { key: 'a', date: '2026-11-23', slot: 'pagi' },
      { key: 'b', date: '2026-11-23', slot: 'pagi' },
      { key: 'c', date: '2026-11-23', slot: 'siang' },
      { key: 'd', date: '2026-11-24', slot: 'pagi' },
    ];
    const plan = assignProctors(sessions, ['p1', 'p2'], 1);
    expect(plan).toEqual([
      { sessionKey: 'a', proctorId: 'p1' },
      { sessionKey: 'b', proctorId: 'p2' },
      { sessionKey: 'c', proctorId: 'p1' },
      { sessionKey: 'd', proctorId: 'p2' },
    ]);
    expect(assignProctors(sessions.slice(0, 2), ['p1'], 1)).toHaveLength(1);
  });
});
