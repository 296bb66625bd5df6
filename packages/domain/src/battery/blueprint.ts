// Blueprint checks: does a battery hold the sections, item counts and time limits it should?
// Problems carry stable codes so the admin UI can translate them and tests can assert on them.
import { CORE_COMPETENCY_CODES } from '../competency/codes.ts';
import type { Item, Subtest } from '../items/index.ts';
import {
  ITEM_TYPE_OF_SECTION,
  toItemMap,
  type Battery,
  type ItemsInput,
  type SectionKind,
} from './battery.ts';

export interface SectionSpec {
  kind: SectionKind;
  title: string;
  timeLimitSec: number;
  /** Exact items per potensi subtest. */
  perSubtest?: Partial<Record<Subtest, number>>;
  /** Exact items per competency, for the competencies listed in `competencies`. */
  perCompetency?: number;
  competencies?: readonly string[];
}

export interface BlueprintSpec {
  sections: SectionSpec[];
}

const MIN = 60;

/** DOMAIN.md's default battery: 204 items in about 2 hours 40 minutes of answering time. */
export const defaultBlueprintSpec: BlueprintSpec = {
  sections: [
    {
      kind: 'potensi',
      title: 'Tes Potensi',
      timeLimitSec: 45 * MIN,
      perSubtest: { verbal: 20, numerik: 20, figural: 20 },
    },
    {
      kind: 'sjt',
      title: 'Tes Penilaian Kompetensi',
      timeLimitSec: 75 * MIN,
      perCompetency: 10,
      competencies: CORE_COMPETENCY_CODES,
    },
    {
      kind: 'inventory',
      title: 'Inventori',
      timeLimitSec: 25 * MIN,
      perCompetency: 4,
      competencies: CORE_COMPETENCY_CODES,
    },
    {
      kind: 'self_assessment',
      title: 'Penilaian Diri',
      timeLimitSec: 15 * MIN,
      perCompetency: 2,
      competencies: CORE_COMPETENCY_CODES,
    },
  ],
};

export function specItemCount(spec: SectionSpec): number {
  const bySubtest = Object.values(spec.perSubtest ?? {}).reduce((a, b) => a + b, 0);
  return bySubtest + (spec.perCompetency ?? 0) * (spec.competencies?.length ?? 0);
}

export type BlueprintProblemCode =
  | 'NO_SECTIONS'
  | 'DUPLICATE_SECTION_KEY'
  | 'EMPTY_SECTION'
  | 'INVALID_TIME_LIMIT'
  | 'UNKNOWN_ITEM'
  | 'DUPLICATE_ITEM'
  | 'ITEM_TYPE_MISMATCH'
  | 'MISSING_SECTION'
  | 'EXTRA_SECTION'
  | 'TIME_LIMIT_MISMATCH'
  | 'SUBTEST_COUNT_MISMATCH'
  | 'COMPETENCY_COUNT_MISMATCH'
  | 'UNEXPECTED_COMPETENCY';

export interface BlueprintProblem {
  code: BlueprintProblemCode;
  message: string;
  sectionKey?: string;
  itemId?: string;
  /** The subtest or competency a count problem is about. */
  subject?: string;
  expected?: number;
  actual?: number;
}

/**
 * Every problem of a battery, in section order; an empty list means it is ready to schedule.
 * Structure is always checked; counts and time limits are compared with `spec` (pass `null` for a
 * free-form battery that only needs to be well-formed).
 */
