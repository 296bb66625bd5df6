import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normGroupFrom, potensi, potensiBand, standardScore } from './potensi.ts';
import { defaultScoringModel as model } from './model.ts';
import { singleChoiceItem } from '../../test/fixtures.ts';

describe('potensi', () => {
  it('counts right answers per subtest and in total, blanks and wrong answers as 0', () => {
    const items = [
      singleChoiceItem('v1', 'verbal', 'A'),
      singleChoiceItem('v2', 'verbal', 'B'),
      singleChoiceItem('n1', 'numerik', 'C'),
      singleChoiceItem('f1', 'figural', 'D'),
    ];
    const result = potensi(items, { v1: 'A', v2: 'C', n1: 'C' }, null, model);
    expect(result).toEqual({
      raw: { verbal: 1, numerik: 1, figural: 0, total: 2 },
      max: { verbal: 2, numerik: 1, figural: 1, total: 4 },
      standardScore: null,
      band: null,
    });
  });

  it('has no potensi result when the battery has no potensi item', () => {
    expect(potensi([], {}, null, model)).toBeNull();
  });

  it('scores the norm mean as 100 and one SD above as 115', () => {
    const norm = normGroupFrom([20, 30, 40, 50])!;
    expect(norm.mean).toBe(35);
    expect(standardScore(35, norm, model)).toBe(100);
    expect(standardScore(35 + norm.sd, norm, model)).toBe(115);
    expect(standardScore(10, { mean: 10, sd: 0, size: 3 }, model)).toBeNull();
  });

  it.each([
    [93, 'rendah'],
    [94, 'menengah'],
    [106, 'menengah'],
    [107, 'tinggi'],
  ] as const)('bands standard score %i as %s (thirds of the normal curve)', (score, band) => {
    expect(potensiBand(score, model)).toBe(band);
  });

  it('gives a norm group mean 100 and SD 15 after standardising', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 50 }), (raws) => {
        const norm = normGroupFrom(raws)!;
        fc.pre(norm.sd > 0);
        const exact = { ...model, potensi: { ...model.potensi, decimals: 6 } };
        const scores = raws.map((r) => standardScore(r, norm, exact)!);
        const m = scores.reduce((a, b) => a + b, 0) / scores.length;
        const sd = Math.sqrt(scores.reduce((s, x) => s + (x - m) ** 2, 0) / scores.length);
        expect(m).toBeCloseTo(100, 3);
        expect(sd).toBeCloseTo(15, 3);
      }),
    );
  });
});
