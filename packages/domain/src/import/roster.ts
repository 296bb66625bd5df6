// Roster import rules: each row of a participant roster (NIP, name, birth date, jabatan, unit, SKP
// predikat, email) is checked and resolved against the agency's master data, or gets a reason.
import { checkMassCatEligibility } from '../competency/mass-assessment.ts';
import type { Jenjang } from '../competency/standard.ts';
import { parseNip } from '../nip.ts';
import { cell, nameKey, type ImportProblem, type SheetRow } from './cells.ts';

export const SKP_PREDIKAT_VALUES = [
  'sangat_baik',
  'baik',
  'butuh_perbaikan',
  'kurang',
  'sangat_kurang',
] as const;
export type SkpPredikatValue = (typeof SKP_PREDIKAT_VALUES)[number];

export const ROSTER_COLUMNS = {
  nip: ['nip'],
  fullName: ['nama', 'nama_lengkap', 'name', 'full_name'],
  birthDate: ['tanggal_lahir', 'tgl_lahir', 'birth_date'],
  position: ['jabatan', 'kode_jabatan', 'position'],
  unit: ['unit', 'unit_kerja', 'kode_unit'],
  skp: ['predikat_skp', 'skp', 'skp_predikat'],
  email: ['email', 'surel'],
} as const;

export interface RosterPosition {
  id: string;
  code: string | null;
  name: string;
  jenjang: Jenjang;
}

export interface RosterUnit {
  id: string;
  code: string | null;
  name: string;
}

export interface RosterContext {
  positions: readonly RosterPosition[];
  units: readonly RosterUnit[];
  /** Server date: bounds the TMT in the NIP. */
  today: Date;
  /** A CAT mapping campaign refuses positions above Administrator (Peraturan BKN). */
  massCat: boolean;
}

export interface RosterEntry {
  line: number;
  nip: string;
  fullName: string;
  birthDate: string;
  gender: 'L' | 'P';
  positionId: string;
  unitId: string;
  skpPredikat: SkpPredikatValue | null;
  email: string | null;
}

export type RosterProblemCode =
  | 'MISSING_FIELD'
  | 'INVALID_NIP'
  | 'DUPLICATE_NIP'
  | 'INVALID_BIRTH_DATE'
  | 'BIRTH_DATE_MISMATCH'
  | 'UNKNOWN_POSITION'
  | 'UNKNOWN_UNIT'
  | 'ABOVE_MASS_CAT_LEVEL'
  | 'INVALID_SKP'
  | 'INVALID_EMAIL';

export interface RosterProblem extends ImportProblem {
  code: RosterProblemCode;
}

export interface RosterCheck {
  entries: RosterEntry[];
  problems: RosterProblem[];
}

/** Looks a row's value up by code first, then by name. */
function lookup<T extends { code: string | null; name: string }>(list: readonly T[]) {
  const byCode = new Map<string, T>();
  const byName = new Map<string, T>();
  for (const entry of list) {
    if (entry.code) byCode.set(nameKey(entry.code), entry);
    byName.set(nameKey(entry.name), entry);
  }
  return (value: string): T | undefined => byCode.get(nameKey(value)) ?? byName.get(nameKey(value));
}

