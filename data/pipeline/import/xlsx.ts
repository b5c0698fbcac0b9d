// Excel workbooks (.xlsx): one sheet is streamed (exceljs's WorkbookReader: never the whole workbook in memory) into
// a temporary UTF-8 CSV that the CSV path of stage.ts and source.ts then reads with every check of the kind; the
// sheet row of each CSV record is kept, so that errors name the sheet's own rows. Cells become the text a CSV would
// hold: Excel dates YYYY-MM-DD [HH:MM:SS], numbers as written (no 1E+05, no .0), TRUE/FALSE, a formula's saved
// result, rich text and hyperlinks as their text. Refused: merged header cells, error cells (#N/A), formulas
// without a saved result, and files that are no workbook at all. Totals rows are skipped with a note.
import { closeSync, createReadStream, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { csvField } from '../../../server/exports/csv.ts';
import { CsvWriter } from '../generate/csv-writer.ts';
import { headerKey, importColumns, sheetMatches } from './aliases.ts';
import type { Kind } from './columns.ts';
import { MAX_ERRORS_PER_FILE, type ImportError, type SourceFile } from './types.ts';

/** One sheet as a CSV: what stage.ts reads instead of the workbook. */
export interface SheetCsv {
  /** The CSV file (UTF-8, header then one record per data row, no blank lines). */
  path: string;
  /** Its temporary folder, removed by removeSheetCsv. */
  dir: string;
  /** The sheet read. */
  sheet: string;
  /** Sheet row of each CSV record: rowOf[record], the header being record 1. */
  rowOf: Int32Array;
  /** Data rows written. */
  records: number;
  /** Rows left out (totals rows), each with a note. */
  skippedRows: number;
  notes: string[];
}

export type SheetResult = { csv: SheetCsv; errors: [] } | { csv: null; errors: ImportError[] };

/** Text the first cell of a totals row holds (compared with headerKey, a trailing colon or dot ignored). */
const TOTALS = new Set(['tổng', 'tổng cộng', 'tổng số', 'cộng', 'total', 'totals', 'grand total']);
const MERGED_HEADER = 'merged header cells; make one header row with one name per column';
const NOT_A_WORKBOOK = 'is not an Excel workbook (.xlsx)';
/** At most this many notes of one kind (totals rows, merged cells) are listed; the rest are counted. */
const MAX_NOTES = 20;

// ---------------------------------------------------------------------------------------------------------------
// The file before any parsing: a zip archive, whole?

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(Math.max(0, length));
  const n = readSync(fd, buf, 0, buf.length, position);
  return buf.subarray(0, n);
}

/** Why the file cannot be an .xlsx (a zip archive ending in its central directory), or null. */
export function notAWorkbook(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return 'is empty';
    const head = readAt(fd, 0, 8);
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      // An OLE compound file: an encrypted (password-protected) .xlsx, or an old .xls renamed.
      const encrypted = readAt(fd, 0, Math.min(size, 8 << 20)).includes(Buffer.from('EncryptionInfo', 'utf16le'));
      return encrypted
        ? 'is protected by a password (encrypted); remove the password in Excel and save it again'
        : 'is an old Excel 97–2003 workbook (.xls); save it as Excel Workbook (.xlsx) or CSV UTF-8';
    }
    if (!head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      // text: no control byte but tab, line feed and carriage return
      const text = readAt(fd, 0, 4096).every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
      return text
        ? `${NOT_A_WORKBOOK} but text (a CSV file renamed?); name it .csv, or save it from Excel as .xlsx`
        : NOT_A_WORKBOOK;
    }
    // The end of central directory record is in the last 22 + 65,535 bytes of a whole zip archive.
    const tailLength = Math.min(size, 22 + 65535);
    if (!readAt(fd, size - tailLength, tailLength).includes(Buffer.from('PK\x05\x06', 'latin1')))
      return 'is damaged or cut short (the end of its zip archive is missing); copy or save it again';
    return null;
  } finally {
    closeSync(fd);
  }
}

const damaged = (e: unknown) =>
  `is damaged (${(e as Error).message.split('\n')[0]}); copy it again or save it again from Excel`;

