// The answer-log stream entry as the exam store writes it (docs/architecture.md), parsed and checked.
import { z } from 'zod';

export const entryKinds = [
  'answer',
  'flag',
  'section_started',
  'section_closed',
  'attempt_started',
  'attempt_closed',
  'incident',
] as const;
export type EntryKind = (typeof entryKinds)[number];

const jsonText = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});
const intText = z
  .string()
  .regex(/^-?\d{1,16}$/)
  .transform((s) => Number(s));
const extraSchema = z.record(z.string(), z.unknown());

/** Raw fields of one stream entry; Redis hands every field over as a string. */
export const entryFieldsSchema = z
  .object({
    k: z.enum(entryKinds),
    a: z.guid(),
    i: z.guid().optional(),
    s: intText.optional(),
    v: jsonText.optional(),
    d: z.enum(['1', '0']).optional(),
    t: intText,
    x: jsonText.pipe(extraSchema).optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.k === 'answer' || e.k === 'flag') && (e.i === undefined || e.s === undefined)) {
      ctx.addIssue({ code: 'custom', message: `${e.k} needs an item id (i) and a seq (s)` });
    }
    if (e.k === 'answer' && e.v === undefined)
      ctx.addIssue({ code: 'custom', message: 'answer needs a value (v)' });
    if (e.k === 'flag' && e.d === undefined)
      ctx.addIssue({ code: 'custom', message: 'flag needs doubtful (d)' });
  });

export interface AnswerLogEntry {
  /** `<shard>-<stream id>`, unique in Postgres `answer_log`. */
  entryId: string;
  streamId: string;
  kind: EntryKind;
  attemptId: string;
  itemId: string | null;
  seq: number | null;
  /** undefined when the entry does not carry a value (a flag), null when the answer was cleared. */
  value: unknown;
  doubtful: boolean | null;
  at: Date;
  extra: Record<string, unknown>;
}

export type ParsedEntry =
  { ok: true; entry: AnswerLogEntry } | { ok: false; streamId: string; error: string };

export function entryId(shard: number, streamId: string): string {
  return `${shard}-${streamId}`;
}

/** Redis returns fields as a flat [name, value, name, value…] list. */
export function fieldsToRecord(fields: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let n = 0; n + 1 < fields.length; n += 2) record[fields[n] as string] = fields[n + 1] as string;
  return record;
}

export function parseEntry(shard: number, streamId: string, fields: readonly string[]): ParsedEntry {
  const parsed = entryFieldsSchema.safeParse(fieldsToRecord(fields));
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
    return { ok: false, streamId, error };
  }
  const e = parsed.data;
  return {
    ok: true,
    entry: {
      entryId: entryId(shard, streamId),
      streamId,
      kind: e.k,
      attemptId: e.a,
      itemId: e.i ?? null,
      seq: e.s ?? null,
      value: e.v,
      doubtful: e.d === undefined ? null : e.d === '1',
      at: new Date(e.t),
      extra: e.x ?? {},
    },
  };
}
