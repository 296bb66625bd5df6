// The battery builder's form state: sections as people edit them (minutes, not seconds), the
// default blueprint as a starting point, chosen-versus-blueprint counts, and the scoring-model choice.
import {
  SUBTESTS,
  defaultBlueprintSpec,
  defaultScoringModel,
  scoringModelSchema,
  type Battery,
  type BatterySection,
  type ScoringModel,
  type SectionKind,
  type SectionSpec,
} from '@petakom/domain';

export interface SectionDraft {
  key: string;
  kind: SectionKind;
  title: string;
  minutes: number;
  instructions: string;
  shuffleItems: boolean;
  shuffleOptions: boolean;
  itemIds: string[];
}

export type JpmVariant = ScoringModel['jpm']['variant'];

/** What the list of bank items tells the counts: the tag of each version id. */
export interface ItemTag {
  type: string;
  /** Subtest of a single-choice item, competency otherwise. */
  tag: string;
}

export interface CountRow {
  subject: string;
  chosen: number;
  /** Null when the blueprint does not ask for this subject (or the spec is free). */
  expected: number | null;
}

export function specOf(kind: SectionKind): SectionSpec | undefined {
  return defaultBlueprintSpec.sections.find((s) => s.kind === kind);
}

export function newSection(kind: SectionKind, taken: readonly string[]): SectionDraft {
  const spec = specOf(kind);
  let key: string = kind;
  for (let n = 2; taken.includes(key); n++) key = `${kind}-${n}`;
  return {
    key,
    kind,
    title: spec?.title ?? kind,
    minutes: spec ? spec.timeLimitSec / 60 : 15,
    instructions: '',
    shuffleItems: true,
    shuffleOptions: kind !== 'inventory',
    itemIds: [],
  };
}

/** The four sections of DOMAIN.md's default battery, empty, with their time limits. */
export function blueprintSections(): SectionDraft[] {
  return defaultBlueprintSpec.sections.reduce<SectionDraft[]>(
    (all, spec) => [
      ...all,
      newSection(
        spec.kind,
        all.map((s) => s.key),
      ),
    ],
    [],
  );
}

export function batteryFromDrafts(sections: readonly SectionDraft[]): Battery {
  return {
    sections: sections.map((s): BatterySection => ({
      key: s.key,
      title: s.title,
      kind: s.kind,
      timeLimitSec: Math.round(s.minutes * 60),
      itemIds: [...s.itemIds],
      shuffleItems: s.shuffleItems,
      shuffleOptions: s.shuffleOptions,
      instructions: s.instructions,
    })),
  };
}

/** Reads a stored battery back into the form; sections it cannot read are left out. */
export function draftsFromBlueprint(blueprint: Record<string, unknown>): SectionDraft[] {
  const sections = Array.isArray(blueprint['sections']) ? (blueprint['sections'] as BatterySection[]) : [];
  return sections.map((s) => ({
    key: s.key,
    kind: s.kind,
    title: s.title,
    minutes: s.timeLimitSec / 60,
    instructions: s.instructions,
    shuffleItems: s.shuffleItems,
    shuffleOptions: s.shuffleOptions,
    itemIds: [...s.itemIds],
  }));
}

/** Chosen items per subject (subtest or competency) against the default blueprint's counts. */
export function countsAgainstBlueprint(
  section: SectionDraft,
  tags: ReadonlyMap<string, ItemTag>,
  useSpec: boolean,
): { rows: CountRow[]; unknown: number } {
  const spec = useSpec ? specOf(section.kind) : undefined;
  const chosen = new Map<string, number>();
  let unknown = 0;
  for (const id of section.itemIds) {
    const tag = tags.get(id);
    if (!tag) unknown++;
    else chosen.set(tag.tag, (chosen.get(tag.tag) ?? 0) + 1);
  }
  const expected = new Map<string, number>();
  if (spec?.perSubtest) for (const [k, v] of Object.entries(spec.perSubtest)) expected.set(k, v);
  if (spec?.perCompetency !== undefined)
    for (const code of spec.competencies ?? []) expected.set(code, spec.perCompetency);
  const order = section.kind === 'potensi' ? [...SUBTESTS] : [...(spec?.competencies ?? [])];
  const subjects = [...new Set([...order, ...expected.keys(), ...[...chosen.keys()].sort()])];
  return {
    rows: subjects
      .filter((s) => expected.has(s) || chosen.has(s))
      .map((subject) => ({
        subject,
        chosen: chosen.get(subject) ?? 0,
        expected: expected.get(subject) ?? null,
      })),
    unknown,
  };
}

/** The default model with the chosen JPM variant; its version says which variant produced a result. */
export function scoringModelFor(variant: JpmVariant): ScoringModel {
  if (variant === defaultScoringModel.jpm.variant) return defaultScoringModel;
  return {
    ...defaultScoringModel,
    version: `${defaultScoringModel.version}-${variant}`,
    jpm: { ...defaultScoringModel.jpm, variant },
  };
}

export function variantOf(model: Record<string, unknown>): JpmVariant {
  const parsed = scoringModelSchema.safeParse(model);
  return parsed.success ? parsed.data.jpm.variant : defaultScoringModel.jpm.variant;
}

/** The values a blueprint problem's message needs: section titles for keys, minutes for seconds. */
export function problemValues(
  problem: {
    code: string;
    sectionKey?: string;
    itemId?: string;
    subject?: string;
    expected?: number;
    actual?: number;
  },
  sections: readonly SectionDraft[],
  itemLabel: (versionId: string) => string,
  kindName: (kind: string) => string,
): Record<string, string | number> {
  const minutes = problem.code === 'TIME_LIMIT_MISMATCH';
  const section = sections.find((s) => s.key === problem.sectionKey);
  return {
    section: section?.title ?? problem.sectionKey ?? '',
    subject: problem.code === 'MISSING_SECTION' ? kindName(problem.subject ?? '') : (problem.subject ?? ''),
    item: problem.itemId ? itemLabel(problem.itemId) : '',
    expected: minutes ? (problem.expected ?? 0) / 60 : (problem.expected ?? ''),
    actual: minutes ? (problem.actual ?? 0) / 60 : (problem.actual ?? ''),
  };
}
