// Jabatan import rules: one row per position (code, name, jenjang, unit) with optional required
// levels per core competency; blank levels take the jenjang's default standard.
import { CORE_COMPETENCY_CODES, type Level } from '../competency/codes.ts';
import {
  JENJANG,
  JENJANG_LABEL,
  positionKindOf,
  standardForJabatan,
  type CompetencyStandard,
  type Jenjang,
  type PositionKind,
  type RequirementOverride,
} from '../competency/standard.ts';
import { cell, nameKey, normalizeHeader, type ImportProblem, type SheetRow } from './cells.ts';

export const POSITION_COLUMNS = {
  code: ['kode', 'kode_jabatan', 'code'],
  name: ['nama', 'nama_jabatan', 'jabatan', 'name'],
  jenjang: ['jenjang', 'level'],
  unit: ['unit', 'unit_kerja', 'kode_unit'],
} as const;

export interface PositionEntry {
  line: number;
  code: string | null;
  name: string;
  jenjang: Jenjang;
  kind: PositionKind;
  /** Unit code or name as written; resolved by the caller (null: no unit). */
  unit: string | null;
  standard: CompetencyStandard;
}

export type PositionProblemCode =
  | 'MISSING_FIELD'
  | 'UNKNOWN_JENJANG'
  | 'INVALID_LEVEL'
  | 'DUPLICATE_POSITION'
  /** Resolved by the caller against the agency's units. */
  | 'UNKNOWN_UNIT';

export interface PositionProblem extends ImportProblem {
  code: PositionProblemCode;
}

/** `JPT Pratama`, `jpt_pratama` or `jpt-pratama` → `jpt_pratama`. */
export function parseJenjang(value: string): Jenjang | null {
  const key = normalizeHeader(value);
  if ((JENJANG as readonly string[]).includes(key)) return key as Jenjang;
  const byLabel = JENJANG.find((j) => nameKey(JENJANG_LABEL[j]) === nameKey(value));
  return byLabel ?? null;
}

export function checkPositions(rows: readonly SheetRow[]): {
  entries: PositionEntry[];
  problems: PositionProblem[];
} {
  const entries: PositionEntry[] = [];
  const problems: PositionProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const found: PositionProblem[] = [];
    const add = (code: PositionProblemCode, field: string, message: string) =>
      found.push({ line: row.line, code, field, message });
    const code = cell(row, POSITION_COLUMNS.code);
    const name = cell(row, POSITION_COLUMNS.name);
    const rawJenjang = cell(row, POSITION_COLUMNS.jenjang);
    const unit = cell(row, POSITION_COLUMNS.unit);
    if (name === '') add('MISSING_FIELD', 'nama', 'Nama jabatan kosong.');
    const jenjang = rawJenjang === '' ? null : parseJenjang(rawJenjang);
    if (rawJenjang === '') add('MISSING_FIELD', 'jenjang', 'Jenjang kosong.');
    else if (jenjang === null) add('UNKNOWN_JENJANG', 'jenjang', `Jenjang "${rawJenjang}" tidak dikenal.`);
    const key = nameKey(code || name);
    const first = seen.get(key);
    if (key !== '' && first !== undefined) {
      add(
        'DUPLICATE_POSITION',
        code ? 'kode' : 'nama',
        `Jabatan ${code || name} sudah ada di baris ${first}.`,
      );
    } else if (key !== '') seen.set(key, row.line);

    const overrides: RequirementOverride[] = [];
    for (const competency of CORE_COMPETENCY_CODES) {
      const raw = cell(row, [competency.toLowerCase()]);
      if (raw === '') continue;
      const level = Number(raw);
      if (!Number.isInteger(level) || level < 1 || level > 5) {
        add('INVALID_LEVEL', competency, `Level ${competency} harus 1–5, bukan "${raw}".`);
      } else overrides.push({ competency, requiredLevel: level as Level });
    }
    if (found.length > 0 || jenjang === null) {
      problems.push(...found);
      continue;
    }
    entries.push({
      line: row.line,
      code: code === '' ? null : code,
      name,
      jenjang,
      kind: positionKindOf(jenjang),
      unit: unit === '' ? null : unit,
      standard: standardForJabatan(jenjang, overrides),
    });
  }
  return { entries, problems };
}