/**
 * Reads every entry of the zip archive through, checking its CRC-32: exceljs's streaming reader can hang or throw
 * out of reach on a damaged archive, so it only ever sees an archive whose every byte is as written. Also finds
 * an archive that is no workbook (no xl/workbook.xml) and encrypted entries. Null when the archive is sound.
 */
export async function zipProblem(path: string): Promise<string | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((done, fail) =>
      yauzl.open(path, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? fail(err) : done(z))),
    );
  } catch (e) {
    return damaged(e);
  }
  return new Promise<string | null>((done) => {
    let workbook = false;
    let finished = false;
    const finish = (problem: string | null, close: boolean) => {
      if (finished) return;
      finished = true;
      if (close) zip.close();
      done(problem);
    };
    zip.on('error', (e) => finish(damaged(e), true));
    zip.on('end', () => finish(workbook ? null : `${NOT_A_WORKBOOK}: a zip archive without xl/workbook.xml`, false));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName === 'xl/workbook.xml') workbook = true;
      if (entry.isEncrypted()) return finish('is protected by a password (encrypted); remove the password', true);
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return finish(damaged(err), true);
        let crc = 0;
        stream.on('data', (chunk: Buffer) => (crc = crc32(chunk, crc)));
        stream.on('error', (e) => finish(damaged(e), true));
        stream.on('end', () => {
          if (crc >>> 0 === entry.crc32 >>> 0) zip.readEntry();
          else finish(damaged(new Error(`${entry.fileName} does not match its checksum`)), true);
        });
      });
    });
    zip.readEntry();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cells as text

/**
 * The column's type where it matters for a date cell: a date column leaves out a midnight time, a timestamp column
 * always has the time (a date cell is an instant, whatever its format shows), others show it as the format does.
 */
type ColumnType = 'date' | 'timestamp' | 'other';
type Text = string | { error: string };

/** The parts of a number format that show something (quoted text and [colour]/[h] sections left out). */
const shownFormat = (fmt: string | undefined) => (fmt ?? '').replace(/\[[^\]]*]|"[^"]*"|\\./g, '');
/** A date format (exceljs's own test: d, m, y, h, s or b in the shown part). */
const isDateFormat = (fmt: string | undefined) => /[ymdhsb]/i.test(shownFormat(fmt));
const TIME_FORMATS = new Map<string, boolean>();
/** A format that shows the time of day. */
function showsTime(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let shows = TIME_FORMATS.get(fmt);
  if (shows === undefined) TIME_FORMATS.set(fmt, (shows = /[hs]/i.test(shownFormat(fmt))));
  return shows;
}

/** Excel serial day → UTC instant (exceljs's rule: day 25569 is 1970-01-01; the 1904 system is 1462 days later). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400) * 1000);
}

/** A date cell: `YYYY-MM-DD`, with ` HH:MM:SS` when it has a time of day or its column (or format) wants one. */
function dateText(d: Date, fmt: string | undefined, type: ColumnType): string {
  const seconds = Math.round(d.getTime() / 1000);
  if (Number.isNaN(seconds)) return '';
  const dayNumber = Math.floor(seconds / 86400);
  let day = DAYS.get(dayNumber);
  if (day === undefined) {
    day = new Date(dayNumber * 86400_000).toISOString().slice(0, 10);
    if (DAYS.size < 100_000) DAYS.set(dayNumber, day);
  }
  const s = seconds - dayNumber * 86400;
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const time = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  // Serial days 0 and 1 (1899-12-30/31 and 1900-01-01 in exceljs's reckoning) are a time without a date.
  if (day < '1900-01-01') return time;
  const withTime = s !== 0 || type === 'timestamp' || (type === 'other' && showsTime(fmt));
  return withTime ? `${day} ${time}` : day;
}

/** Day number since 1970 → YYYY-MM-DD: a sheet holds few distinct days. */
const DAYS = new Map<number, string>();

/** A number as a person writes it: 15 significant digits as Excel shows, no exponent, no trailing `.0`. */
export function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const x = Number(n.toPrecision(15));
  const s = String(x);
  if (!/e/i.test(s)) return s;
  if (Math.abs(x) >= 1) return BigInt(x).toString();
  return x.toFixed(20).replace(/0+$/, '');
}

