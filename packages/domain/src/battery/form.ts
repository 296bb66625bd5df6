// A participant's form: the battery's items and options in the order drawn from the attempt's seed.
import { optionIds } from '../items/index.ts';
import { seededRandom, shuffle } from '../random/prng.ts';
import { toItemMap, type Battery, type ItemsInput } from './battery.ts';

export interface FormSection {
  key: string;
  itemIds: string[];
  /** Option (or statement) ids per item in display order; items without choices have no entry. */
  optionOrder: Record<string, string[]>;
}

export interface Form {
  sections: FormSection[];
}

/**
 * Build the form for one seed. Each section and item draws from its own stream (seed + section key
 * + item id), so editing one section never reshuffles the others and the same seed always gives
 * the same form. Items are needed for their option ids; an item id without an item is an error.
 */
export function buildForm(battery: Battery, seed: string, items: ItemsInput): Form {
  const byId = toItemMap(items);
  return {
    sections: battery.sections.map((section) => {
      const itemIds = section.shuffleItems
        ? shuffle(section.itemIds, seededRandom(`${seed}\u0000${section.key}`))
        : [...section.itemIds];
      const optionOrder: Record<string, string[]> = {};
      for (const itemId of section.itemIds) {
        const item = byId.get(itemId);
        if (!item) throw new Error(`butir ${itemId} pada bagian ${section.key} tidak ditemukan`);
        const ids = optionIds(item);
        if (ids.length === 0) continue;
        optionOrder[itemId] = section.shuffleOptions
          ? shuffle(ids, seededRandom(`${seed}\u0000${section.key}\u0000${itemId}`))
          : ids;
      }
      return { key: section.key, itemIds, optionOrder };
    }),
  };
}
