import { parseNip } from '@petakom/domain';
import { describe, expect, it } from 'vitest';
import { loadTestNip } from './nip.ts';

describe('loadTestNip', () => {
  it('gives 30,000 participants distinct NIPs that the domain accepts', () => {
    const today = new Date('2026-11-23T00:00:00Z');
    const nips = Array.from({ length: 30_000 }, (_, n) => loadTestNip(n));
    expect(new Set(nips).size).toBe(nips.length);
    const refused = nips.filter((nip) => !parseNip(nip, today).ok);
    expect(refused).toEqual([]);
  });
});
