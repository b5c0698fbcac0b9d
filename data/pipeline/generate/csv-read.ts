// The project's one hand-written CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
// CRLF, a BOM): reference tables, tests that read generated files without going through the importer, and the
// importer's header and physical line numbers (DuckDB's read_csv reads the data itself).

export interface CsvRecord {
  /** The fields (empty when the reader was made with `fields: false`). */
  fields: string[];
  /** Physical line of the file the record starts on, from 1 (a line break inside quotes starts a new line). */
  line: number;
  /** An empty line: no record for DuckDB's read_csv (it skips them) nor for parseCsv. */
  blank: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Reads CSV text given whole or in chunks, keeping its state (inside quotes, a CR before an LF) across chunks. */
export class CsvReader {
  private readonly keep: boolean;
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** a quote was read inside quotes: it closes the field unless another quote follows */
  private quotePending = false;
  private started = false;
  private afterCr = false;
  private line = 1;
  private start = 1;
  private first = true;

  constructor(opts: { fields?: boolean } = {}) {
    this.keep = opts.fields ?? true;
  }

  /** The records that `chunk` completes; `last`: no text follows, so the record in progress ends too. */
  read(chunk: string, last = false): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    // Field text is copied by runs (slices of the chunk), not character by character.
    let run = -1;
    const flush = (end: number) => {
      if (run >= 0 && this.keep) this.field += chunk.slice(run, end);
      run = -1;
    };
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const afterCr = this.afterCr;
      this.afterCr = c === CR;
      if (c === CR || (c === LF && !afterCr)) this.line++;
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) {
          run = i; // a doubled quote: this one is text
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (c === QUOTE) {
          flush(i);
          this.quotePending = true;
        } else if (run < 0) run = i;
      } else if (c === QUOTE) {
        flush(i);
        this.quoted = true;
        this.started = true;
      } else if (c === COMMA) {
        flush(i);
        if (this.keep) this.row.push(this.field);
        this.field = '';
        this.started = true;
      } else if (c === CR || c === LF) {
        flush(i);
        if (c === CR || !afterCr) out.push(this.end());
      } else {
        if (run < 0) run = i;
        this.started = true;
      }
    }
    flush(chunk.length);
    if (last && (this.started || this.quoted)) out.push(this.end());
    return out;
  }

  private end(): CsvRecord {
    const record = { fields: this.keep ? [...this.row, this.field] : [], line: this.start, blank: !this.started };
    this.row = [];
    this.field = '';
    this.quoted = false;
    this.quotePending = false;
    this.started = false;
    this.start = this.line;
    return record;
  }
}

/** The records of a whole CSV text as objects keyed by the header; empty lines are skipped. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header = [], ...records] = new CsvReader()
    .read(text, true)
    .filter((r) => !r.blank)
    .map((r) => r.fields);
  return records.map((fields) => {
    const row: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) row[header[j]] = fields[j] ?? '';
    return row;
  });
}
