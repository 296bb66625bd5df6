import { describe, expect, it } from 'vitest';
import {
  itemSchema,
  participantView,
  scoreItem,
  validateResponse,
  applyOptionOrder,
  applyItemOrder,
  optionIds,
} from './index.ts';
import { likertItem, selfItem, singleChoiceItem, sjtItem } from '../../test/fixtures.ts';

describe('item schema', () => {
  it('accepts each of the four item types', () => {
    for (const item of [
      singleChoiceItem('a'),
      likertItem('b', 'M1'),
      sjtItem('c', 'M2'),
      selfItem('d', 'SK1'),
    ]) {
      expect(itemSchema.safeParse(item).success).toBe(true);
    }
  });

  it('refuses a single-choice key that is not one of the options', () => {
    expect(itemSchema.safeParse({ ...singleChoiceItem('a'), key: 'Z' }).success).toBe(false);
  });

  it('refuses duplicate option ids', () => {
    const item = singleChoiceItem('a');
    const options = [...item.options, { id: 'A', content: { text: 'lagi' } }];
    expect(itemSchema.safeParse({ ...item, options }).success).toBe(false);
  });

  it('refuses an SJT option weight outside 1..5', () => {
    const item = sjtItem('c', 'M2');
    const bad = { ...item, options: item.options.map((o, i) => (i === 0 ? { ...o, weight: 6 } : o)) };
    expect(itemSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses self-assessment statements that share a level', () => {
    const item = selfItem('d', 'M3');
    const bad = { ...item, statements: item.statements.map((s) => ({ ...s, level: 2 })) };
    expect(itemSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses an unknown item type', () => {
    expect(itemSchema.safeParse({ ...likertItem('b', 'M1'), type: 'essay' }).success).toBe(false);
  });
});

describe('participant view', () => {
  const forbidden = ['key', 'weight', 'level', 'reverse', 'competency', 'indicator', 'subtest'];
  const hidden = (view: unknown) => JSON.stringify(view, (k, v) => (forbidden.includes(k) ? '__LEAK__' : v));

  it('removes keys, weights, levels, reverse flags and competency tags', () => {
    for (const item of [
      singleChoiceItem('a'),
      likertItem('b', 'M1', true),
      sjtItem('c', 'M2'),
      selfItem('d', 'SK1'),
    ]) {
      expect(hidden(participantView(item))).not.toContain('__LEAK__');
    }
  });

  it('keeps options in the given order', () => {
    const view = participantView(sjtItem('c', 'M2'));
    expect(view.type === 'sjt' && view.options.map((o) => o.id)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
  });

  it('applies a form option order and refuses an order from another item', () => {
    const item = singleChoiceItem('a');
    const view = applyOptionOrder(participantView(item), ['E', 'D', 'C', 'B', 'A']);
    expect(view.type === 'single_choice' && view.options.map((o) => o.id)).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(() => applyOptionOrder(participantView(item), ['A', 'B'])).toThrow();
    expect(() => applyOptionOrder(participantView(item), ['A', 'B', 'C', 'D', 'X'])).toThrow();
  });

  it("puts shared views in a participant's item and option order and refuses an item the views lack", () => {
    const a = participantView(singleChoiceItem('a'));
    const b = participantView(likertItem('b', 'M1'));
    const views = new Map([
      [a.id, a],
      [b.id, b],
    ]);
    const ordered = applyItemOrder(views, [
      { itemId: b.id },
      { itemId: a.id, optionOrder: ['C', 'A', 'E', 'B', 'D'] },
    ]);
    expect(ordered.map((v) => v.id)).toEqual([b.id, a.id]);
    const second = ordered[1];
    expect(second?.type === 'single_choice' && second.options.map((o) => o.id)).toEqual([
      'C',
      'A',
      'E',
      'B',
      'D',
    ]);
    expect(a.type === 'single_choice' && a.options.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(() => applyItemOrder(views, [{ itemId: 'elsewhere' }])).toThrow();
  });

  it('lists self-assessment statements as the choices a form shuffles', () => {
    expect(optionIds(selfItem('d', 'M1'))).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(optionIds(likertItem('b', 'M1'))).toEqual([]);
  });
});

describe('validateResponse', () => {
  it('accepts null as clearing the answer', () => {
    expect(validateResponse(likertItem('b', 'M1'), null)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['single choice, unknown option', singleChoiceItem('a'), 'Z'],
    ['single choice, a number', singleChoiceItem('a'), 1],
    ['likert, 0', likertItem('b', 'M1'), 0],
    ['likert, 6', likertItem('b', 'M1'), 6],
    ['likert, 2.5', likertItem('b', 'M1'), 2.5],
    ['likert, a string', likertItem('b', 'M1'), '3'],
    ['sjt, unknown option', sjtItem('c', 'M2'), 'w9'],
    ['self assessment, unknown statement', selfItem('d', 'M1'), 'l9'],
  ])('refuses %s', (_name, item, value) => {
    const result = validateResponse(item, value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('INVALID_VALUE');
  });

  it('accepts a valid answer for each type', () => {
    expect(validateResponse(singleChoiceItem('a'), 'B')).toEqual({ ok: true, value: 'B' });
    expect(validateResponse(likertItem('b', 'M1'), 5)).toEqual({ ok: true, value: 5 });
    expect(validateResponse(sjtItem('c', 'M2'), 'w3')).toEqual({ ok: true, value: 'w3' });
    expect(validateResponse(selfItem('d', 'M1'), 'l4')).toEqual({ ok: true, value: 'l4' });
  });
});

describe('scoreItem', () => {
  it('gives 1 for the key and 0 for a wrong or blank potensi answer', () => {
    const item = singleChoiceItem('a', 'verbal', 'C');
    expect(scoreItem(item, 'C').points).toBe(1);
    expect(scoreItem(item, 'A').points).toBe(0);
    expect(scoreItem(item, null)).toEqual({ answered: false, points: 0, max: 1 });
  });

  it('scores a Likert value, or 6 − value when reverse-keyed, and leaves a blank uncounted', () => {
    expect(scoreItem(likertItem('b', 'M1'), 4).points).toBe(4);
    expect(scoreItem(likertItem('b', 'M1', true), 4).points).toBe(2);
    expect(scoreItem(likertItem('b', 'M1', true), null).points).toBeNull();
  });

  it('scores the chosen SJT weight, 0 when blank', () => {
    expect(scoreItem(sjtItem('c', 'M2'), 'w4').points).toBe(4);
    expect(scoreItem(sjtItem('c', 'M2'), null).points).toBe(0);
  });

  it('scores the level of the chosen self-assessment statement, uncounted when blank', () => {
    expect(scoreItem(selfItem('d', 'M1'), 'l3').points).toBe(3);
    expect(scoreItem(selfItem('d', 'M1'), null).points).toBeNull();
  });

  it('treats an invalid stored answer as blank', () => {
    expect(scoreItem(sjtItem('c', 'M2'), 'nope')).toEqual({ answered: false, points: 0, max: 5 });
  });
});
