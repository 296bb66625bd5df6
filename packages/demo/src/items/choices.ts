// Shared helper for potensi items: place the right answer among distractors under letters A–E.
import type { RichContent, SingleChoiceItem, Subtest } from '@petakom/domain';
import type { Rng } from '../random.ts';

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

export function singleChoiceItem(
  rng: Rng,
  id: string,
  subtest: Subtest,
  stem: RichContent,
  correct: RichContent,
  distractors: readonly RichContent[],
): SingleChoiceItem {
  if (distractors.length !== OPTION_LETTERS.length - 1) throw new Error(`${id}: need 4 distractors`);
  const contents = rng.shuffle([correct, ...distractors]);
  const options = contents.map((content, i) => ({ id: OPTION_LETTERS[i] as string, content }));
  const keyIndex = contents.indexOf(correct);
  return { id, type: 'single_choice', stem, subtest, options, key: OPTION_LETTERS[keyIndex] as string };
}

export const text = (value: string | number): RichContent => ({ text: String(value) });
