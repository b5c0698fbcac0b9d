// CSV writer for exports: UTF-8 with a byte-order mark (so Excel shows Vietnamese diacritics),
// comma separator, CRLF line ends and RFC 4180 quoting. The table only: metadata is in the XLSX.
import type { CellValue, Column, ExportTable } from './table.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(value: CellValue, column: Column): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return column.csvDate === 'year' ? iso.slice(0, 4) : column.csvDate === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  // Numbers keep full precision with a dot: the CSV is for tools; people open the XLSX.
  return String(value);
}

export function toCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of table.rows) lines.push(row.map((v, i) => csvField(csvText(v, table.columns[i]))).join(','));
  return Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
