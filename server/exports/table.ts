// The shape every data export is built from: typed columns, rows and an information sheet.
// Pure; the CSV and XLSX writers (csv.ts, xlsx.ts) turn one ExportTable into a file.

export type CellValue = string | number | Date | null;

export interface Column {
  header: string;
  kind: 'text' | 'number' | 'date';
  /** Excel display format (numbers and dates); Excel shows it with the reader's locale separators. */
  numFmt?: string;
  /** How a date cell is written in CSV (default YYYY-MM-DD). */
  csvDate?: 'month' | 'year' | 'day';
  width?: number;
}

export interface InfoLine {
  label: string;
  value: CellValue;
  numFmt?: string;
}

export interface ExportTable {
  /** Sheet name of the data (at most 31 characters, no []:*?/\). */
  sheet: string;
  columns: Column[];
  rows: CellValue[][];
  /** Excel display formats of single cells (row by row, column by column), over their column's: a table
   * whose rows hold different measures (percent, counts) formats each value by its own. */
  formats?: (string | null)[][];
  infoSheet: string;
  info: InfoLine[];
}

/** First day of a month, as a UTC date (what Excel stores as a date serial). */
export function monthDate(ym: string): Date {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

export function dayDate(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** First month (YYYY-MM) of a period label of the indicator API: YYYY-MM, YYYY-Qn or YYYY. */
export function periodStart(label: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}`;
  if (/^\d{4}$/.test(label)) return `${label}-01`;
  return label.slice(0, 7);
}
