import type { Seat } from '@petakom/protocol';
import { describe, expect, it } from 'vitest';
import { countSeats, seatState, visibleSeats } from './seat-state.ts';

const now = 10_000_000;
function seat(over: Partial<Seat>): Seat {
  return {
    attemptId: `a${over.seatNo ?? 1}`,
    participantName: 'Peserta',
    nip: '199001012015031001',
    seatNo: 1,
    status: 'prepared',
    currentSection: null,
    answered: 0,
    online: false,
    deviceLocked: false,
    deadline: null,
    sectionIndex: 0,
    sectionCount: 4,
    totalItems: 204,
    lastActivity: null,
    offlineSince: null,
    absent: false,
    ...over,
  };
}

describe('seat state', () => {
  it('tells not arrived, logged in, answering, idle, disconnected, finished and absent apart', () => {
    expect(seatState(seat({}), now)).toBe('not_arrived');
    expect(seatState(seat({ deviceLocked: true, online: true }), now)).toBe('logged_in');
    expect(seatState(seat({ status: 'in_progress', online: true, lastActivity: now - 1000 }), now)).toBe(
      'answering',
    );
    expect(
      seatState(seat({ status: 'in_progress', online: true, lastActivity: now - 6 * 60_000 }), now),
    ).toBe('idle');
    expect(seatState(seat({ status: 'in_progress', online: false }), now)).toBe('disconnected');
    expect(seatState(seat({ status: 'force_finished' }), now)).toBe('finished');
    expect(seatState(seat({ absent: true }), now)).toBe('absent');
  });

  it('counts every seat once and filters the ones needing attention in seat order', () => {
    const seats = [
      seat({ seatNo: 3, status: 'in_progress', online: false }),
      seat({ seatNo: 1, status: 'in_progress', online: true, lastActivity: now - 10 * 60_000 }),
      seat({ seatNo: 2, status: 'in_progress', online: true, lastActivity: now }),
    ];
    expect(countSeats(seats, now)).toMatchObject({ disconnected: 1, idle: 1, answering: 1, not_arrived: 0 });
    expect(visibleSeats(seats, { filter: 'attention', sort: 'seat', now }).map((s) => s.seatNo)).toEqual([
      1, 3,
    ]);
    expect(visibleSeats(seats, { filter: 'all', sort: 'state', now }).map((s) => s.seatNo)).toEqual([
      2, 1, 3,
    ]);
  });
});
