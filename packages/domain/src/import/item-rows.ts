// Item-bank file rules: the petakom JSON bank format, the flat spreadsheet row used for XLSX import
// and export, and the image limits. Every candidate item is checked with the domain itemSchema.
import { z } from 'zod';
import type { RichContent } from '../content.ts';
import { itemSchema, type Item } from '../items/index.ts';
import { cell, type ImportProblem, type SheetRow } from './cells.ts';

/** Largest embedded image, decoded bytes. Images travel inside the item as data URIs. */
export const MAX_ITEM_IMAGE_BYTES = 512 * 1024;
const DATA_URI = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,([A-Za-z0-9+/=\s]+)$/;

/** Items are stored with a server-chosen id; candidates carry this placeholder until then. */
export const PENDING_ITEM_ID = 'pending';

export interface ItemCandidate {
  line: number;
  code: string | null;
  item: Item;
}

export interface ItemProblem extends ImportProblem {
  code: 'INVALID_ITEM' | 'INVALID_IMAGE' | 'DUPLICATE_CODE' | 'UNSUPPORTED_QUESTION' | 'INVALID_FILE';
}

export const ITEM_BANK_FORMAT = 'petakom-item-bank';

export const itemBankFileSchema = z.strictObject({
  format: z.literal(ITEM_BANK_FORMAT),
  version: z.literal(1),
  items: z.array(z.strictObject({ code: z.string().min(1).max(64).nullable(), content: z.unknown() })),
});
export type ItemBankFile = z.infer<typeof itemBankFileSchema>;

function contents(item: Item): RichContent[] {
  switch (item.type) {
    case 'single_choice':
    case 'sjt':
      return [item.stem, ...item.options.map((o) => o.content)];
    case 'self_assessment':
      return [item.stem, ...item.statements.map((s) => s.content)];
    case 'likert':
      return [item.stem];
  }
}

/** Images must be embedded data URIs of a known type within the size limit (exam rooms may be offline). */
export function checkItemImages(item: Item, maxBytes = MAX_ITEM_IMAGE_BYTES): string | null {
  for (const content of contents(item)) {
    if (!content.image) continue;
    const m = DATA_URI.exec(content.image.src);
    if (!m) return 'gambar harus berupa data URI base64 (png, jpeg, gif, webp, svg)';
    const b64 = (m[2] ?? '').replace(/\s+/g, '');
    const bytes = Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    if (bytes > maxBytes)
      return `gambar ${Math.ceil(bytes / 1024)} KB melebihi batas ${Math.ceil(maxBytes / 1024)} KB`;
  }
  return null;
}

/** Validates one candidate (any shape) as an item; the id is replaced with the placeholder. */
export function checkItemCandidate(
  line: number,
  code: string | null,
  content: unknown,
): { ok: true; candidate: ItemCandidate } | { ok: false; problem: ItemProblem } {
  const withId =
    content !== null && typeof content === 'object'
      ? { ...(content as object), id: PENDING_ITEM_ID }
      : content;
  const parsed = itemSchema.safeParse(withId);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      problem: { line, code: 'INVALID_ITEM', message: `${where}${issue?.message ?? 'butir tidak sah'}` },
    };
  }
  const imageProblem = checkItemImages(parsed.data);
  if (imageProblem) return { ok: false, problem: { line, code: 'INVALID_IMAGE', message: imageProblem } };
  return { ok: true, candidate: { line, code, item: parsed.data } };
}

/** Checks a list of candidates: each valid, codes unique within the file. */
export function checkItemCandidates(
  raw: readonly { line: number; code: string | null; content: unknown }[],
): { candidates: ItemCandidate[]; problems: ItemProblem[] } {
  const candidates: ItemCandidate[] = [];
  const problems: ItemProblem[] = [];
  const codes = new Map<string, number>();
  for (const entry of raw) {
    if (entry.code !== null) {
      const first = codes.get(entry.code);
      if (first !== undefined) {
        problems.push({
          line: entry.line,
          code: 'DUPLICATE_CODE',
          message: `Kode ${entry.code} sudah dipakai di baris ${first}.`,
        });
        continue;
      }
      codes.set(entry.code, entry.line);
    }
    const checked = checkItemCandidate(entry.line, entry.code, entry.content);
    if (checked.ok) candidates.push(checked.candidate);
    else problems.push(checked.problem);
  }
  return { candidates, problems };
}

