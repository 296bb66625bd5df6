import { describe, expect, it } from 'vitest';
import { parseNip } from './nip.ts';

const TODAY = new Date('2026-11-22T00:00:00Z');

describe('parseNip', () => {
  it('reads birth date, TMT CPNS, gender and sequence', () => {
    expect(parseNip('198503122010012003', TODAY)).toEqual({
      ok: true,
      nip: '198503122010012003',
      birthDate: '1985-03-12',
      tmt: '2010-01',
      gender: 'female',
      sequence: 3,
    });
    expect(parseNip('19850312 201001 1 003', TODAY)).toMatchObject({ ok: true, gender: 'male' });
  });

  it.each([
    ['too short', '19850312201001200', 'NIP_FORMAT'],
    ['letters', '19850312201001200X', 'NIP_FORMAT'],
    ['month 13', '198513122010012003', 'NIP_BIRTH_DATE'],
    ['31 April', '198504312010012003', 'NIP_BIRTH_DATE'],
    ['29 February in a common year', '198502292010012003', 'NIP_BIRTH_DATE'],
    ['TMT month 00', '198503122010002003', 'NIP_TMT'],
    ['gender digit 3', '198503122010013003', 'NIP_GENDER'],
    ['TMT one month before the 18th birthday month', '198503122003022003', 'NIP_TMT_BEFORE_ADULT'],
    ['TMT at 70', '195001012020012003', 'NIP_TMT_TOO_LATE'],
    ['TMT next month', '200001012026122003', 'NIP_TMT_FUTURE'],
  ])('refuses %s', (_name, nip, code) => {
    expect(parseNip(nip, TODAY)).toMatchObject({ ok: false, code });
  });

  it('accepts 29 February in a leap year, a TMT in the 18th birthday month and a TMT this month', () => {
    expect(parseNip('198402292010012003', TODAY).ok).toBe(true);
    expect(parseNip('198503122003032003', TODAY).ok).toBe(true);
    expect(parseNip('200001012026112003', TODAY).ok).toBe(true);
  });
});
