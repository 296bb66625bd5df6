import { ERROR_CODES } from '@petakom/protocol';
import { describe, expect, it } from 'vitest';
import en from '../i18n/pengawas.en.json';
import id from '../i18n/pengawas.id.json';
import { errorKey } from './errors.ts';

function message(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('proctor error messages', () => {
  it('say every server error code in Indonesian and English instead of the code', () => {
    for (const code of ERROR_CODES) {
      for (const messages of [id, en]) {
        const text = message(messages, errorKey(code));
        expect(typeof text, code).toBe('string');
        expect(text, code).not.toContain(code);
      }
    }
    expect(message(id, errorKey('INVALID_CREDENTIALS'))).toBe('Nama pengguna atau kata sandi salah.');
    expect(message(en, errorKey('FORBIDDEN'))).toContain('not assigned to this room');
  });

  it('reads a code it does not know as a server problem', () => {
    expect(errorKey('SOMETHING_NEW')).toBe('pengawas.errors.INTERNAL');
    expect(errorKey('ROOM_TOKEN_INVALID')).toBe('pengawas.errors.ROOM_TOKEN_INVALID');
  });

  it('exist, like every message of the proctor page, in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });
});
