// The item-bank pages' two message files say the same things.
import { describe, expect, it } from 'vitest';
import en from '../../i18n/admin-bank.en.json';
import id from '../../i18n/admin-bank.id.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('item-bank and battery messages', () => {
  it('have the same keys in Indonesian and English', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('name every blueprint problem code in both languages', () => {
    const codes = [
      'NO_SECTIONS',
      'DUPLICATE_SECTION_KEY',
      'EMPTY_SECTION',
      'INVALID_TIME_LIMIT',
      'UNKNOWN_ITEM',
      'DUPLICATE_ITEM',
      'ITEM_TYPE_MISMATCH',
      'MISSING_SECTION',
      'EXTRA_SECTION',
      'TIME_LIMIT_MISMATCH',
      'SUBTEST_COUNT_MISMATCH',
      'COMPETENCY_COUNT_MISMATCH',
      'UNEXPECTED_COMPETENCY',
    ];
    for (const code of codes) {
      expect(
        id.adminBank.battery.problem[code as keyof typeof id.adminBank.battery.problem],
        code,
      ).toBeTruthy();
    }
  });
});
