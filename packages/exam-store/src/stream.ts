// The answer-log stream entry format (docs/architecture.md), parsed for the drain and for tests.

export type AnswerLogKind =
  | 'answer'
  | 'flag'
  | 'section_started'
  | 'section_closed'
  | 'attempt_started'
  | 'attempt_closed'
  | 'incident';

export interface AnswerLogEntry {
  kind: AnswerLogKind;
  attemptId: string;
  itemId: string | null;
  seq: number | null;
  /** Answer and flag entries carry the item's full state after the write: value and doubtful. */
  value: unknown;
  doubtful: boolean | null;
  at: number;
  extra: Record<string, unknown>;
}

/** Parses the flat field list ioredis returns for one stream entry. */
export function parseAnswerLogEntry(fields: readonly string[]): AnswerLogEntry {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] as string, fields[i + 1] as string);
  const v = f.get('v');
  const s = f.get('s');
  const d = f.get('d');
  return {
    kind: f.get('k') as AnswerLogKind,
    attemptId: f.get('a') ?? '',
    itemId: f.get('i') ?? null,
    seq: s === undefined ? null : Number(s),
    value: v === undefined ? undefined : (JSON.parse(v) as unknown),
    doubtful: d === undefined ? null : d === '1',
    at: Number(f.get('t')),
    extra: JSON.parse(f.get('x') ?? '{}') as Record<string, unknown>,
  };
}
