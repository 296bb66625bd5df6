import { describe, expect, it } from 'vitest';
import { ServerClock, estimateOffset } from './clock.ts';

describe('server clock', () => {
  it('puts the server stamp in the middle of the round trip', () => {
    expect(estimateOffset([{ sentAt: 1000, receivedAt: 1100, serverTime: 6050 }])).toEqual({
      offsetMs: 5000,
      rttMs: 100,
    });
  });

  it('trusts the sample with the shortest round trip', () => {
    const estimate = estimateOffset([
      { sentAt: 0, receivedAt: 2000, serverTime: 4000 },
      { sentAt: 3000, receivedAt: 3020, serverTime: 8010 },
      { sentAt: 5000, receivedAt: 5900, serverTime: 9000 },
    ]);
    expect(estimate).toEqual({ offsetMs: 5000, rttMs: 20 });
  });

  it('ignores samples whose round trip runs backwards', () => {
    expect(estimateOffset([{ sentAt: 100, receivedAt: 50, serverTime: 0 }])).toBeNull();
  });

  it('reads server time through the measured offset and keeps only recent samples', () => {
    const clock = new ServerClock(2);
    clock.seed(10_000, 1_000);
    expect(clock.now(2_000)).toBe(11_000);
    clock.add({ sentAt: 0, receivedAt: 10, serverTime: 505 });
    expect(clock.now(1_000)).toBe(1_500);
    clock.add({ sentAt: 0, receivedAt: 100, serverTime: 350 });
    clock.add({ sentAt: 0, receivedAt: 100, serverTime: 350 });
    // The 10 ms sample fell out of the window; the remaining ones agree on +300.
    expect(clock.now(1_000)).toBe(1_300);
  });

  it('does not let a snapshot stamp override a measured offset', () => {
    const clock = new ServerClock();
    clock.add({ sentAt: 0, receivedAt: 10, serverTime: 505 });
    clock.seed(99_999, 0);
    expect(clock.offsetMs).toBe(500);
  });
});
