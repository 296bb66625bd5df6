// How scoring receives a participant's answers: the latest value per item id.
import type { AnswerValue } from '../items/index.ts';

export type Answers =
  ReadonlyMap<string, AnswerValue | null> | Readonly<Record<string, AnswerValue | null | undefined>>;

export function answerOf(answers: Answers, itemId: string): AnswerValue | null {
  const value =
    answers instanceof Map
      ? answers.get(itemId)
      : (answers as Readonly<Record<string, AnswerValue | null | undefined>>)[itemId];
  return value ?? null;
}