/** The text of a cell value; an error for error cells and formulas without a saved result. */
function valueText(v: unknown, fmt: string | undefined, date1904: boolean, type: ColumnType = 'other'): Text {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v) : { error: 'holds an error value' };
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return dateText(v, fmt, type);
  if (typeof v !== 'object') return { error: 'holds a value the importer cannot read' };
  const o = v as Record<string, unknown>;
  if ('error' in o) return { error: `holds the error ${String(o.error)}` };
  if (Array.isArray(o.richText)) return (o.richText as { text?: string | null }[]).map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) {
    const formula = String(o.formula ?? o.sharedFormula);
    const shown = formula ? ` (=${formula.length > 40 ? formula.slice(0, 40) + '…' : formula})` : '';
    if (o.result === undefined || o.result === null)
      return { error: `has a formula without a saved result${shown}; open the workbook in Excel and save it again` };
    // exceljs gives a formula's numeric result as a number, even where the cell shows it as a date
    if (typeof o.result === 'number') {
      if (Number.isNaN(o.result)) return { error: `has a formula whose result is an error${shown}` };
      if (isDateFormat(fmt)) return dateText(excelDate(o.result, date1904), fmt, type);
    }
    return valueText(o.result, fmt, date1904, type);
  }
  if ('text' in o) return valueText(o.text, fmt, date1904, type); // a hyperlink: its text
  return { error: 'holds a value the importer cannot read' };
}

// ---------------------------------------------------------------------------------------------------------------
// The XML as text. exceljs decodes each chunk of a part on its own (utils/parse-sax.js), so a Vietnamese letter
// whose UTF-8 bytes straddle two chunks comes out as U+FFFD: every part it reads is decoded here first, with a
// streaming decoder, and handed over as text (which it takes as it is).

/** `entry` decoded as UTF-8 text across chunk boundaries (an object-mode stream of strings). */
function decoded(entry: Readable): Readable {
  const decoder = new StringDecoder('utf8');
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, next) {
      const s = decoder.write(chunk);
      next(null, s === '' ? undefined : s);
    },
    flush(next) {
      const s = decoder.end();
      next(null, s === '' ? undefined : s);
    },
  });
  entry.on('error', (e) => text.destroy(e));
  return entry.pipe(text);
}

/** Makes the reader decode shared strings, the workbook part and the styles with `decoded` (see above). */
function decodeParts(reader: object): void {
  const parts = reader as Record<string, unknown>;
  for (const name of ['_parseSharedStrings', '_parseWorkbook', '_parseStyles']) {
    const original = parts[name];
    if (typeof original !== 'function') throw new Error(`exceljs has no ${name}: check xlsx.ts against its version`);
    parts[name] = (entry: Readable) => (original as (e: Readable) => unknown).call(reader, decoded(entry));
  }
}

// Merged cells: exceljs's streaming reader skips <mergeCells>, so their refs are picked from the sheet's XML as it
// passes (they follow the rows, so they are known once the rows are read).

const MERGE_RE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"/g;

/** A sheet's XML decoded (see `decoded`), merged ranges collected on the way. */
async function* sheetText(source: AsyncIterable<Buffer | string>, merges: Set<string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text.includes('mergeCell') || (tail + text.slice(0, 32)).includes('mergeCell')) {
      for (const m of (tail + text).matchAll(MERGE_RE)) merges.add(m[1]);
    }
    tail = text.slice(-256);
    yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Column letters → number (A = 1). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + c.charCodeAt(0) - 64;
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseRange(ref: string): { c1: number; r1: number; c2: number; r2: number } {
  const [a, b] = ref.split(':').map((p) => /^([A-Z]+)([0-9]+)$/.exec(p)!);
  return { c1: columnNumber(a[1]), r1: Number(a[2]), c2: columnNumber(b[1]), r2: Number(b[2]) };
}

// ---------------------------------------------------------------------------------------------------------------
// One sheet

/** The slice of exceljs's streaming reader this module uses (its typings leave these out). */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  state?: string;
  iterator: AsyncIterable<Buffer | string>;
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: { name: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  stream?: { destroy(): void };
}

interface SheetRead {
  /** No non-empty row: not the sheet to read. */
  empty: boolean;
  csv: SheetCsv | null;
  errors: ImportError[];
}

