// How the load test and the benchmarks print their figures: a title, then one name and value a
// line, the values lined up.

export type Row = [string, string];

export function printTable(title: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
