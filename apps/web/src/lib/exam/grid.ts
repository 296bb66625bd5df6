// What the number grid shows for each item of a section, and the counts beside it.
export type CellState = 'answered' | 'doubtful' | 'unanswered';

export interface LocalAnswer {
  value: string | number | null;
  doubtful: boolean;
}

/** Ragu-ragu wins over answered: a flagged item is one the participant meant to revisit. */
export function cellState(answer: LocalAnswer | undefined): CellState {
  if (answer?.doubtful) return 'doubtful';
  return answer && answer.value !== null ? 'answered' : 'unanswered';
}

export interface GridCounts {
  answered: number;
  doubtful: number;
  unanswered: number;
}

export function gridCounts(
  itemIds: readonly string[],
  answers: Readonly<Record<string, LocalAnswer>>,
): GridCounts {
  const counts: GridCounts = { answered: 0, doubtful: 0, unanswered: 0 };
  for (const id of itemIds) counts[cellState(answers[id])]++;
  return counts;
}

/** Items still worth a look before closing: unanswered or ragu-ragu, with their 1-based numbers. */
export function itemsToReview(
  itemIds: readonly string[],
  answers: Readonly<Record<string, LocalAnswer>>,
): { number: number; itemId: string; state: Exclude<CellState, 'answered'> }[] {
  const out: { number: number; itemId: string; state: Exclude<CellState, 'answered'> }[] = [];
  itemIds.forEach((itemId, i) => {
    const state = cellState(answers[itemId]);
    if (state !== 'answered') out.push({ number: i + 1, itemId, state });
  });
  return out;
}
