// The item editor's form state and its round trip to the domain item: what a person types (text,
// an uploaded image, SVG, a table as lines of cells) becomes the item content the server validates.
import {
  CORE_COMPETENCY_CODES,
  MAX_ITEM_IMAGE_BYTES,
  itemSchema,
  type Item,
  type ItemType,
  type RichContent,
  type Subtest,
} from '@petakom/domain';

export interface RichDraft {
  text: string;
  svg: string;
  imageSrc: string;
  imageAlt: string;
  /** One row a line, cells split by `|`; the first line is the header. */
  table: string;
}

export interface ChoiceDraft {
  id: string;
  content: RichDraft;
  /** SJT weight 1–5. */
  weight: number;
  /** Self-assessment level 1–5. */
  level: number;
}

export interface ItemDraft {
  type: ItemType;
  stem: RichDraft;
  subtest: Subtest;
  competency: string;
  indicator: string;
  reverse: boolean;
  choices: ChoiceDraft[];
  /** The single-choice key: a choice id. */
  key: string;
}

export const CHOICE_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];

export function emptyRich(): RichDraft {
  return { text: '', svg: '', imageSrc: '', imageAlt: '', table: '' };
}

export function emptyDraft(type: ItemType): ItemDraft {
  const count = type === 'likert' ? 0 : 5;
  return {
    type,
    stem: emptyRich(),
    subtest: 'verbal',
    competency: CORE_COMPETENCY_CODES[0],
    indicator: '',
    reverse: false,
    choices: CHOICE_IDS.slice(0, count).map((id, i) => ({
      id,
      content: emptyRich(),
      weight: 5 - i,
      level: i + 1,
    })),
    key: 'A',
  };
}

export function tableFromText(text: string): RichContent['table'] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const [head, ...rows] = lines.map((l) => l.split('|').map((c) => c.trim()));
  return head ? { header: head, rows } : undefined;
}

export function tableToText(table: RichContent['table']): string {
  if (!table) return '';
  return [table.header, ...table.rows].map((r) => r.join(' | ')).join('\n');
}

export function richFromDraft(d: RichDraft): RichContent {
  const table = tableFromText(d.table);
  return {
    text: d.text,
    ...(d.svg.trim() ? { svg: d.svg.trim() } : {}),
    ...(d.imageSrc ? { image: { src: d.imageSrc, alt: d.imageAlt } } : {}),
    ...(table ? { table } : {}),
  };
}

export function richToDraft(c: RichContent): RichDraft {
  return {
    text: c.text,
    svg: c.svg ?? '',
    imageSrc: c.image?.src ?? '',
    imageAlt: c.image?.alt ?? '',
    table: tableToText(c.table),
  };
}

/** The item content the server takes (the domain item without its id). */
export function contentFromDraft(d: ItemDraft): Record<string, unknown> {
  const stem = richFromDraft(d.stem);
  const options = d.choices.map((c) => ({ id: c.id, content: richFromDraft(c.content) }));
  switch (d.type) {
    case 'single_choice':
      return { type: d.type, stem, subtest: d.subtest, options, key: d.key };
    case 'sjt':
      return {
        type: d.type,
        stem,
        competency: d.competency,
        indicator: d.indicator,
        options: d.choices.map((c, i) => ({ ...options[i], weight: c.weight })),
      };
    case 'likert':
      return { type: d.type, stem, competency: d.competency, reverse: d.reverse };
    case 'self_assessment':
      return {
        type: d.type,
        stem,
        competency: d.competency,
        statements: d.choices.map((c, i) => ({ ...options[i], level: c.level })),
      };
  }
}

/** Loads stored content into the editor; null when it is not a valid item (never expected). */
export function draftFromContent(content: Record<string, unknown>): ItemDraft | null {
  const parsed = itemSchema.safeParse({ ...content, id: 'draft' });
  if (!parsed.success) return null;
  const item: Item = parsed.data;
  const base = emptyDraft(item.type);
  const draft: ItemDraft = { ...base, stem: richToDraft(item.stem), choices: [] };
  switch (item.type) {
    case 'single_choice':
      return {
        ...draft,
        subtest: item.subtest,
        key: item.key,
        choices: item.options.map((o) => ({
          id: o.id,
          content: richToDraft(o.content),
          weight: 1,
          level: 1,
        })),
      };
    case 'sjt':
      return {
        ...draft,
        competency: item.competency,
        indicator: item.indicator,
        choices: item.options.map((o) => ({
          id: o.id,
          content: richToDraft(o.content),
          weight: o.weight,
          level: 1,
        })),
      };
    case 'likert':
      return { ...draft, competency: item.competency, reverse: item.reverse };
    case 'self_assessment':
      return {
        ...draft,
        competency: item.competency,
        choices: item.statements.map((s) => ({
          id: s.id,
          content: richToDraft(s.content),
          weight: 1,
          level: s.level,
        })),
      };
  }
}

/** What the list shows in the competency/subtest column. */
export function tagOf(content: Record<string, unknown>): string {
  const tag = content['type'] === 'single_choice' ? content['subtest'] : content['competency'];
  return typeof tag === 'string' ? tag : '';
}

export function stemTextOf(content: Record<string, unknown>): string {
  const stem = content['stem'];
  const text = typeof stem === 'object' && stem !== null ? (stem as { text?: unknown }).text : '';
  return typeof text === 'string' ? text : '';
}

export type ImageRead =
  { ok: true; src: string } | { ok: false; reason: 'tooBig' | 'wrongType'; sizeKb: number };

/** Checks an uploaded image against the server's rules before it is embedded as a data URI. */
export function checkImageFile(file: { type: string; size: number }): ImageRead | null {
  const sizeKb = Math.ceil(file.size / 1024);
  if (!IMAGE_TYPES.includes(file.type)) return { ok: false, reason: 'wrongType', sizeKb };
  if (file.size > MAX_ITEM_IMAGE_BYTES) return { ok: false, reason: 'tooBig', sizeKb };
  return null;
}

export async function readImage(file: File): Promise<ImageRead> {
  const refused = checkImageFile(file);
  if (refused) return refused;
  const src = await new Promise<string>((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result));
    reader.onerror = () => fail(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
  return { ok: true, src };
}
