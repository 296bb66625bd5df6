import { describe, expect, it } from 'vitest';
import { examClock } from './exam-clock.ts';

// 00:30 UTC is 07.30 in Jakarta, 08.30 in Makassar and 09.30 in Jayapura.
const AT = '2026-12-07T00:30:00Z';

describe('examClock', () => {
  it("shows a time in the exam's zone, whatever the browser's zone is", () => {
    expect(examClock('Asia/Jakarta').time(AT)).toBe('07.30');
    expect(examClock('Asia/Makassar').time(AT)).toBe('08.30');
    expect(examClock('Asia/Jayapura').time(AT)).toBe('09.30');
  });

  it("names Indonesia's three zones as a pengawas knows them", () => {
    expect(examClock('Asia/Jakarta').zone).toBe('WIB');
    expect(examClock('Asia/Makassar').zone).toBe('WITA');
    expect(examClock('Asia/Jayapura').zone).toBe('WIT');
  });

  it('counts the hours from 00 to 23', () => {
    expect(examClock('UTC').time('2026-12-07T00:05:00Z')).toBe('00.05');
    expect(examClock('UTC').time('2026-12-07T23:59:00Z')).toBe('23.59');
  });

  it("falls back to the browser's zone when the zone is unknown or not one", () => {
    const own = new Intl.DateTimeFormat('id-ID', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(AT));
    expect(examClock(undefined).time(AT)).toBe(own);
    expect(examClock('Not/AZone').time(AT)).toBe(own);
    // Named as the zone the times are shown in, not as the one asked for.
    expect(examClock('Not/AZone').zone).toBe(examClock(undefined).zone);
  });
});
