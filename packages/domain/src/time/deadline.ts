// Section deadline arithmetic: start + time limit + extra time, pushed back by every pause.
// Pure functions over an explicit clock state so the server, the sweep and tests agree to the ms.
import { z } from 'zod';

export const pauseSchema = z.strictObject({
  from: z.number().int().nonnegative(),
  /** `null` while the pause is still running. */
  to: z.number().int().nonnegative().nullable(),
});

export const sectionClockSchema = z.strictObject({
  startedAt: z.number().int().nonnegative(),
  timeLimitSec: z.int().positive(),
  pauses: z.array(pauseSchema),
  extraSec: z.number().int().nonnegative(),
});

export type Pause = z.infer<typeof pauseSchema>;
export type SectionClock = z.infer<typeof sectionClockSchema>;

export interface ClockReading {
  /** Absolute server ms at which the section closes, as of `now`. */
  deadlineMs: number;
  remainingMs: number;
  paused: boolean;
  expired: boolean;
}

export function startClock(startedAt: number, timeLimitSec: number): SectionClock {
  return { startedAt, timeLimitSec, pauses: [], extraSec: 0 };
}

export function isPaused(clock: SectionClock): boolean {
  return clock.pauses.some((p) => p.to === null);
}

/**
 * The deadline as of `now`. A pause moves the deadline by the part of it that fell while the
 * section was still running: time before the start or after the deadline had already passed is
 * not given back. Extra time counts from the start, so a pause inside the extended time counts too.
 * While a pause is open the deadline keeps moving with `now`, so the remaining time stands still.
 */
export function deadlineAt(clock: SectionClock, now: number): number {
  let deadline = clock.startedAt + clock.timeLimitSec * 1000 + clock.extraSec * 1000;
  const pauses = [...clock.pauses].sort((a, b) => a.from - b.from);
  for (const pause of pauses) {
    const from = Math.max(pause.from, clock.startedAt);
    if (from >= deadline) continue;
    const to = Math.max(from, pause.to ?? now);
    deadline += to - from;
  }
  return deadline;
}

export function readClock(clock: SectionClock, now: number): ClockReading {
  const deadlineMs = deadlineAt(clock, now);
  const remainingMs = Math.max(0, deadlineMs - now);
  return { deadlineMs, remainingMs, paused: isPaused(clock), expired: remainingMs === 0 };
}

export function remainingMs(clock: SectionClock, now: number): number {
  return readClock(clock, now).remainingMs;
}

export function isExpired(clock: SectionClock, now: number): boolean {
  return readClock(clock, now).expired;
}

/** Open a pause at `at`; pausing a paused clock changes nothing. */
export function pauseClock(clock: SectionClock, at: number): SectionClock {
  if (isPaused(clock)) return clock;
  return { ...clock, pauses: [...clock.pauses, { from: at, to: null }] };
}

/** Close the open pause at `at`; resuming a running clock changes nothing. */
export function resumeClock(clock: SectionClock, at: number): SectionClock {
  if (!isPaused(clock)) return clock;
  return {
    ...clock,
    pauses: clock.pauses.map((p) => (p.to === null ? { from: p.from, to: Math.max(p.from, at) } : p)),
  };
}

/** Give extra time (proctor "tambah waktu"); negative amounts are refused by the caller's schema. */
export function addExtraTime(clock: SectionClock, seconds: number): SectionClock {
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new RangeError('tambahan waktu harus bilangan bulat ≥ 0');
  return { ...clock, extraSec: clock.extraSec + seconds };
}
