import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@petakom/protocol';
import en from './en.json';
import id from './id.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? keys(v as object, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

describe('translations', () => {
  it('say every server error code in plain Indonesian and English', () => {
    for (const code of ERROR_CODES) {
      expect(id.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });

  it('have the same keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });
});
