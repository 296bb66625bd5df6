import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfUp } from './round.ts';

describe('roundHalfUp', () => {
  it.each([
    [1.005, 2, 1.01],
    [79.995, 2, 80],
    [79.994, 2, 79.99],
    [2.5, 0, 3],
    [3.49, 0, 3],
    [0.125, 2, 0.13],
    [(26 / 27) * 100, 2, 96.3],
    [79.99499999999999, 2, 80],
    [1e-7, 2, 0],
    [-2.5, 0, -3],
  ])('rounds %d to %d places as %d', (value, places, expected) => {
    expect(roundHalfUp(value, places)).toBe(expected);
  });

  it('stays within half a unit of the last place', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        expect(Math.abs(roundHalfUp(x, d) - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9);
      }),
    );
  });
});
