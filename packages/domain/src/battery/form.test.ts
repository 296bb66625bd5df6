import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildForm } from './form.ts';
import { seededRandom, shuffle } from '../random/prng.ts';
import { defaultBank } from '../../test/fixtures.ts';

const { battery, items } = defaultBank();

describe('seeded shuffling', () => {
  it('gives the same form for the same seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(buildForm(battery, seed, items)).toEqual(buildForm(battery, seed, items));
      }),
      { numRuns: 50 },
    );
  });

  it('makes every section a permutation of its items and every option order a permutation of its options', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const form = buildForm(battery, seed, items);
        const byId = new Map(items.map((i) => [i.id, i]));
        form.sections.forEach((section, s) => {
          expect([...section.itemIds].sort()).toEqual([...(battery.sections[s]?.itemIds ?? [])].sort());
          for (const [itemId, order] of Object.entries(section.optionOrder)) {
            const item = byId.get(itemId);
            const ids =
              item?.type === 'self_assessment'
                ? item.statements.map((x) => x.id)
                : item?.type === 'likert'
                  ? []
                  : (item?.options.map((o) => o.id) ?? []);
            expect([...order].sort()).toEqual([...ids].sort());
          }
        });
      }),
      { numRuns: 50 },
    );
  });

  it('gives different participants different item orders', () => {
    const a = buildForm(battery, 'peserta-1', items);
    const b = buildForm(battery, 'peserta-2', items);
    expect(a.sections[1]?.itemIds).not.toEqual(b.sections[1]?.itemIds);
  });

  it('keeps the authored order when shuffling is off', () => {
    const fixed = {
      sections: battery.sections.map((s) => ({ ...s, shuffleItems: false, shuffleOptions: false })),
    };
    const form = buildForm(fixed, 'x', items);
    expect(form.sections[0]?.itemIds).toEqual(battery.sections[0]?.itemIds);
    expect(form.sections[1]?.optionOrder['sjt-M1-1']).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
    expect(form.sections[2]?.optionOrder).toEqual({});
  });

  it('refuses to build a form when an item is missing from the bank', () => {
    expect(() => buildForm(battery, 'x', items.slice(1))).toThrow(/tidak ditemukan/);
  });

  it('shuffles a list into a permutation deterministically per seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (list, seed) => {
        const once = shuffle(list, seededRandom(seed));
        expect(shuffle(list, seededRandom(seed))).toEqual(once);
        expect([...once].sort()).toEqual([...list].sort());
      }),
    );
  });

  it('draws seeded numbers in [0, 1)', () => {
    const next = seededRandom('petakom');
    for (let i = 0; i < 1000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
