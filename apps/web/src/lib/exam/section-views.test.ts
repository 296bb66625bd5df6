import { describe, expect, it } from 'vitest';
import { viewsRetryDelayMs } from './section-views.ts';

describe('views retry delay', () => {
  it('doubles from half a second after each failed fetch and stops growing at 15 s', () => {
    const full = () => 1;
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => viewsRetryDelayMs(n, full))).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000,
    ]);
  });

  it('spreads the retries of a room over half to the whole delay', () => {
    expect(viewsRetryDelayMs(3, () => 0)).toBe(2000);
    expect(viewsRetryDelayMs(3, () => 0.5)).toBe(3000);
  });
});