/** `1990-01-31`, `31-01-1990` or `31/01/1990` → `1990-01-31`; null when not a real date. */
export function parseDateCell(value: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/.exec(value);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function parseSkpPredikat(value: string): SkpPredikatValue | null | undefined {
  if (value === '') return null;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (SKP_PREDIKAT_VALUES as readonly string[]).includes(key) ? (key as SkpPredikatValue) : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks every row; a row with any problem yields no entry. Problems come in file order. */
export function checkRoster(rows: readonly SheetRow[], ctx: RosterContext): RosterCheck {
  const findPosition = lookup(ctx.positions);
  const findUnit = lookup(ctx.units);
  const firstLineOfNip = new Map<string, number>();
  const entries: RosterEntry[] = [];
  const problems: RosterProblem[] = [];

  for (const row of rows) {
    const found: RosterProblem[] = [];
    const add = (code: RosterProblemCode, field: string, message: string) =>
      found.push({ line: row.line, code, field, message });

    const rawNip = cell(row, ROSTER_COLUMNS.nip);
    const fullName = cell(row, ROSTER_COLUMNS.fullName);
    const rawBirth = cell(row, ROSTER_COLUMNS.birthDate);
    const rawPosition = cell(row, ROSTER_COLUMNS.position);
    const rawUnit = cell(row, ROSTER_COLUMNS.unit);
    const rawSkp = cell(row, ROSTER_COLUMNS.skp);
    const rawEmail = cell(row, ROSTER_COLUMNS.email);

    let nip: string | null = null;
    let nipBirth: string | null = null;
    let gender: 'L' | 'P' = 'L';
    if (rawNip === '') add('MISSING_FIELD', 'nip', 'NIP kosong.');
    else {
      const parsed = parseNip(rawNip, ctx.today);
      if (!parsed.ok) add('INVALID_NIP', 'nip', `NIP ${rawNip} tidak sah: ${parsed.message}`);
      else {
        nip = parsed.nip;
        nipBirth = parsed.birthDate;
        gender = parsed.gender === 'male' ? 'L' : 'P';
        const first = firstLineOfNip.get(nip);
        if (first !== undefined) add('DUPLICATE_NIP', 'nip', `NIP ${nip} sudah ada di baris ${first}.`);
        else firstLineOfNip.set(nip, row.line);
      }
    }
    if (fullName === '') add('MISSING_FIELD', 'nama', 'Nama kosong.');

    let birthDate = nipBirth;
    if (rawBirth !== '') {
      const parsed = parseDateCell(rawBirth);
      if (parsed === null) add('INVALID_BIRTH_DATE', 'tanggal_lahir', `Tanggal lahir ${rawBirth} tidak sah.`);
      else if (nipBirth !== null && parsed !== nipBirth) {
        add(
          'BIRTH_DATE_MISMATCH',
          'tanggal_lahir',
          `Tanggal lahir ${parsed} tidak sama dengan NIP (${nipBirth}).`,
        );
      } else birthDate = parsed;
    }

    const position = rawPosition === '' ? undefined : findPosition(rawPosition);
    if (rawPosition === '') add('MISSING_FIELD', 'jabatan', 'Jabatan kosong.');
    else if (!position) add('UNKNOWN_POSITION', 'jabatan', `Jabatan "${rawPosition}" tidak dikenal.`);
    else if (ctx.massCat) {
      const eligible = checkMassCatEligibility(position.jenjang);
      if (!eligible.ok) add('ABOVE_MASS_CAT_LEVEL', 'jabatan', eligible.message);
    }

    const unit = rawUnit === '' ? undefined : findUnit(rawUnit);
    if (rawUnit === '') add('MISSING_FIELD', 'unit', 'Unit kerja kosong.');
    else if (!unit) add('UNKNOWN_UNIT', 'unit', `Unit kerja "${rawUnit}" tidak dikenal.`);

    const skp = parseSkpPredikat(rawSkp);
    if (skp === undefined) {
      add(
        'INVALID_SKP',
        'predikat_skp',
        `Predikat SKP "${rawSkp}" tidak dikenal (Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang).`,
      );
    }
    if (rawEmail !== '' && !EMAIL.test(rawEmail))
      add('INVALID_EMAIL', 'email', `Email ${rawEmail} tidak sah.`);

    if (found.length > 0 || !nip || !birthDate || !position || !unit || skp === undefined) {
      problems.push(...found);
      continue;
    }
    entries.push({
      line: row.line,
      nip,
      fullName,
      birthDate,
      gender,
      positionId: position.id,
      unitId: unit.id,
      skpPredikat: skp,
      email: rawEmail === '' ? null : rawEmail.toLowerCase(),
    });
  }
  return { entries, problems };
}
