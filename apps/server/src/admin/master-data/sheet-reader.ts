// Decodes an uploaded CSV or XLSX file into sheet rows (normalised header → cell text), so the
// domain import rules never see a file format. Line numbers are those people see in the file.
import { normalizeHeader, type SheetRow } from '@petakom/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ApiFailure } from '../../staff/api-failure.ts';

export const MAX_SHEET_ROWS = 20_000;

export type SheetFormat = 'csv' | 'xlsx';

export function sheetFormatOf(filename: string, mimetype: string): SheetFormat | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx') || mimetype.includes('spreadsheetml')) return 'xlsx';
  if (lower.endsWith('.csv') || mimetype === 'text/csv') return 'csv';
  return null;
}

export async function readSheet(filename: string, mimetype: string, data: Buffer): Promise<SheetRow[]> {
  const format = sheetFormatOf(filename, mimetype);
  if (format === null) throw new ApiFailure('VALIDATION', 'Berkas harus CSV atau XLSX.');
  const rows = format === 'csv' ? readCsv(data) : await readXlsx(data);
  if (rows.length > MAX_SHEET_ROWS) {
    throw new ApiFailure(
      'PAYLOAD_TOO_LARGE',
      `Berkas berisi ${rows.length} baris; paling banyak ${MAX_SHEET_ROWS}.`,
    );
  }
  return rows;
}

function readCsv(data: Buffer): SheetRow[] {
  const text = data.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets set to Indonesian locale save CSV with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new ApiFailure('VALIDATION', `CSV tidak dapat dibaca: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new ApiFailure('VALIDATION', 'Berkas kosong.');
  const keys = header.map(normalizeHeader);
  return body
    .map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(keys.map((k, j) => [k, cells[j] ?? ''])) }))
    .filter((row) => Object.values(row.cells).some((v) => v.trim() !== ''));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new ApiFailure('VALIDATION', `XLSX tidak dapat dibaca: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ApiFailure('VALIDATION', 'Berkas XLSX tidak memiliki lembar kerja.');
  const keys: string[] = [];
  sheet
    .getRow(1)
    .eachCell({ includeEmpty: true }, (c, col) => (keys[col] = normalizeHeader(cellText(c.value))));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    keys.forEach((key, col) => {
      if (key) cells[key] = cellText(row.getCell(col).value).trim();
    });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ line, cells });
  });
  return rows;
}

/** Builds an XLSX file from rows (exports, and test fixtures). */
export async function writeXlsx(
  columns: readonly string[],
  rows: readonly Record<string, string>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  sheet.addRow([...columns]);
  for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