// ---- the flat spreadsheet row -------------------------------------------------------------------

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Columns of the item sheet, in export order. `score_X` is an SJT weight or a self-assessment level. */
export const ITEM_SHEET_COLUMNS = [
  'code',
  'type',
  'subtest',
  'competency',
  'indicator',
  'reverse',
  'stem',
  'stem_image',
  'key',
  ...OPTION_LETTERS.flatMap((l) => [`option_${l.toLowerCase()}`, `score_${l.toLowerCase()}`]),
] as const;

const text = (t: string, image?: string): RichContent =>
  image ? { text: t, image: { src: image, alt: '' } } : { text: t };

/** One sheet row → an item candidate (not yet validated). */
export function itemFromSheetRow(row: SheetRow): { code: string | null; content: unknown } {
  const code = cell(row, ['code', 'kode']) || null;
  const type = cell(row, ['type', 'tipe']);
  const stem = text(cell(row, ['stem', 'soal']), cell(row, ['stem_image', 'gambar']) || undefined);
  const options = OPTION_LETTERS.flatMap((letter) => {
    const body = cell(row, [`option_${letter.toLowerCase()}`]);
    if (body === '') return [];
    const score = cell(row, [`score_${letter.toLowerCase()}`]);
    return [{ id: letter, body, score: score === '' ? undefined : Number(score) }];
  });
  const competency = cell(row, ['competency', 'kompetensi']);
  switch (type) {
    case 'single_choice':
      return {
        code,
        content: {
          type,
          stem,
          subtest: cell(row, ['subtest', 'subtes']),
          options: options.map((o) => ({ id: o.id, content: text(o.body) })),
          key: cell(row, ['key', 'kunci']).toUpperCase(),
        },
      };
    case 'sjt':
      return {
        code,
        content: {
          type,
          stem,
          competency,
          indicator: cell(row, ['indicator', 'indikator']),
          options: options.map((o) => ({ id: o.id, content: text(o.body), weight: o.score })),
        },
      };
    case 'self_assessment':
      return {
        code,
        content: {
          type,
          stem,
          competency,
          statements: options.map((o) => ({ id: o.id, content: text(o.body), level: o.score })),
        },
      };
    case 'likert': {
      const reverse = cell(row, ['reverse', 'terbalik']).toLowerCase();
      return {
        code,
        content: { type, stem, competency, reverse: ['1', 'true', 'ya', 'y', 'yes'].includes(reverse) },
      };
    }
    default:
      return { code, content: { type } };
  }
}

/** An item → its sheet row (export); option text only, images of options are not carried. */
export function itemToSheetRow(
  code: string | null,
  item: Item,
): Record<(typeof ITEM_SHEET_COLUMNS)[number], string> {
  const row = Object.fromEntries(ITEM_SHEET_COLUMNS.map((c) => [c, ''])) as Record<
    (typeof ITEM_SHEET_COLUMNS)[number],
    string
  >;
  row.code = code ?? '';
  row.type = item.type;
  row.stem = item.stem.text;
  row.stem_image = item.stem.image?.src ?? '';
  const put = (list: { content: RichContent; score?: number }[]) =>
    list.slice(0, OPTION_LETTERS.length).forEach((o, i) => {
      const l = (OPTION_LETTERS[i] ?? 'A').toLowerCase() as 'a';
      row[`option_${l}`] = o.content.text;
      row[`score_${l}`] = o.score === undefined ? '' : String(o.score);
    });
  switch (item.type) {
    case 'single_choice':
      row.subtest = item.subtest;
      put(item.options);
      // sheet options are lettered by position, so the key is the letter of the key's position
      row.key = OPTION_LETTERS[item.options.findIndex((o) => o.id === item.key)] ?? '';
      break;
    case 'sjt':
      row.competency = item.competency;
      row.indicator = item.indicator;
      put(item.options.map((o) => ({ content: o.content, score: o.weight })));
      break;
    case 'self_assessment':
      row.competency = item.competency;
      put(item.statements.map((s) => ({ content: s.content, score: s.level })));
      break;
    case 'likert':
      row.competency = item.competency;
      row.reverse = item.reverse ? 'true' : 'false';
      break;
  }
  return row;
}
