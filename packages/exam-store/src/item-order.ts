// An attempt's item and option order as Redis keeps it: each item written as its place among its
// section's items (in id order) and each option as its place among the item's values, both taken
// from the attempt's form, which every attempt of a battery shares. Written out as item and option
// ids, the orders were three quarters of an attempt's ~22 KB — a Redis of 10,000 attempts holding
// 160 MB of ids it already had, copied again by every AOF rewrite.

/** One item of a section as the participant takes it. */
export interface ItemOrderEntry {
  itemId: string;
  /** The item's options in the participant's order; absent for items without options. */
  optionOrder?: string[];
}

/** A section of a form as orders are written against it: its item ids sorted, each item's values. */
export interface FormSectionLayout {
  itemIds: readonly string[];
  values: ReadonlyMap<string, readonly (string | number)[]>;
}

/** Each section of a form by its key. */
export type FormLayout = ReadonlyMap<string, FormSectionLayout>;

/** Starts a compact order; an order written as JSON (attempts prepared before) starts with `[`. */
const MARK = '~';
const RADIX = 36;

/** Lays out a form from its items: `[itemId, sectionKey, values]` in any order. */
export function formLayout(
  items: Iterable<readonly [string, string, readonly (string | number)[]]>,
): FormLayout {
  const sections = new Map<
    string,
    { itemIds: string[]; values: Map<string, readonly (string | number)[]> }
  >();
  for (const [itemId, sectionKey, values] of items) {
    let section = sections.get(sectionKey);
    if (!section) {
      section = { itemIds: [], values: new Map() };
      sections.set(sectionKey, section);
    }
    section.itemIds.push(itemId);
    section.values.set(itemId, values);
  }
  for (const section of sections.values()) section.itemIds.sort();
  return sections;
}

/**
 * The order written against its section's layout, or null when it cannot be (an item or option the
 * layout lacks, more options than one digit counts): such a section is kept as JSON.
 */
export function encodeOrder(order: readonly ItemOrderEntry[], section: FormSectionLayout): string | null {
  const position = new Map(section.itemIds.map((id, i) => [id, i]));
  const parts: string[] = [];
  for (const { itemId, optionOrder } of order) {
    const index = position.get(itemId);
    if (index === undefined) return null;
    let part = index.toString(RADIX);
    if (optionOrder) {
      const values = section.values.get(itemId) ?? [];
      part += ':';
      for (const option of optionOrder) {
        const at = values.indexOf(option);
        if (at < 0 || at >= RADIX) return null;
        part += at.toString(RADIX);
      }
    }
    parts.push(part);
  }
  return MARK + parts.join(',');
}

/** Whether a stored order needs its form's layout to be read. */
export function isCompactOrder(raw: string): boolean {
  return raw.startsWith(MARK);
}

/** Reads a stored order back: compact ones against the section's layout, older ones as JSON. */
export function decodeOrder(raw: string, section: FormSectionLayout | undefined): ItemOrderEntry[] {
  if (!isCompactOrder(raw)) return JSON.parse(raw) as ItemOrderEntry[];
  if (!section) throw new Error('a compact item order needs its form section');
  const body = raw.slice(MARK.length);
  if (body === '') return [];
  return body.split(',').map((part) => {
    const colon = part.indexOf(':');
    const itemId = section.itemIds[parseInt(colon < 0 ? part : part.slice(0, colon), RADIX)];
    if (itemId === undefined) throw new Error(`item order names no item of its form: ${part}`);
    if (colon < 0) return { itemId };
    const values = section.values.get(itemId) ?? [];
    const optionOrder = [...part.slice(colon + 1)].map((digit) => {
      const value = values[parseInt(digit, RADIX)];
      if (typeof value !== 'string') throw new Error(`item order names no option of ${itemId}: ${part}`);
      return value;
    });
    return { itemId, optionOrder };
  });
}