export function validateBattery(
  battery: Battery,
  items: ItemsInput,
  spec: BlueprintSpec | null = defaultBlueprintSpec,
): BlueprintProblem[] {
  const byId = toItemMap(items);
  const problems: BlueprintProblem[] = [];
  if (battery.sections.length === 0) {
    problems.push({ code: 'NO_SECTIONS', message: 'Baterai belum memiliki bagian.' });
  }

  const keys = new Set<string>();
  const placed = new Map<string, string>();
  for (const section of battery.sections) {
    const sectionKey = section.key;
    if (keys.has(sectionKey)) {
      problems.push({
        code: 'DUPLICATE_SECTION_KEY',
        sectionKey,
        message: `Kunci bagian ${sectionKey} dipakai lebih dari sekali.`,
      });
    }
    keys.add(sectionKey);
    if (!Number.isInteger(section.timeLimitSec) || section.timeLimitSec <= 0) {
      problems.push({
        code: 'INVALID_TIME_LIMIT',
        sectionKey,
        message: `Batas waktu bagian ${section.title} harus lebih dari 0 detik.`,
      });
    }
    if (section.itemIds.length === 0) {
      problems.push({
        code: 'EMPTY_SECTION',
        sectionKey,
        message: `Bagian ${section.title} belum berisi butir soal.`,
      });
    }
    const expectedType = ITEM_TYPE_OF_SECTION[section.kind];
    for (const itemId of section.itemIds) {
      const item = byId.get(itemId);
      const where = placed.get(itemId);
      if (where !== undefined) {
        problems.push({
          code: 'DUPLICATE_ITEM',
          sectionKey,
          itemId,
          message: `Butir ${itemId} sudah ada di bagian ${where}.`,
        });
      }
      placed.set(itemId, sectionKey);
      if (!item) {
        problems.push({
          code: 'UNKNOWN_ITEM',
          sectionKey,
          itemId,
          message: `Butir ${itemId} tidak ada di bank soal.`,
        });
      } else if (item.type !== expectedType) {
        problems.push({
          code: 'ITEM_TYPE_MISMATCH',
          sectionKey,
          itemId,
          message: `Butir ${itemId} bertipe ${item.type}, sedangkan bagian ${section.title} memerlukan ${expectedType}.`,
        });
      }
    }
  }

  if (spec) problems.push(...compareWithSpec(battery, byId, spec));
  return problems;
}

function compareWithSpec(
  battery: Battery,
  byId: ReadonlyMap<string, Item>,
  spec: BlueprintSpec,
): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  for (const section of battery.sections) {
    if (!spec.sections.some((s) => s.kind === section.kind)) {
      problems.push({
        code: 'EXTRA_SECTION',
        sectionKey: section.key,
        message: `Bagian ${section.title} (${section.kind}) tidak ada dalam cetak biru.`,
      });
    }
  }
  for (const want of spec.sections) {
    const sections = battery.sections.filter((s) => s.kind === want.kind);
    if (sections.length === 0) {
      problems.push({
        code: 'MISSING_SECTION',
        subject: want.kind,
        message: `Bagian ${want.title} belum ada.`,
      });
      continue;
    }
    const sectionKey = sections[0]?.key;
    const timeLimit = sections.reduce((sum, s) => sum + s.timeLimitSec, 0);
    if (timeLimit !== want.timeLimitSec) {
      problems.push({
        code: 'TIME_LIMIT_MISMATCH',
        sectionKey,
        expected: want.timeLimitSec,
        actual: timeLimit,
        message: `${want.title}: batas waktu ${minutes(timeLimit)} menit, seharusnya ${minutes(want.timeLimitSec)} menit.`,
      });
    }
    const sectionItems = sections
      .flatMap((s) => s.itemIds.map((id) => byId.get(id)))
      .filter((i) => i !== undefined);

    for (const [subtest, expected] of Object.entries(want.perSubtest ?? {})) {
      const actual = sectionItems.filter((i) => i.type === 'single_choice' && i.subtest === subtest).length;
      if (actual !== expected) {
        problems.push({
          code: 'SUBTEST_COUNT_MISMATCH',
          sectionKey,
          subject: subtest,
          expected,
          actual,
          message: `${want.title} ${subtest}: ${actual} butir, seharusnya ${expected}.`,
        });
      }
    }

    if (want.perCompetency !== undefined && want.competencies) {
      const counts = new Map<string, number>();
      for (const item of sectionItems) {
        if (item.type === 'single_choice') continue;
        counts.set(item.competency, (counts.get(item.competency) ?? 0) + 1);
      }
      for (const code of want.competencies) {
        const actual = counts.get(code) ?? 0;
        if (actual !== want.perCompetency) {
          problems.push({
            code: 'COMPETENCY_COUNT_MISMATCH',
            sectionKey,
            subject: code,
            expected: want.perCompetency,
            actual,
            message: `${want.title} ${code}: ${actual} butir, seharusnya ${want.perCompetency}.`,
          });
        }
      }
      for (const [code, actual] of counts) {
        if (!want.competencies.includes(code)) {
          problems.push({
            code: 'UNEXPECTED_COMPETENCY',
            sectionKey,
            subject: code,
            actual,
            message: `${want.title}: ${actual} butir untuk kompetensi ${code} yang tidak ada dalam cetak biru.`,
          });
        }
      }
    }
  }
  return problems;
}

function minutes(sec: number): string {
  return Number.isInteger(sec / 60) ? String(sec / 60) : (sec / 60).toFixed(1);
}
