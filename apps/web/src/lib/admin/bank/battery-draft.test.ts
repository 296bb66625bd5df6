// The builder starts from the default blueprint and counts what was chosen against it.
import { describe, expect, it } from 'vitest';
import { batterySchema, defaultScoringModel, scoringModelSchema } from '@petakom/domain';
import {
  batteryFromDrafts,
  blueprintSections,
  countsAgainstBlueprint,
  draftsFromBlueprint,
  newSection,
  problemValues,
  scoringModelFor,
  variantOf,
} from './battery-draft.ts';

describe('battery drafts', () => {
  it('start from the four default sections with their time limits in minutes', () => {
    const sections = blueprintSections();
    expect(sections.map((s) => [s.kind, s.minutes])).toEqual([
      ['potensi', 45],
      ['sjt', 75],
      ['inventory', 25],
      ['self_assessment', 15],
    ]);
    const battery = batteryFromDrafts(sections);
    expect(batterySchema.safeParse(battery).success).toBe(true);
    expect(battery.sections[1]?.timeLimitSec).toBe(75 * 60);
    expect(draftsFromBlueprint(battery)).toEqual(sections);
  });

  it('give a second section of a kind its own key', () => {
    expect(newSection('sjt', ['sjt']).key).toBe('sjt-2');
  });

  it('count chosen items per competency against the blueprint', () => {
    const section = { ...newSection('inventory', []), itemIds: ['a', 'b', 'c', 'z'] };
    const tags = new Map([
      ['a', { type: 'likert', tag: 'M1' }],
      ['b', { type: 'likert', tag: 'M1' }],
      ['c', { type: 'likert', tag: 'X9' }],
    ]);
    const { rows, unknown } = countsAgainstBlueprint(section, tags, true);
    expect(unknown).toBe(1);
    expect(rows[0]).toEqual({ subject: 'M1', chosen: 2, expected: 4 });
    expect(rows.find((r) => r.subject === 'SK1')).toEqual({ subject: 'SK1', chosen: 0, expected: 4 });
    expect(rows.at(-1)).toEqual({ subject: 'X9', chosen: 1, expected: null });
  });

  it('offer the default scoring model with either JPM variant', () => {
    expect(scoringModelFor('capped')).toEqual(defaultScoringModel);
    const uncapped = scoringModelFor('uncapped');
    expect(scoringModelSchema.safeParse(uncapped).success).toBe(true);
    expect(uncapped.version).not.toBe(defaultScoringModel.version);
    expect(variantOf(uncapped)).toBe('uncapped');
  });
});

describe('blueprint problems', () => {
  it('name the section by its title and say time limits in minutes', () => {
    const sections = blueprintSections();
    expect(
      problemValues(
        { code: 'TIME_LIMIT_MISMATCH', sectionKey: 'sjt', expected: 4500, actual: 600 },
        sections,
        (id) => id,
        (k) => k,
      ),
    ).toMatchObject({ section: 'Tes Penilaian Kompetensi', expected: 75, actual: 10 });
  });
});
