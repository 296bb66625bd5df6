import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jpm } from './jpm.ts';
import { defaultScoringModel as model } from './model.ts';
import type { CompetencyScore } from './competency-scores.ts';
import type { CompetencyStandard } from '../competency/standard.ts';
import type { Level } from '../competency/codes.ts';
import { CORE_COMPETENCY_CODES } from '../competency/codes.ts';

const score = (competency: string, level: number): CompetencyScore => ({
  competency,
  parts: { sjt: level, inventory: null, selfAssessment: null },
  score: level,
  level: level as Level,
});
const standard = (levels: number[]): CompetencyStandard => ({
  jenjang: 'administrator',
  requirements: levels.map((l, i) => ({
    competency: CORE_COMPETENCY_CODES[i] ?? `T${i}`,
    requiredLevel: l as Level,
    importance: 'penting',
  })),
});

describe('JPM', () => {
  it('does not let a competency above standard make up for a gap elsewhere', () => {
    const result = jpm([score('M1', 5), score('M2', 2)], standard([3, 3]), model);
    expect(result).toMatchObject({ capped: 83.33, uncapped: 116.67, value: 83.33, untested: [] });
  });

  it('lands exactly on 80 for 4 of 5 required levels', () => {
    expect(jpm([score('M1', 4)], standard([5]), model)?.capped).toBe(80);
  });

  it('rounds half up to two decimals', () => {
    // 26/27 = 96.296…
    const s = standard([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const scores = CORE_COMPETENCY_CODES.map((c, i) => score(c, i === 0 ? 2 : 3));
    expect(jpm(scores, s, model)?.capped).toBe(96.3);
  });

  it('uses the uncapped variant for categories when the campaign chooses it', () => {
    const uncappedModel = { ...model, jpm: { ...model.jpm, variant: 'uncapped' as const } };
    expect(jpm([score('M1', 5), score('M2', 2)], standard([3, 3]), uncappedModel)?.value).toBe(116.67);
  });

  it('leaves untested competencies out of the sum instead of counting them as zero', () => {
    const result = jpm([score('M1', 3)], standard([3, 3]), model);
    expect(result).toMatchObject({ capped: 100, untested: ['M2'] });
    expect(jpm([], standard([3]), model)).toBeNull();
  });

  it('weights teknis competencies by their campaign weight', () => {
    const s: CompetencyStandard = {
      jenjang: 'administrator',
      requirements: [
        { competency: 'M1', requiredLevel: 3, importance: 'penting' },
        { competency: 'TK', requiredLevel: 3, importance: 'penting', weight: 3 },
      ],
    };
    // (3 + 3·1) / (3 + 3·3) = 6/12
    expect(jpm([score('M1', 3), score('TK', 1)], s, model)?.capped).toBe(50);
  });

  const arbCase = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((pairs) => ({
      scores: pairs.map(([l], i) => score(`C${i}`, l)),
      standard: {
        jenjang: 'administrator' as const,
        requirements: pairs.map(([, r], i) => ({
          competency: `C${i}`,
          requiredLevel: r as Level,
          importance: 'penting' as const,
        })),
      },
    }));

  it('keeps the capped JPM between 0 and 100 and never above the uncapped one', () => {
    fc.assert(
      fc.property(arbCase, ({ scores, standard: s }) => {
        const r = jpm(scores, s, model)!;
        expect(r.capped).toBeGreaterThan(0);
        expect(r.capped).toBeLessThanOrEqual(100);
        expect(r.capped).toBeLessThanOrEqual(r.uncapped);
        expect(Math.round(r.capped * 100)).toBeCloseTo(r.capped * 100, 6);
      }),
    );
  });

  it('never falls when an achieved level rises', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), ({ scores, standard: s }, pick) => {
        const i = pick % scores.length;
        const before = jpm(scores, s, model)!;
        const raised = scores.map((x, j) => (j === i ? score(x.competency, Math.min(5, x.level + 1)) : x));
        const after = jpm(raised, s, model)!;
        expect(after.capped).toBeGreaterThanOrEqual(before.capped);
        expect(after.uncapped).toBeGreaterThanOrEqual(before.uncapped);
      }),
    );
  });

  it('is 100 exactly when every achieved level meets its requirement', () => {
    fc.assert(
      fc.property(arbCase, ({ scores, standard: s }) => {
        const met = scores.map((x, i) =>
          score(x.competency, Math.max(x.level, s.requirements[i]!.requiredLevel)),
        );
        expect(jpm(met, s, model)!.capped).toBe(100);
      }),
    );
  });
});
