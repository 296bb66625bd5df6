// The keyboard of the item view: A–E or 1–5 answer, ← → move, R toggles ragu-ragu.
export type KeyCommand =
  { kind: 'choose'; index: number } | { kind: 'previous' } | { kind: 'next' } | { kind: 'toggle-flag' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** The command a key press means on an item with `choiceCount` choices, or null to let it through. */
export function commandForKey(input: KeyInput, choiceCount: number): KeyCommand | null {
  if (input.ctrlKey || input.altKey || input.metaKey) return null;
  const key = input.key.toLowerCase();
  if (key === 'arrowleft') return { kind: 'previous' };
  if (key === 'arrowright') return { kind: 'next' };
  if (key === 'r') return { kind: 'toggle-flag' };
  let index = LETTERS.indexOf(key);
  if (index < 0 && /^[1-9]$/.test(key)) index = Number(key) - 1;
  if (index >= 0 && index < choiceCount) return { kind: 'choose', index };
  return null;
}

/** Labels shown on the choices, matching the keys that pick them. */
export function choiceLabel(type: string, index: number): string {
  return type === 'likert' ? String(index + 1) : (LETTERS[index] ?? '').toUpperCase();
}
