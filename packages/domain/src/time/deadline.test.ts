import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addExtraTime,
  deadlineAt,
  pauseClock,
  readClock,
  resumeClock,
  startClock,
  type SectionClock,
} from './deadline.ts';

const T0 = 1_700_000_000_000;
const LIMIT = 45 * 60;

describe('section deadline', () => {
  it('is start plus the time limit when nothing happened', () => {
    const clock = startClock(T0, LIMIT);
    expect(readClock(clock, T0 + 1000)).toEqual({
      deadlineMs: T0 + LIMIT * 1000,
      remainingMs: LIMIT * 1000 - 1000,
      paused: false,
      expired: false,
    });
  });

  it('expires exactly at the deadline', () => {
    const clock = startClock(T0, 60);
    expect(readClock(clock, T0 + 59_999).expired).toBe(false);
    expect(readClock(clock, T0 + 60_000)).toMatchObject({ expired: true, remainingMs: 0 });
  });

  it('stops the remaining time while paused and moves the deadline by the pause on resume', () => {
    let clock = startClock(T0, 60);
    clock = pauseClock(clock, T0 + 10_000);
    expect(readClock(clock, T0 + 10_000).remainingMs).toBe(50_000);
    expect(readClock(clock, T0 + 500_000)).toMatchObject({
      remainingMs: 50_000,
      paused: true,
      expired: false,
    });
    clock = resumeClock(clock, T0 + 70_000);
    expect(readClock(clock, T0 + 70_000)).toMatchObject({
      deadlineMs: T0 + 120_000,
      remainingMs: 50_000,
      paused: false,
    });
  });

  it('gives back no time for a pause that began after the deadline had passed', () => {
    const clock: SectionClock = { ...startClock(T0, 60), pauses: [{ from: T0 + 61_000, to: T0 + 90_000 }] };
    expect(deadlineAt(clock, T0 + 100_000)).toBe(T0 + 60_000);
  });

  it('counts only the part of a pause after the section started', () => {
    const clock: SectionClock = { ...startClock(T0, 60), pauses: [{ from: T0 - 30_000, to: T0 + 5_000 }] };
    expect(deadlineAt(clock, T0)).toBe(T0 + 65_000);
  });

  it('ignores a second pause or a resume of a running clock', () => {
    const paused = pauseClock(startClock(T0, 60), T0 + 1);
    expect(pauseClock(paused, T0 + 2)).toBe(paused);
    const running = startClock(T0, 60);
    expect(resumeClock(running, T0 + 2)).toBe(running);
  });

  it('refuses negative or fractional extra time', () => {
    expect(() => addExtraTime(startClock(T0, 60), -1)).toThrow(RangeError);
    expect(() => addExtraTime(startClock(T0, 60), 1.5)).toThrow(RangeError);
  });

  const arbPauses = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 600_000 })), {
      maxLength: 6,
    })
    .map((xs) => xs.sort((a, b) => a[0] - b[0]));

  it('moves the deadline by exactly the extra time given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 7200 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (limit, extra, at) => {
          const clock = startClock(T0, limit);
          expect(deadlineAt(addExtraTime(clock, extra), T0 + at)).toBe(
            deadlineAt(clock, T0 + at) + extra * 1000,
          );
        },
      ),
    );
  });

  it('moves the deadline by exactly the sum of pauses taken while the section was running', () => {
    fc.assert(
      fc.property(arbPauses, (gaps) => {
        // Lay pauses end to end inside a long section so each one falls before the deadline.
        let clock = startClock(T0, 24 * 3600);
        let t = T0;
        let paused = 0;
        for (const [run, length] of gaps) {
          t += run;
          clock = resumeClock(pauseClock(clock, t), t + length);
          t += length;
          paused += length;
        }
        expect(deadlineAt(clock, t)).toBe(T0 + 24 * 3600 * 1000 + paused);
      }),
    );
  });

  it('never moves the deadline earlier as time passes, and remaining time never grows while running', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (pauseAt, a, b) => {
          const clock = pauseClock(startClock(T0, 60), T0 + pauseAt);
          const [t1, t2] = [T0 + Math.min(a, b), T0 + Math.max(a, b)];
          expect(deadlineAt(clock, t2)).toBeGreaterThanOrEqual(deadlineAt(clock, t1));
          const running = startClock(T0, 60);
          expect(readClock(running, t2).remainingMs).toBeLessThanOrEqual(readClock(running, t1).remainingMs);
        },
      ),
    );
  });
});
