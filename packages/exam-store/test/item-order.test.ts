import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeOrder, encodeOrder, formLayout, type ItemOrderEntry } from '../src/item-order.ts';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

const rotated = (by: number, reversed: boolean) => {
  const turned = [...LETTERS.slice(by), ...LETTERS.slice(0, by)];
  return reversed ? turned.reverse() : turned;
};

/** A section of `n` choice items with options A–E and, every third, a scale item without options. */
function section(n: number) {
  const ids = Array.from({ length: n }, () => randomUUID());
  const layout = formLayout(ids.map((id, i) => [id, 's', i % 3 === 2 ? [1, 2, 3, 4, 5] : LETTERS] as const));
  const order: ItemOrderEntry[] = [...ids]
    .reverse()
    .map((itemId, i) =>
      ids.indexOf(itemId) % 3 === 2 ? { itemId } : { itemId, optionOrder: rotated(i % 5, i % 2 === 1) },
    );
  return { layout: layout.get('s')!, order };
}

describe('item order', () => {
  it('reads back every item and option order it wrote, at a tenth of the size of its ids', () => {
    const { layout, order } = section(120);
    const compact = encodeOrder(order, layout);
    expect(compact).not.toBeNull();
    expect(decodeOrder(compact!, layout)).toEqual(order);
    expect(compact!.length * 10).toBeLessThan(JSON.stringify(order).length);
  });

  it('reads an empty section and an order written as JSON before', () => {
    const { layout, order } = section(3);
    expect(decodeOrder(encodeOrder([], layout)!, layout)).toEqual([]);
    expect(decodeOrder(JSON.stringify(order), undefined)).toEqual(order);
  });

  it('does not write an order its layout cannot hold', () => {
    const { layout, order } = section(4);
    const first = order[0]!;
    expect(encodeOrder([{ itemId: randomUUID() }], layout)).toBeNull();
    const choice = order.find((o) => o.optionOrder)!;
    expect(encodeOrder([{ ...choice, optionOrder: ['A', 'Z'] }], layout)).toBeNull();
    const many = Array.from({ length: 40 }, (_, i) => `o${i}`);
    const wide = formLayout([[first.itemId, 's', many]]).get('s')!;
    expect(encodeOrder([{ itemId: first.itemId, optionOrder: [...many].reverse() }], wide)).toBeNull();
    expect(encodeOrder([{ itemId: first.itemId, optionOrder: many.slice(0, 36) }], wide)).not.toBeNull();
  });

  it('refuses to read an order against a layout that lacks its items or options', () => {
    const { layout, order } = section(4);
    const compact = encodeOrder(order, layout)!;
    expect(() => decodeOrder(compact, undefined)).toThrow();
    const smaller = formLayout([[randomUUID(), 's', LETTERS]]).get('s')!;
    expect(() => decodeOrder(compact, smaller)).toThrow();
    const fewer = formLayout(layout.itemIds.map((id) => [id, 's', ['A']] as const)).get('s')!;
    expect(() => decodeOrder(compact, fewer)).toThrow();
  });
});
