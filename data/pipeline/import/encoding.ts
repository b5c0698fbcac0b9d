// Is a CSV file UTF-8 text? Checked in the one pass that hashes the file (files.ts): UTF-16 (a byte-order mark or
// many NUL bytes, as Excel's "Unicode text" writes) and bytes that are not UTF-8 (Windows-1258, TCVN3 from older
// Vietnamese tools) are refused with a reason the user can act on, and the physical line of the first bad byte.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface TextProblem {
  /** Physical line of the first bad byte (as editors count: LF, CR LF or CR), 0 for the whole file. */
  line: number;
  reason: string;
}

export const UTF16 = 'is UTF-16 text; save it as CSV UTF-8';
export const NOT_UTF8 = 'is not UTF-8 text (Windows-1258?); save it as CSV UTF-8';

/** Bytes at the end of `buf` that begin a UTF-8 sequence the next chunk completes (0–3). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Index of the first byte of the first sequence in `buf` that is not UTF-8 (-1 if none): RFC 3629's table. */
export function firstBadByte(buf: Buffer): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < buf.length && buf[i] >= lo && buf[i] <= hi;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let n = 0;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      n = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      n = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/** The physical line (from 1) that byte `offset` of the file is on: LF, CR LF and CR each end a line. */
async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  let afterCr = false;
  if (offset === 0) return line;
  const stream = createReadStream(path, { start: 0, end: offset - 1, highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const c of chunk) {
      if (c === 0x0d || (c === 0x0a && !afterCr)) line++;
      afterCr = c === 0x0d;
    }
  }
  return line;
}

/** UTF-16 without a byte-order mark: ASCII text then has a NUL beside every character. */
function looksUtf16(head: Buffer): boolean {
  const sample = head.subarray(0, 4096);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  return sample.length > 0 && nul * 10 > sample.length;
}

/**
 * SHA-256 of a file and, with `checkText`, whether it is UTF-8 text (null) or not (the problem): one read.
 * A UTF-8 byte-order mark is fine (the CSV reader skips it).
 */
export async function hashFile(
  path: string,
  checkText: boolean,
): Promise<{ sha256: string; textProblem: TextProblem | null }> {
  const hash = createHash('sha256');
  let problem: TextProblem | null = null;
  let badOffset = -1;
  let first = true;
  let tail: Buffer = Buffer.alloc(0);
  let consumed = 0; // bytes of the file before `tail`
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (!checkText || problem || badOffset >= 0) continue;
    if (first) {
      first = false;
      const bom16 =
        chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
      if (bom16 || looksUtf16(chunk)) {
        problem = { line: 0, reason: UTF16 };
        continue;
      }
    }
    const data = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    const whole = data.length - incompleteTail(data);
    const body = data.subarray(0, whole);
    if (!isUtf8(body)) badOffset = consumed + firstBadByte(body);
    consumed += whole;
    tail = Buffer.from(data.subarray(whole));
  }
  // a file ending inside a character
  if (checkText && !problem && badOffset < 0 && tail.length > 0) badOffset = consumed;
  if (badOffset >= 0) problem = { line: await lineAt(path, badOffset), reason: NOT_UTF8 };
  return { sha256: hash.digest('hex'), textProblem: problem };
}
