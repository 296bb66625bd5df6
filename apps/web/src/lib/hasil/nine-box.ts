// Where a 9-box number sits on the grid (PermenPANRB 3/2020): rows are kinerja from top (di atas
// ekspektasi) to bottom, columns potensial from rendah to tinggi.
export const NINE_BOX_ROWS = [
  [4, 7, 9],
  [2, 5, 8],
  [1, 3, 6],
] as const;

export function nineBoxCell(box: number): { row: number; col: number } | null {
  for (const [row, boxes] of NINE_BOX_ROWS.entries()) {
    const col = (boxes as readonly number[]).indexOf(box);
    if (col >= 0) return { row, col };
  }
  return null;
}
