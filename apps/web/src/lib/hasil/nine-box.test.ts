import { describe, expect, it } from 'vitest';
import { NINE_BOX_ROWS, nineBoxCell } from './nine-box.ts';

describe('the 9-box grid', () => {
  it('places every box once, 9 at high performance and high potential and 1 at the opposite corner', () => {
    expect(NINE_BOX_ROWS.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(nineBoxCell(9)).toEqual({ row: 0, col: 2 });
    expect(nineBoxCell(1)).toEqual({ row: 2, col: 0 });
    expect(nineBoxCell(0)).toBeNull();
  });
});
