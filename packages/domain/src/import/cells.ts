// Helpers shared by the spreadsheet importers: header normalisation and cell reading. A row arrives
// as header → cell text, whatever the file format was (the server decodes CSV and XLSX).

/** One data row of an imported sheet; `line` is the 1-based line/row number people see in the file. */
export interface SheetRow {
  line: number;
  cells: Readonly<Record<string, string>>;
}

export interface ImportProblem {
  line: number;
  code: string;
  message: string;
  field?: string;
}

/** `Tanggal Lahir` → `tanggal_lahir`, so headers match however people typed them. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The first non-empty cell among the header aliases. */
export function cell(row: SheetRow, aliases: readonly string[]): string {
  for (const alias of aliases) {
    const value = row.cells[alias];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return '';
}

/** Case- and space-insensitive key for matching names typed by people. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}