/** Streams one sheet into a CSV in `dir`: header = the first non-empty row. */
async function readSheet(
  ws: SheetReader,
  kind: Kind,
  file: string,
  dir: string,
  date1904: boolean,
  onRow: () => void,
): Promise<SheetRead> {
  const sheet = ws.name;
  const merges = new Set<string>();
  ws.iterator = sheetText(ws.iterator, merges);
  const path = join(dir, 'sheet.csv');
  const errors: ImportError[] = [];
  let moreErrors = 0;
  const fail = (line: number, column: string, reason: string) => {
    if (errors.length < MAX_ERRORS_PER_FILE) errors.push({ file, sheet, line, column, reason });
    else moreErrors++;
  };
  const notes: string[] = [];
  let totals = 0;
  const outside = { at: '' }; // first non-empty cell right of the header
  let header: string[] | null = null;
  let headerRow = 0;
  let types: ColumnType[] = [];
  let writer: CsvWriter | null = null;
  let rowOf = new Int32Array(1024);
  let records = 0;
  // the writer is closed however the read ends (a damaged sheet throws from the loop)
  try {
    for await (const row of ws) {
      onRow();
      const texts: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (header && col > header.length) {
          if (!outside.at && valueText(cell.value, cell.numFmt, date1904) !== '') outside.at = cell.address;
          return;
        }
        const t = valueText(cell.value, cell.numFmt, date1904, types[col - 1]);
        if (typeof t === 'string') texts[col - 1] = t;
        else {
          const name = header?.[col - 1];
          fail(row.number, name || cell.address, name ? `cell ${cell.address} ${t.error}` : t.error);
          texts[col - 1] = '';
        }
      });
      const firstText = texts.find((t) => t !== undefined && t.trim() !== '');
      if (firstText === undefined) continue; // an empty row (or only cells right of the header)
      if (!header) {
        header = Array.from(texts, (t) => (t ?? '').replace(/\s+/g, ' ').trim());
        while (header.length > 0 && header[header.length - 1] === '') header.pop();
        headerRow = row.number;
        const specs = importColumns(kind);
        types = header.map((h) => {
          const spec = specs.find((c) => [c.name, ...(c.aliases ?? [])].some((a) => headerKey(a) === headerKey(h)));
          const type = spec?.value.type;
          return type === 'date' || type === 'timestamp' ? type : 'other';
        });
        writer = new CsvWriter(
          path,
          header.map((h) => csvField(h)),
        );
        rowOf[1] = headerRow;
        records = 1;
        continue;
      }
      if (TOTALS.has(headerKey(firstText).replace(/[\s:.]+$/, ''))) {
        if (++totals <= MAX_NOTES)
          notes.push(`row ${row.number} is a totals row ("${firstText.trim().normalize('NFC')}"): skipped`);
        continue;
      }
      writer!.row(header.map((_, i) => texts[i] ?? ''));
      if (++records >= rowOf.length) {
        const grown = new Int32Array(rowOf.length * 2);
        grown.set(rowOf);
        rowOf = grown;
      }
      rowOf[records] = row.number;
    }
  } finally {
    writer?.close();
  }
  if (!header) return { empty: true, csv: null, errors: [] };
  for (const ref of merges) {
    const r = parseRange(ref);
    if (r.r1 <= headerRow && r.r2 >= headerRow) fail(headerRow, ref, MERGED_HEADER);
    else if (r.r1 > headerRow && r.c1 <= header.length && notes.length < 2 * MAX_NOTES)
      notes.push(`cells ${ref} are merged: only ${columnLetters(r.c1)}${r.r1} holds a value, the others are empty`);
  }
  if (totals > MAX_NOTES) notes.push(`… and ${totals - MAX_NOTES} more totals rows skipped`);
  if (outside.at) notes.push(`cells right of the header (from ${outside.at}) have no column name: ignored`);
  if (moreErrors > 0)
    errors.push({ file, sheet, line: 0, column: '', reason: `… and ${moreErrors} more errors in this file` });
  if (errors.length > 0) {
    errors.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
    return { empty: false, csv: null, errors };
  }
  const csv: SheetCsv = { path, dir, sheet, rowOf, records: records - 1, skippedRows: totals, notes };
  return { empty: false, csv, errors: [] };
}

// ---------------------------------------------------------------------------------------------------------------

/** Removes a sheet's temporary CSV and its folder (nothing when already removed). */
export function removeSheetCsv(csv: { dir: string } | null | undefined): void {
  if (csv) rmSync(csv.dir, { recursive: true, force: true });
}

