// The demo roster: 2,111 ASN with plausible names, valid NIPs, jabatan up to Administrator, SKP predikat.
import type { Jenjang } from '@petakom/domain';
import type { DemoOrganisation, DemoPosition } from './agency.ts';
import { DEGREES, NAME_REGIONS } from './names.ts';
import { createRng, demoUuid, type Rng } from './random.ts';

export const SKP_PREDIKAT = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type SkpPredikat = (typeof SKP_PREDIKAT)[number];
export type Gender = 'L' | 'P';

export interface DemoParticipant {
  id: string;
  nip: string;
  fullName: string;
  birthDate: string;
  gender: Gender;
  positionId: string;
  unitId: string;
  skpPredikat: SkpPredikat;
  email: string;
}

/** Mass CAT assessment stops at Administrator (Peraturan BKN); JPT positions need an assessment centre. */
export const MASS_CAT_JENJANG: readonly Jenjang[] = [
  'administrator',
  'pengawas',
  'pelaksana',
  'ahli_madya',
  'ahli_muda',
  'ahli_pertama',
  'penyelia',
  'mahir',
  'terampil',
];

const SKP_WEIGHTS: readonly (readonly [SkpPredikat, number])[] = [
  ['sangat_baik', 12],
  ['baik', 72],
  ['butuh_perbaikan', 11],
  ['kurang', 4],
  ['sangat_kurang', 1],
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** NIP = birth date (yyyymmdd) + TMT CPNS (yyyymm) + gender (1 male, 2 female) + sequence (001–999). */
export function composeNip(
  birthDate: string,
  tmt: { year: number; month: number },
  gender: Gender,
  sequence: number,
): string {
  return `${birthDate.replaceAll('-', '')}${tmt.year}${pad(tmt.month, 2)}${gender === 'L' ? 1 : 2}${pad(sequence, 3)}`;
}

function ageRange(jenjang: Jenjang): readonly [number, number] {
  switch (jenjang) {
    case 'administrator':
      return [38, 57];
    case 'pengawas':
      return [30, 56];
    case 'ahli_madya':
    case 'ahli_muda':
      return [32, 57];
    case 'ahli_pertama':
      return [24, 50];
    case 'pelaksana':
      return [22, 57];
    default:
      return [24, 56];
  }
}

function degreeFor(rng: Rng, jenjang: Jenjang): string {
  if (jenjang === 'administrator') return rng.pick(rng.chance(0.6) ? DEGREES.magister : DEGREES.sarjana);
  if (jenjang === 'pengawas') return rng.pick(rng.chance(0.3) ? DEGREES.magister : DEGREES.sarjana);
  if (jenjang.startsWith('ahli_')) return rng.pick(rng.chance(0.2) ? DEGREES.magister : DEGREES.sarjana);
  if (jenjang === 'terampil' || jenjang === 'mahir' || jenjang === 'penyelia')
    return rng.pick(DEGREES.diploma);
  return rng.weighted([
    ['', 4],
    [rng.pick(DEGREES.diploma), 2],
    [rng.pick(DEGREES.sarjana), 4],
  ]);
}

function personName(rng: Rng, gender: Gender): string {
  const region = rng.weighted(NAME_REGIONS.map((r) => [r, r.weight] as const));
  const male = gender === 'L';
  const prefix = rng.pick((male ? region.malePrefix : region.femalePrefix) ?? ['']);
  const given = rng.pick(male ? region.male : region.female);
  const last = rng.pick(male ? region.maleLast : region.femaleLast);
  return [prefix, given, last].filter((part) => part !== null && part !== '').join(' ');
}

function emailLocal(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .split(' ')
    .filter((w) => w.length > 1 && !['i', 'ni', 'andi'].includes(w));
  return [words[0], words[words.length - 1]]
    .filter((w, i, all) => w !== undefined && (i === 0 || w !== all[0]))
    .join('.');
}

export function generateParticipants(
  seed: string,
  org: DemoOrganisation,
  startDate: string,
  count: number,
): DemoParticipant[] {
  const rng = createRng(seed, 'participants');
  const examYear = Number(startDate.slice(0, 4));
  const byUnit = new Map<string, DemoPosition[]>();
  for (const p of org.positions) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);

  // Each struktural post has exactly one holder; everyone else is pelaksana or fungsional, as in a
  // province after the 2021 simplification of bureaucracy moved most pengawas posts to functional ones.
  const slots: DemoPosition[] = org.positions.filter(
    (p) => p.jenjang === 'administrator' || p.jenjang === 'pengawas',
  );
  const unitPick = org.units.map((u) => [u, u.weight] as const);
  while (slots.length < count) {
    const unit = rng.weighted(unitPick);
    const positions = byUnit.get(unit.id) ?? [];
    const group = rng.chance(0.55)
      ? positions.filter((p) => p.jenjang === 'pelaksana')
      : positions.filter((p) => p.kind === 'fungsional');
    slots.push(rng.pick(group));
  }

  const nips = new Set<string>();
  const emails = new Set<string>();
  const participants = slots.slice(0, count).map((position, index): DemoParticipant => {
    if (!MASS_CAT_JENJANG.includes(position.jenjang))
      throw new Error(`${position.name} is above Administrator`);
    const gender: Gender = rng.chance(0.52) ? 'P' : 'L';
    const [minAge, maxAge] = ageRange(position.jenjang);
    const birthYear = examYear - rng.int(minAge, maxAge);
    const birthMonth = rng.int(1, 12);
    const birthDate = `${birthYear}-${pad(birthMonth, 2)}-${pad(rng.int(1, daysInMonth(birthYear, birthMonth)), 2)}`;
    const tmtYear = Math.min(examYear - 1, birthYear + rng.int(21, 32));
    const tmt = { year: tmtYear, month: rng.pick([1, 1, 3, 3, 4, 6, 12]) };
    let nip = '';
    do nip = composeNip(birthDate, tmt, gender, rng.int(1, 999));
    while (nips.has(nip));
    nips.add(nip);

    const name = personName(rng, gender);
    const degree = degreeFor(rng, position.jenjang);
    let local = emailLocal(name) || 'asn';
    if (emails.has(local)) local = `${local}${nip.slice(-4)}`;
    if (emails.has(local)) local = `${local}.${index}`;
    emails.add(local);
    return {
      id: demoUuid(seed, 'participant', nip),
      nip,
      fullName: degree ? `${name}, ${degree}` : name,
      birthDate,
      gender,
      positionId: position.id,
      unitId: position.unitId,
      skpPredikat: rng.weighted(SKP_WEIGHTS),
      email: `${local}@kepulauannusantara.example`,
    };
  });
  return participants;
}
