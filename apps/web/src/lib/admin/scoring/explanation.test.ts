import { describe, expect, it } from 'vitest';
import { profileSummary, weightParts, type ExplainedItem } from './explanation.ts';

const item = (patch: Partial<ExplainedItem>): ExplainedItem => ({
  itemId: 'i1',
  scoredVersionId: 'v1',
  scoredVersion: 1,
  part: 'sjt',
  answer: null,
  points: 0,
  weights: {},
  indicator: null,
  ...patch,
});

describe('a result explanation for people', () => {
  it('reads the JPM, both categories and the 9-box cell from a stored profile', () => {
    const profile = {
      status: 'dipetakan',
      jpm: { value: 81.25, capped: 81.25, uncapped: 90 },
      categories: { pengisian: 'memenuhi_syarat', pemetaan: 'cukup_optimal' },
      nineBox: { box: 5 },
    };
    expect(profileSummary(profile)).toEqual({
      jpm: 81.25,
      pengisian: 'memenuhi_syarat',
      pemetaan: 'cukup_optimal',
      nineBox: 5,
    });
  });

  it('shows nothing measured for a participant who is belum dipetakan', () => {
    expect(profileSummary({ status: 'belum_dipetakan' })).toEqual({
      jpm: null,
      pengisian: null,
      pemetaan: null,
      nineBox: null,
    });
  });

  it('lists an SJT item’s option weights in reading order with the chosen one marked', () => {
    expect(weightParts(item({ answer: 'B', weights: { C: 5, A: 1, B: 3 } }))).toEqual([
      { option: 'A', value: 1, chosen: false },
      { option: 'B', value: 3, chosen: true },
      { option: 'C', value: 5, chosen: false },
    ]);
  });

  it('says whether an inventory item is reverse-keyed', () => {
    expect(weightParts(item({ part: 'inventory', answer: 2, weights: { reverse: true } }))).toEqual({
      reverse: true,
    });
  });
});
