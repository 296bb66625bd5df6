import { describe, expect, it } from 'vitest';
import { cellState, gridCounts, itemsToReview } from './grid.ts';

const answers = {
  q1: { value: 'A', doubtful: false },
  q2: { value: 'B', doubtful: true },
  q3: { value: null, doubtful: false },
  q5: { value: null, doubtful: true },
};

describe('number grid', () => {
  it('shows a flagged item as ragu-ragu whether or not it is answered', () => {
    expect(cellState(answers.q2)).toBe('doubtful');
    expect(cellState(answers.q5)).toBe('doubtful');
    expect(cellState(answers.q1)).toBe('answered');
    expect(cellState(answers.q3)).toBe('unanswered');
    expect(cellState(undefined)).toBe('unanswered');
  });

  it('counts answered, ragu-ragu and unanswered items of the section', () => {
    expect(gridCounts(['q1', 'q2', 'q3', 'q4', 'q5'], answers)).toEqual({
      answered: 1,
      doubtful: 2,
      unanswered: 2,
    });
  });

  it('lists the items to review with their numbers in the section', () => {
    expect(itemsToReview(['q1', 'q2', 'q3', 'q4'], answers)).toEqual([
      { number: 2, itemId: 'q2', state: 'doubtful' },
      { number: 3, itemId: 'q3', state: 'unanswered' },
      { number: 4, itemId: 'q4', state: 'unanswered' },
    ]);
  });
});
