import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAttempt } from './score-attempt.ts';
import { standardForJabatan } from '../competency/standard.ts';
import { defaultBank } from '../../test/fixtures.ts';
import type { AnswerValue, Item } from '../items/index.ts';

const { battery, items } = defaultBank();
const standard = standardForJabatan('administrator');

function answerAll(pick: (item: Item) => AnswerValue | null): Record<string, AnswerValue | null> {
  return Object.fromEntries(items.map((i) => [i.id, pick(i)]));
}

const steady = answerAll((i) =>
  i.type === 'single_choice' ? 'A' : i.type === 'sjt' ? 'w4' : i.type === 'likert' ? 4 : 'l4',
);

describe('scoreAttempt', () => {
  it('reports "belum dipetakan" for a participant who never sat, never a zero', () => {
    expect(scoreAttempt({ battery, items, answers: null, standard })).toEqual({
      status: 'belum_dipetakan',
      modelVersion: 'petakom-default-1',
    });
  });

  it('turns a full set of answers into the complete profile', () => {
    const profile = scoreAttempt({
      battery,
      items,
      answers: steady,
      standard,
      skpPredikat: 'baik',
      normGroup: { mean: 12, sd: 4, size: 100 },
    });
    if (profile.status !== 'dipetakan') throw new Error('expected a profile');
    // S_sjt 4, S_inv (4+4+4+2)/4 = 3.5, S_self 4 → 2.4 + 0.875 + 0.6 = 3.875 → 3.88, level 4
    expect(profile.competencies).toHaveLength(9);
    expect(profile.competencies[0]).toEqual({
      competency: 'M1',
      parts: { sjt: 4, inventory: 3.5, selfAssessment: 4 },
      score: 3.88,
      level: 4,
    });
    expect(profile.jpm).toMatchObject({ capped: 100, uncapped: 133.33, value: 100, untested: [] });
    expect(profile.categories).toEqual({ pengisian: 'memenuhi_syarat', pemetaan: 'optimal' });
    expect(profile.gaps.every((g) => g.level === 'tidak_ada' && g.tagged === 10)).toBe(true);
    expect(profile.nineBox).toMatchObject({ box: 8, kinerja: 'sesuai_ekspektasi', potensial: 'tinggi' });
    // keys cycle A..E, so 'A' is right on items 5, 10, 15, 20 of each subtest
    expect(profile.potensi).toMatchObject({
      raw: { verbal: 4, numerik: 4, figural: 4, total: 12 },
      standardScore: 100,
      band: 'menengah',
    });
    expect(profile.developmentPlan.needs).toEqual([]);
    expect(profile.developmentPlan.totalJp).toBe(100);
  });

  it('maps a participant who answered nothing as measured at the floor, not as missing', () => {
    const profile = scoreAttempt({ battery, items, answers: {}, standard, skpPredikat: 'sangat_baik' });
    if (profile.status !== 'dipetakan') throw new Error('expected a profile');
    expect(profile.competencies.every((c) => c.level === 1 && c.parts.inventory === null)).toBe(true);
    expect(profile.jpm?.capped).toBe(33.33);
    expect(profile.categories).toEqual({ pengisian: 'kurang_memenuhi_syarat', pemetaan: 'kurang_optimal' });
    expect(profile.gaps.every((g) => g.level === 'tinggi')).toBe(true);
    expect(profile.nineBox?.box).toBe(4);
    expect(profile.developmentPlan.needs).toHaveLength(9);
  });

  it('has no 9-box without an SKP predikat', () => {
    const profile = scoreAttempt({ battery, items, answers: steady, standard });
    expect(profile.status === 'dipetakan' && profile.nineBox).toBeNull();
  });

  it('gives the same result for the same answers, whatever order they arrive in', () => {
    const choice = (i: Item) =>
      fc.constantFrom<AnswerValue | null>(
        null,
        ...(i.type === 'likert'
          ? [1, 2, 3, 4, 5]
          : i.type === 'self_assessment'
            ? i.statements.map((s) => s.id)
            : i.options.map((o) => o.id)),
      );
    const arbAnswers = fc.tuple(...items.slice(60, 100).map(choice));
    fc.assert(
      fc.property(arbAnswers, (values) => {
        const entries = items.slice(60, 100).map((i, n) => [i.id, values[n] ?? null] as const);
        const a = scoreAttempt({
          battery,
          items,
          answers: Object.fromEntries(entries),
          standard,
          skpPredikat: 'baik',
        });
        const b = scoreAttempt({
          battery,
          items,
          answers: new Map([...entries].reverse()),
          standard,
          skpPredikat: 'baik',
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 30 },
    );
  });
});
