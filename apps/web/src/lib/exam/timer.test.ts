import { describe, expect, it } from 'vitest';
import { crossedWarning, formatCountdown, remainingMs } from './timer.ts';

const MIN = 60_000;

describe('section countdown', () => {
  it('counts down to the server deadline and never below zero', () => {
    expect(remainingMs({ deadline: 100_000, serverNow: 40_000, pausedAt: null })).toBe(60_000);
    expect(remainingMs({ deadline: 100_000, serverNow: 140_000, pausedAt: null })).toBe(0);
    expect(remainingMs({ deadline: null, serverNow: 0, pausedAt: null })).toBeNull();
  });

  it('stops the clock while the room is paused', () => {
    const paused = { deadline: 100_000, pausedAt: 70_000 };
    expect(remainingMs({ ...paused, serverNow: 75_000 })).toBe(30_000);
    expect(remainingMs({ ...paused, serverNow: 95_000 })).toBe(30_000);
  });

  it('warns once when ten and five minutes remain', () => {
    expect(crossedWarning(10 * MIN + 400, 10 * MIN - 600)).toBe(10);
    expect(crossedWarning(10 * MIN - 600, 10 * MIN - 1600)).toBeNull();
    expect(crossedWarning(5 * MIN + 1, 5 * MIN)).toBe(5);
  });

  it('announces only the nearer warning when a long gap crosses both', () => {
    expect(crossedWarning(12 * MIN, 4 * MIN)).toBe(5);
  });

  it('stays quiet on the first reading after a resume', () => {
    expect(crossedWarning(null, 3 * MIN)).toBeNull();
  });

  it('formats minutes and seconds, rounding up the last second', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(5 * MIN)).toBe('5:00');
    expect(formatCountdown(75 * MIN + 9_000)).toBe('1:15:09');
  });
});
