// A battery: its timed sections and the item ids each holds, as stored with a campaign.
import { z } from 'zod';
import { itemIdSchema } from '../items/item-type.ts';
import type { Item } from '../items/index.ts';

export const SECTION_KINDS = ['potensi', 'sjt', 'inventory', 'self_assessment'] as const;
export const sectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof sectionKindSchema>;

/** The item type each section kind holds. */
export const ITEM_TYPE_OF_SECTION: Record<SectionKind, Item['type']> = {
  potensi: 'single_choice',
  sjt: 'sjt',
  inventory: 'likert',
  self_assessment: 'self_assessment',
};

export const batterySectionSchema = z.strictObject({
  key: z.string().min(1).max(64),
  title: z.string().min(1),
  kind: sectionKindSchema,
  timeLimitSec: z.int().positive(),
  itemIds: z.array(itemIdSchema),
  shuffleItems: z.boolean(),
  shuffleOptions: z.boolean(),
  instructions: z.string(),
});

export const batterySchema = z.strictObject({
  sections: z.array(batterySectionSchema),
});

export type BatterySection = z.infer<typeof batterySectionSchema>;
export type Battery = z.infer<typeof batterySchema>;

/** Items given as a list, a Map or a plain record, whichever the caller has at hand. */
export type ItemsInput = readonly Item[] | ReadonlyMap<string, Item> | Readonly<Record<string, Item>>;

export function toItemMap(items: ItemsInput): ReadonlyMap<string, Item> {
  if (items instanceof Map) return items;
  if (Array.isArray(items)) return new Map((items as readonly Item[]).map((item) => [item.id, item]));
  return new Map(Object.entries(items as Readonly<Record<string, Item>>));
}
