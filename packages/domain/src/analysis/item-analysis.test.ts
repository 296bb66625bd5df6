import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sjtItem, singleChoiceItem } from '../../test/fixtures.ts';
import { defaultScoringModel } from '../scoring/model.ts';
import { standardForJabatan } from '../competency/standard.ts';
import { scoreAttempt } from '../scoring/score-attempt.ts';
import { defaultBank } from '../../test/fixtures.ts';
import { itemAnalysis } from './item-analysis.ts';
import { diffResults } from './result-diff.ts';

// Five verbal items; participant p gets the first p items right (a perfect Guttman pattern),
// except item v5 whose key is wrong: only the weakest participants "hit" it.
const items = [1, 2, 3, 4, 5].map((i) => singleChoiceItem(`v${i}`, 'verbal', 'A'));
const attempts = [0, 1, 2, 3, 4, 5].map((p) =>
  Object.fromEntries(items.map((item, i) => [item.id, i < 4 ? (i < p ? 'A' : 'B') : p < 2 ? 'A' : 'B'])),
);

describe('item analysis', () => {
  const analysis = itemAnalysis(items, attempts);
  const stat = (id: string) => analysis.items.find((s) => s.itemId === id);

  it('gives the share right as difficulty and the option choice rates', () => {
    expect(stat('v1')?.difficulty).toBeCloseTo(5 / 6, 4);
    expect(stat('v1')?.choiceRates).toMatchObject({ A: 0.8333, B: 0.1667, C: 0 });
    expect(stat('v1')?.omissionRate).toBe(0);
  });

  it('flags an item whose right answer goes to the weakest participants as negatively discriminating', () => {
    expect(stat('v5')?.discrimination).toBeLessThan(0);
    expect(stat('v5')?.flags).toContain('negative_discrimination');
    expect(stat('v2')?.discrimination).toBeGreaterThan(0.3);
    expect(stat('v2')?.flags).not.toContain('negative_discrimination');
  });

  it('flags a keyed item nearly everyone gets right or wrong, and counts omissions', () => {
    const easy = singleChoiceItem('easy', 'numerik', 'A');
    const hard = singleChoiceItem('hard', 'numerik', 'E');
    const many = Array.from({ length: 40 }, (_, p) => ({ easy: 'A', hard: p === 0 ? null : 'B' }));
    const a = itemAnalysis([easy, hard], many);
    expect(a.items[0]?.flags).toContain('nearly_all_right');
    expect(a.items[1]?.flags).toContain('nearly_all_wrong');
    expect(a.items[1]?.omissionRate).toBe(0.025);
  });

  it("computes Cronbach's alpha and the standard error of measurement per scale", () => {
    // Two identical items: alpha = 1 and no measurement error.
    const twins = [sjtItem('s1', 'M1'), sjtItem('s2', 'M1')];
    const answers = ['w1', 'w3', 'w5', 'w2'].map((w) => ({ s1: w, s2: w }));
    const a = itemAnalysis(twins, answers);
    expect(a.scales).toEqual([expect.objectContaining({ scale: 'sjt:M1', items: 2, alpha: 1, sem: 0 })]);
    // Hand computation for the verbal scale: k = 5, Σ var_i and var(total) from the pattern above.
    const verbal = analysis.scales.find((s) => s.scale === 'single_choice:verbal');
    const totals = attempts.map((ans) => items.filter((it) => ans[it.id] === 'A').length);
    const m = totals.reduce((s, x) => s + x, 0) / totals.length;
    const varTotal = totals.reduce((s, x) => s + (x - m) ** 2, 0) / totals.length;
    const sumVar = items.reduce((s, it) => {
      const ps = attempts.map((ans) => (ans[it.id] === 'A' ? 1 : 0) as number);
      const pm = ps.reduce((x, y) => x + y, 0) / ps.length;
      return s + ps.reduce((x, y) => x + (y - pm) ** 2, 0) / ps.length;
    }, 0);
    expect(verbal?.alpha).toBeCloseTo((5 / 4) * (1 - sumVar / varTotal), 4);
  });
});

describe('result differences', () => {
  it('lists the level, JPM and category that a corrected key changes, and nothing else', () => {
    const { battery, items: bank } = defaultBank();
    const standard = standardForJabatan('administrator');
    const answers: Record<string, string | number> = {};
    for (const item of bank) {
      if (item.type === 'sjt') answers[item.id] = item.competency === 'M3' ? 'w1' : 'w4';
      else if (item.type === 'likert') answers[item.id] = 4;
      else if (item.type === 'self_assessment') answers[item.id] = 'l3';
    }
    const before = scoreAttempt({ battery, items: bank, answers, standard, model: defaultScoringModel });
    const corrected = bank.map((item) =>
      item.type === 'sjt' && item.competency === 'M3'
        ? { ...item, options: item.options.map((o) => (o.id === 'w1' ? { ...o, weight: 4 } : o)) }
        : item,
    );
    const after = scoreAttempt({ battery, items: corrected, answers, standard, model: defaultScoringModel });
    const fields = diffResults(before, after).map((c) => c.field);
    expect(fields).toContain('competency.M3.level');
    expect(fields).toContain('gap.M3');
    expect(fields).not.toContain('competency.M1.level');
    expect(diffResults(before, before)).toEqual([]);
  });
});

describe('item analysis bounds', () => {
  it('keeps difficulty and rates in [0, 1], discrimination in [-1, 1] and alpha at most 1 for any answers', () => {
    const bank = [1, 2, 3, 4].map((i) => singleChoiceItem(`p${i}`, 'figural', 'A'));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('A', 'B', 'C', null), { minLength: 4, maxLength: 4 }), {
          minLength: 2,
          maxLength: 30,
        }),
        (rows) => {
          const answers = rows.map((r) => Object.fromEntries(bank.map((item, i) => [item.id, r[i] ?? null])));
          const a = itemAnalysis(bank, answers);
          for (const s of a.items) {
            if (s.difficulty !== null) expect(s.difficulty).toBeGreaterThanOrEqual(0);
            if (s.difficulty !== null) expect(s.difficulty).toBeLessThanOrEqual(1);
            if (s.discrimination !== null) expect(Math.abs(s.discrimination)).toBeLessThanOrEqual(1);
            const total = Object.values(s.choiceRates).reduce((x, y) => x + y, 0) + (s.omissionRate ?? 0);
            expect(total).toBeCloseTo(1, 3);
          }
          for (const s of a.scales) if (s.alpha !== null) expect(s.alpha).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
