// A buffered CSV file writer: each line is encoded straight into a 1 MB buffer that is written to
// the file when full, so ten million dossier rows never become one string in memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import { csvField } from '../../../server/exports/csv.ts';

const SIZE = 1 << 20;

export class CsvWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(SIZE);
  private offset = 0;
  private bytesWritten = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.fd = openSync(path, 'w');
    this.put(header.join(','));
  }

  private put(text: string): void {
    // a UTF-8 character takes at most 3 bytes per UTF-16 unit
    if (this.offset + text.length * 3 + 1 > SIZE) this.flush();
    if (text.length * 3 + 1 > SIZE) {
      this.bytesWritten += writeSync(this.fd, text + '\n');
      return;
    }
    this.offset += this.buffer.write(text, this.offset, 'utf8');
    this.buffer[this.offset++] = 10;
  }

  /** Appends one row already joined with commas (fields quoted by the caller when needed). */
  line(text: string): void {
    this.put(text);
    this.rows++;
  }

  /** Appends one row from its fields, quoted by the exports' RFC 4180 rule (csvField; no formula neutralisation). */
  row(fields: readonly (string | number | boolean | null | undefined)[]): void {
    this.line(fields.map((f) => (f === null || f === undefined ? '' : csvField(String(f)))).join(','));
  }

  private flush(): void {
    let done = 0;
    while (done < this.offset) done += writeSync(this.fd, this.buffer, done, this.offset - done);
    this.bytesWritten += this.offset;
    this.offset = 0;
  }

  /** Writes what is left and closes the file; returns its size in bytes. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytesWritten;
  }
}
