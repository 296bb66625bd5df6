import type { Seat } from '@petakom/protocol';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDLE_MINUTES,
  countSeats,
  readIdleMinutes,
  rememberIdleMinutes,
  seatState,
  visibleSeats,
} from './seat-state.ts';

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

  it('calls a seat idle only after the threshold the proctor chose', () => {
    const quietFor = (minutes: number) =>
      seat({ status: 'in_progress', online: true, lastActivity: now - minutes * 60_000 });
    expect(seatState(quietFor(4), now, 3 * 60_000)).toBe('idle');
    expect(seatState(quietFor(4), now)).toBe('answering');
    expect(seatState(quietFor(12), now, 15 * 60_000)).toBe('answering');
    expect(seatState(quietFor(16), now, 15 * 60_000)).toBe('idle');
    const seats = [quietFor(4), quietFor(8), quietFor(12)].map((s, i) => ({ ...s, seatNo: i + 1 }));
    expect(countSeats(seats, now, 10 * 60_000)).toMatchObject({ idle: 1, answering: 2 });
    expect(
      visibleSeats(seats, { filter: 'idle', sort: 'seat', now, idleMs: 3 * 60_000 }).map((s) => s.seatNo),
    ).toEqual([1, 2, 3]);
  });
});

describe('idle threshold choice', () => {
  function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
    const values = new Map<string, string>();
    return {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
    };
  }

  it('remembers the chosen minutes for the next visit and starts at 5 before any choice', () => {
    const storage = memoryStorage();
    expect(readIdleMinutes(storage)).toBe(DEFAULT_IDLE_MINUTES);
    expect(DEFAULT_IDLE_MINUTES).toBe(5);
    rememberIdleMinutes(storage, 10);
    expect(readIdleMinutes(storage)).toBe(10);
    rememberIdleMinutes(storage, 3);
    expect(readIdleMinutes(storage)).toBe(3);
  });

  it('ignores a threshold that is not one of the choices and storage that refuses to work', () => {
    const storage = memoryStorage();
    rememberIdleMinutes(storage, 7);
    expect(readIdleMinutes(storage)).toBe(5);
    storage.setItem('petakom.pengawas.idleMinutes', 'banyak');
    expect(readIdleMinutes(storage)).toBe(5);
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberIdleMinutes(broken, 15)).not.toThrow();
    expect(readIdleMinutes(broken)).toBe(5);
  });
});
