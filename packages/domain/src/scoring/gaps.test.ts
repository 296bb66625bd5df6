import { describe, expect, it } from 'vitest';
import { gapLevel, gaps } from './gaps.ts';
import { defaultScoringModel as model } from './model.ts';
import { sjtItem } from '../../test/fixtures.ts';

describe('gap per competency', () => {
  it.each([
    [4, 4, 'tidak_ada'],
    [10, 10, 'tidak_ada'],
    [3, 4, 'rendah'],
    [15, 20, 'rendah'],
    [8, 10, 'rendah'],
    [7, 10, 'sedang'],
    [2, 4, 'sedang'],
    [5, 10, 'sedang'],
    [4, 10, 'tinggi'],
    [1, 4, 'tinggi'],
    [0, 10, 'tinggi'],
  ] as const)('classifies %i of %i indicators met as %s', (met, tagged, expected) => {
    expect(gapLevel(met, tagged, model)).toBe(expected);
  });

  it('cannot judge a competency that no SJT item observed', () => {
    expect(gapLevel(0, 0, model)).toBeNull();
  });

  it('counts an indicator as met when the chosen weight reaches the required level, a blank as unmet', () => {
    const items = [1, 2, 3, 4].map((i) => sjtItem(`s${i}`, 'M1', `ind-${i}`));
    const answers = { s1: 'w3', s2: 'w4', s3: 'w2', s4: null };
    const [gap] = gaps(
      items,
      answers,
      {
        jenjang: 'administrator',
        requirements: [{ competency: 'M1', requiredLevel: 3, importance: 'mutlak' }],
      },
      model,
    );
    expect(gap).toEqual({
      competency: 'M1',
      requiredLevel: 3,
      importance: 'mutlak',
      tagged: 4,
      met: 2,
      unmetIndicators: ['ind-3', 'ind-4'],
      level: 'sedang',
    });
  });
});