/** How far a workbook has been read: bytes of the file, rows of sheets read. */
export interface XlsxProgress {
  bytes: number;
  rows: number;
}

/** A read that makes no progress for this long is given up (a safety net: the archive was checked before). */
const STALL_MS = 30_000;

/**
 * The sheet of the workbook to import, as a temporary CSV in a new folder under `tmpDir` (default os.tmpdir()):
 * the first sheet named like the kind (`dossiers`, `Hồ sơ`…, aliases.ts), else the first visible sheet with data.
 * Errors name the file, the sheet and its row; a file that is no readable workbook gives one error (line 0).
 */
export async function sheetToCsv(
  src: SourceFile,
  opts: { tmpDir?: string; onProgress?: (p: XlsxProgress) => void } = {},
): Promise<SheetResult> {
  const whole = (reason: string): SheetResult => ({
    csv: null,
    errors: [{ file: src.file, line: 0, column: '', reason }],
  });
  const broken = notAWorkbook(src.path) ?? (await zipProblem(src.path));
  if (broken) return whole(broken);
  const progress: XlsxProgress = { bytes: 0, rows: 0 };
  let last = Date.now();
  const tick = () => {
    last = Date.now();
    opts.onProgress?.(progress);
  };
  const input = createReadStream(src.path, { highWaterMark: 1 << 20 });
  const counted = input.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, next) {
        progress.bytes += chunk.length;
        tick();
        next(null, chunk);
      },
    }),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as BookReader;
  decodeParts(reader);
  // set inside the read below (typed by cast: TypeScript does not follow assignments made in a closure)
  let best = null as { tab: number; read: SheetRead; dir: string } | null;
  let sheets = 0;
  let emptyNamed = null as string | null;
  let stalled = false;
  const work = (async (): Promise<string | null> => {
    try {
      for await (const ws of reader) {
        sheets++;
        const model = reader.model?.sheets ?? [];
        const named = model.find((s) => sheetMatches(src.kind, s.name));
        // tab order of the workbook (zip order may differ once tabs were moved)
        const found = model.findIndex((s) => s.name === ws.name);
        const tab = found >= 0 ? found : model.length + sheets;
        const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
        const wanted = named ? ws.name === named.name : !hidden && (!best || tab < best.tab);
        if (!wanted) {
          // read through unparsed: exceljs then removes the sheet's temporary copy
          for await (const _ of ws.iterator) tick();
          continue;
        }
        const dir = mkdtempSync(join(opts.tmpDir ?? tmpdir(), 'ioc06-xlsx-'));
        const date1904 = reader.properties?.model?.date1904 === true;
        const read = await readSheet(ws, src.kind, src.file, dir, date1904, () => {
          progress.rows++;
          tick();
        }).catch((e: unknown) => {
          removeSheetCsv({ dir });
          throw e;
        });
        if (read.empty || stalled) {
          removeSheetCsv({ dir });
          if (named) emptyNamed = ws.name;
        } else {
          if (best) removeSheetCsv({ dir: best.dir });
          best = { tab, read, dir };
        }
      }
      return null;
    } catch (e) {
      return `cannot be read as an Excel workbook (damaged?): ${(e as Error).message.split('\n')[0]}`;
    } finally {
      input.destroy();
      if (stalled && best) removeSheetCsv({ dir: best.dir });
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<string>((done) => {
    timer = setInterval(() => {
      if (Date.now() - last > STALL_MS) done('cannot be read as an Excel workbook: reading it stalled (damaged?)');
    }, 1000);
  });
  const problem = await Promise.race([work, watchdog]);
  clearInterval(timer);
  if (problem !== null) {
    stalled = true;
    if (best) removeSheetCsv({ dir: best.dir });
    return whole(problem);
  }
  if (sheets === 0) return whole(`${NOT_A_WORKBOOK}: it has no sheet`);
  if (emptyNamed !== null) return whole(`sheet "${emptyNamed}" is empty`);
  if (!best) return whole('has no sheet with data (every sheet is empty)');
  if (!best.read.csv) {
    removeSheetCsv({ dir: best.dir });
    return { csv: null, errors: best.read.errors };
  }
  return { csv: best.read.csv, errors: [] };
}
