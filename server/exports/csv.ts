// CSV writer for exports: UTF-8 with a byte-order mark (so Excel shows Vietnamese diacritics),
// comma separator, CRLF line ends and RFC 4180 quoting. The table only: metadata is in the XLSX.
// Every text cell goes through csvCell, which also keeps a spreadsheet from running it as a formula;
// csvField, the RFC 4180 quoting alone, is also the demo generator's (its files are import input, not spreadsheets).
import type { CellValue, Column, ExportTable } from './table.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * RFC 4180 quoting only: a field with a comma, a quote, a line break or edge spaces is quoted. csvCell is what a
 * cell of a file for people goes through; data/pipeline/generate/csv-writer.ts quotes the generator's fields with this.
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** OWASP's CSV-injection rule: text starting with one of these runs as a formula in a spreadsheet. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, for every CSV the server writes: text that starts with =, +, -, @, a tab or a carriage
 * return gets a leading ' (so an imported name like `=HYPERLINK(…)` stays text), then RFC 4180 quoting.
 * Numbers stay numbers (-3 is a number, not a formula); null is empty; a list is its items, space-separated.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = cellText(value);
  return csvField(FORMULA_START.test(text) ? `'${text}` : text);
}

/** The text of a value that is not a number, a date or null: a string as it is, a list's items space-separated. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  // anything else (a Buffer, a symbol…) by its own toString, as String() gives it
  const other: { toString(): string } = value as object | symbol;
  return String(other);
}

function csvValue(value: CellValue, column: Column): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return column.csvDate === 'year'
      ? iso.slice(0, 4)
      : column.csvDate === 'month'
        ? iso.slice(0, 7)
        : iso.slice(0, 10);
  }
  // Numbers keep full precision with a dot: the CSV is for tools; people open the XLSX.
  return csvCell(value);
}

export function toCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of table.rows) lines.push(row.map((v, i) => csvValue(v, table.columns[i])).join(','));
  return Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
