import { describe, expect, it } from 'vitest';
import { categories, certificateEligible, pemetaanCategory, pengisianCategory } from './categories.ts';
import { defaultScoringModel as model } from './model.ts';
import { roundHalfUp } from '../math/round.ts';

describe('JPM categories', () => {
  it.each([
    [100, 'memenuhi_syarat'],
    [80, 'memenuhi_syarat'],
    [79.99, 'masih_memenuhi_syarat'],
    [68, 'masih_memenuhi_syarat'],
    [67.99, 'kurang_memenuhi_syarat'],
    [0, 'kurang_memenuhi_syarat'],
  ] as const)('puts JPM %d in pengisian category %s', (jpm, expected) => {
    expect(pengisianCategory(jpm, model)).toBe(expected);
  });

  it.each([
    [100, 'optimal'],
    [90, 'optimal'],
    [89.99, 'cukup_optimal'],
    [78, 'cukup_optimal'],
    [77.99, 'kurang_optimal'],
    [0, 'kurang_optimal'],
  ] as const)('puts JPM %d in pemetaan category %s', (jpm, expected) => {
    expect(pemetaanCategory(jpm, model)).toBe(expected);
  });

  it('decides on the rounded value shown: 79.995 shows as 80.00 and meets the requirement', () => {
    expect(categories(roundHalfUp(79.995, 2), model)).toEqual({
      pengisian: 'memenuhi_syarat',
      pemetaan: 'cukup_optimal',
    });
    expect(categories(roundHalfUp(89.994, 2), model).pemetaan).toBe('cukup_optimal');
  });

  it('gives a certificate to the first two pengisian categories only', () => {
    expect(certificateEligible('memenuhi_syarat')).toBe(true);
    expect(certificateEligible('masih_memenuhi_syarat')).toBe(true);
    expect(certificateEligible('kurang_memenuhi_syarat')).toBe(false);
  });

  it('follows thresholds changed in the model', () => {
    const strict = {
      ...model,
      categories: { ...model.categories, pengisian: { memenuhiSyarat: 85, masihMemenuhiSyarat: 70 } },
    };
    expect(pengisianCategory(80, strict)).toBe('masih_memenuhi_syarat');
  });
});
