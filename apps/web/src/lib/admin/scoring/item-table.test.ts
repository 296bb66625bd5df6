import { describe, expect, it } from 'vitest';
import { choiceList, fieldLabel, itemRows, type ItemRow } from './item-table.ts';

function row(itemId: string, patch: Partial<ItemRow> = {}): ItemRow {
  return {
    itemId,
    code: itemId,
    type: 'single_choice',
    scale: 'single_choice:verbal',
    respondents: 10,
    difficulty: 0.5,
    discrimination: 0.3,
    choiceRates: {},
    omissionRate: 0,
    flags: [],
    ...patch,
  };
}

const items = [
  row('a'),
  row('b', { flags: ['low_discrimination'], discrimination: 0.1 }),
  row('c', { discrimination: null, difficulty: null, omissionRate: null }),
  row('d', { flags: ['negative_discrimination', 'high_omission'], discrimination: -0.2, omissionRate: 0.4 }),
  row('e', { difficulty: 0.2, omissionRate: 0.1 }),
];
const ids = (rows: ItemRow[]) => rows.map((r) => r.itemId);

describe('the item analysis table', () => {
  it('keeps battery order by default and puts the most flagged items first on request', () => {
    expect(ids(itemRows(items, 'order', false))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(itemRows(items, 'flags', false))).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('sorts by lowest discrimination, hardest item and most omitted, with unknown values last', () => {
    expect(ids(itemRows(items, 'discrimination', false))).toEqual(['d', 'b', 'a', 'e', 'c']);
    expect(ids(itemRows(items, 'difficulty', false))).toEqual(['e', 'a', 'b', 'd', 'c']);
    expect(ids(itemRows(items, 'omission', false))).toEqual(['d', 'e', 'a', 'b', 'c']);
  });

  it('shows only flagged items when asked, in the chosen order', () => {
    expect(ids(itemRows(items, 'order', true))).toEqual(['b', 'd']);
  });

  it('lists option choice rates in reading order, Likert values numerically', () => {
    expect(choiceList({ C: 0.1, A: 0.5, B: 0.4 }).map((c) => c.option)).toEqual(['A', 'B', 'C']);
    expect(choiceList({ '10': 0.1, '2': 0.5, '1': 0.4 }).map((c) => c.option)).toEqual(['1', '2', '10']);
  });

  it('names a changed competency, gap or summary field by its message key', () => {
    expect(fieldLabel('competency.M3.level')).toEqual({
      key: 'admin.scoring.fields.level',
      values: { code: 'M3' },
    });
    expect(fieldLabel('gap.SK1')).toEqual({ key: 'admin.scoring.fields.gap', values: { code: 'SK1' } });
    expect(fieldLabel('category.pemetaan')).toEqual({
      key: 'admin.scoring.fields.category_pemetaan',
      values: {},
    });
  });
});
