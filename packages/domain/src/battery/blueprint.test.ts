import { describe, expect, it } from 'vitest';
import { defaultBlueprintSpec, specItemCount, validateBattery } from './blueprint.ts';
import { defaultBank, likertItem } from '../../test/fixtures.ts';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('battery blueprint', () => {
  it('describes the 204-item default battery', () => {
    expect(defaultBlueprintSpec.sections.map(specItemCount)).toEqual([60, 90, 36, 18]);
    expect(defaultBlueprintSpec.sections.map((s) => s.timeLimitSec / 60)).toEqual([45, 75, 25, 15]);
  });

  it('finds no problem in a battery that follows the default blueprint', () => {
    const { battery, items } = defaultBank();
    expect(validateBattery(battery, items)).toEqual([]);
  });

  it('reports a missing SJT item as a per-competency count problem', () => {
    const { battery, items } = defaultBank();
    const sjt = battery.sections[1]!;
    const edited = {
      sections: battery.sections.map((s) =>
        s === sjt ? { ...s, itemIds: s.itemIds.filter((id) => id !== 'sjt-M3-1') } : s,
      ),
    };
    expect(validateBattery(edited, items)).toEqual([
      expect.objectContaining({
        code: 'COMPETENCY_COUNT_MISMATCH',
        subject: 'M3',
        expected: 10,
        actual: 9,
        sectionKey: 'sjt',
      }),
    ]);
  });

  it('reports subtest counts, time limits and missing sections', () => {
    const { battery, items } = defaultBank();
    const [potensi, sjt, inventory] = battery.sections;
    const edited = {
      sections: [
        { ...potensi!, itemIds: potensi!.itemIds.slice(1), timeLimitSec: 40 * 60 },
        sjt!,
        inventory!,
      ],
    };
    expect(codes(validateBattery(edited, items))).toEqual([
      'TIME_LIMIT_MISMATCH',
      'SUBTEST_COUNT_MISMATCH',
      'MISSING_SECTION',
    ]);
  });

  it('reports unknown, duplicated and mistyped items and duplicate section keys', () => {
    const { battery, items } = defaultBank();
    const [potensi, sjt] = battery.sections;
    const edited = {
      sections: [
        { ...potensi!, itemIds: [...potensi!.itemIds, 'ghost', 'inv-M1-1'] },
        { ...sjt!, key: 'potensi', itemIds: [...sjt!.itemIds, 'pot-verbal-1'] },
      ],
    };
    const found = codes(validateBattery(edited, items, null));
    expect(found).toEqual([
      'UNKNOWN_ITEM',
      'ITEM_TYPE_MISMATCH',
      'DUPLICATE_SECTION_KEY',
      'DUPLICATE_ITEM',
      'ITEM_TYPE_MISMATCH',
    ]);
  });

  it('reports an empty battery, an empty section and a zero time limit', () => {
    expect(codes(validateBattery({ sections: [] }, [], null))).toEqual(['NO_SECTIONS']);
    const section = {
      key: 'a',
      title: 'A',
      kind: 'inventory' as const,
      timeLimitSec: 0,
      itemIds: [],
      shuffleItems: false,
      shuffleOptions: false,
      instructions: '',
    };
    expect(codes(validateBattery({ sections: [section] }, [], null))).toEqual([
      'INVALID_TIME_LIMIT',
      'EMPTY_SECTION',
    ]);
  });

  it('reports items for a competency the blueprint does not list', () => {
    const { battery, items } = defaultBank();
    const extra = likertItem('inv-T1', 'TEKNIS1');
    const edited = {
      sections: battery.sections.map((s) =>
        s.kind === 'inventory' ? { ...s, itemIds: [...s.itemIds, extra.id] } : s,
      ),
    };
    expect(validateBattery(edited, [...items, extra])).toEqual([
      expect.objectContaining({ code: 'UNEXPECTED_COMPETENCY', subject: 'TEKNIS1' }),
    ]);
  });
});
