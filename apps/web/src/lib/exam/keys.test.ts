import { describe, expect, it } from 'vitest';
import { choiceLabel, commandForKey } from './keys.ts';

describe('item keyboard', () => {
  it('answers with letters or digits within the choices shown', () => {
    expect(commandForKey({ key: 'c' }, 5)).toEqual({ kind: 'choose', index: 2 });
    expect(commandForKey({ key: 'E' }, 5)).toEqual({ kind: 'choose', index: 4 });
    expect(commandForKey({ key: '4' }, 5)).toEqual({ kind: 'choose', index: 3 });
    expect(commandForKey({ key: 'e' }, 4)).toBeNull();
    expect(commandForKey({ key: '0' }, 5)).toBeNull();
  });

  it('moves with the arrows and toggles ragu-ragu with R', () => {
    expect(commandForKey({ key: 'ArrowLeft' }, 5)).toEqual({ kind: 'previous' });
    expect(commandForKey({ key: 'ArrowRight' }, 5)).toEqual({ kind: 'next' });
    expect(commandForKey({ key: 'R' }, 5)).toEqual({ kind: 'toggle-flag' });
  });

  it('leaves browser shortcuts alone', () => {
    expect(commandForKey({ key: 'r', ctrlKey: true }, 5)).toBeNull();
    expect(commandForKey({ key: 'c', metaKey: true }, 5)).toBeNull();
  });

  it('labels choices the way the keys pick them', () => {
    expect(choiceLabel('single_choice', 0)).toBe('A');
    expect(choiceLabel('sjt', 4)).toBe('E');
    expect(choiceLabel('likert', 2)).toBe('3');
  });
});
