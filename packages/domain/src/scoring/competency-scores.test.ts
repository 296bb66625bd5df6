import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competencyScores } from './competency-scores.ts';
import { defaultScoringModel as model } from './model.ts';
import { likertItem, selfItem, sjtItem } from '../../test/fixtures.ts';

describe('competency score', () => {
  it('weights SJT 0.60, inventory 0.25 and self assessment 0.15', () => {
    const items = [
      sjtItem('s1', 'M1'),
      sjtItem('s2', 'M1'),
      likertItem('i1', 'M1'),
      likertItem('i2', 'M1', true),
      selfItem('a1', 'M1'),
    ];
    // S_sjt = (4+3)/2 = 3.5; S_inv = (4 + (6−5))/2 = 2.5; S_self = 3 → 2.1 + 0.625 + 0.45 = 3.175
    const [score] = competencyScores(items, { s1: 'w4', s2: 'w3', i1: 4, i2: 5, a1: 'l3' }, model);
    expect(score).toEqual({
      competency: 'M1',
      parts: { sjt: 3.5, inventory: 2.5, selfAssessment: 3 },
      score: 3.18,
      level: 3,
    });
  });

  it('counts a blank SJT answer as 0 and leaves blank inventory and self-assessment answers out', () => {
    const items = [
      sjtItem('s1', 'M2'),
      sjtItem('s2', 'M2'),
      likertItem('i1', 'M2'),
      likertItem('i2', 'M2'),
      selfItem('a1', 'M2'),
    ];
    const [score] = competencyScores(items, { s1: 'w5', i1: 3 }, model);
    // S_sjt = 2.5, S_inv = 3, no self part → (0.6·2.5 + 0.25·3) / 0.85 = 2.647…
    expect(score).toMatchObject({
      parts: { sjt: 2.5, inventory: 3, selfAssessment: null },
      score: 2.65,
      level: 3,
    });
  });

  it('takes the level from the rounded score shown: 2.50 is level 3, 2.49 is level 2', () => {
    const items = [sjtItem('s1', 'M3'), sjtItem('s2', 'M3')];
    expect(competencyScores(items, { s1: 'w2', s2: 'w3' }, model)[0]).toMatchObject({ score: 2.5, level: 3 });
    const three = [likertItem('i1', 'M4'), likertItem('i2', 'M4'), likertItem('i3', 'M4')];
    // 7/3 = 2.33 → 2
    expect(competencyScores(three, { i1: 2, i2: 2, i3: 3 }, model)[0]).toMatchObject({
      score: 2.33,
      level: 2,
    });
  });

  it('clamps the level to 1 when every SJT answer is blank', () => {
    expect(competencyScores([sjtItem('s1', 'M5')], {}, model)[0]).toMatchObject({ score: 0, level: 1 });
  });

  it('does not score a competency whose only items are unanswered inventory statements', () => {
    expect(competencyScores([likertItem('i1', 'M6')], {}, model)).toEqual([]);
  });

  it('lists competencies in report order: M1…M8, SK1, then teknis', () => {
    const items = ['TK-B', 'SK1', 'M8', 'TK-A', 'M1'].map((c, i) => sjtItem(`s${i}`, c));
    expect(competencyScores(items, {}, model).map((s) => s.competency)).toEqual([
      'M1',
      'M8',
      'SK1',
      'TK-A',
      'TK-B',
    ]);
  });

  it('keeps every score between 0 and 5 and every level between 1 and 5', () => {
    const items = [
      sjtItem('s1', 'M1'),
      sjtItem('s2', 'M1'),
      likertItem('i1', 'M1'),
      likertItem('i2', 'M1', true),
      selfItem('a1', 'M1'),
    ];
    const choice = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
    fc.assert(
      fc.property(choice, choice, choice, choice, choice, (s1, s2, i1, i2, a1) => {
        const answers = { s1: s1 && `w${s1}`, s2: s2 && `w${s2}`, i1, i2, a1: a1 && `l${a1}` };
        for (const s of competencyScores(items, answers, model)) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(5);
          expect(s.level).toBeGreaterThanOrEqual(1);
          expect(s.level).toBeLessThanOrEqual(5);
        }
      }),
    );
  });
});
