// CSV files that are not UTF-8 text are refused with a reason to act on: UTF-16 (Excel's "Unicode text"), and
// Windows-1258 or TCVN3 bytes with the physical line of the first bad byte. The check runs in the read that hashes
// the file (encoding.ts), chunk by chunk: a character split by a chunk boundary is fine.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile, NOT_UTF8, UTF16 } from '../../data/pipeline/import/encoding.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { stageFile } from '../../data/pipeline/import/stage.ts';
import { formatImportError } from '../../data/pipeline/import/types.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { fingerprint, folder, memoryStore, NOW } from '../fixtures/import/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-encoding-'));
const stores: Store[] = [];
afterAll(() => {
  for (const s of stores) s.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

let files = 0;
function file(content: Buffer | string): string {
  const path = join(tmp, `f${++files}.csv`);
  writeFileSync(path, content);
  return path;
}

const MIB = 1 << 20;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('hashFile', () => {
  it('passes UTF-8 (with or without a BOM) and hashes the bytes, a character across each 1 MiB chunk', async () => {
    // 'ệ' is 3 bytes in UTF-8: one starts a byte before the first 1 MiB boundary, one two bytes before the second
    const fill = (n: number) => Buffer.from('x,'.repeat(n / 2 + 1).slice(0, n));
    const bytes = Buffer.concat([fill(MIB - 1), Buffer.from('ệ\n'), fill(MIB - 5), Buffer.from('ệ,Huyện Nam Sách\n')]);
    expect([bytes.indexOf('ệ'), bytes.indexOf('ệ', MIB)]).toEqual([MIB - 1, 2 * MIB - 2]);
    expect(await hashFile(file(bytes), true)).toEqual({ sha256: sha(bytes), textProblem: null });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    expect(await hashFile(file(bom), true)).toEqual({ sha256: sha(bom), textProblem: null });
  });

  it('names the line of the first byte that is not UTF-8, counting LF, CR LF and CR', async () => {
    const bad = Buffer.from([0x58, 0xe3, 0x20]); // "Xã " in Windows-1258: 0xE3 then a space
    const lines = (nl: string, n: number) =>
      Buffer.from(Array.from({ length: n }, (_, i) => `dòng ${i}`).join(nl) + nl);
    for (const nl of ['\n', '\r\n', '\r']) {
      const bytes = Buffer.concat([lines(nl, 4), bad, Buffer.from(`Nam${nl}`)]);
      expect((await hashFile(file(bytes), true)).textProblem).toEqual({ line: 5, reason: NOT_UTF8 });
    }
    // far into the file: after the first chunk, and a lone continuation byte
    const long = lines('\n', 200_000);
    expect(long.length).toBeGreaterThan(MIB);
    const cont = Buffer.concat([long, Buffer.from('ab'), Buffer.from([0x80]), Buffer.from('\n')]);
    expect(await hashFile(file(cont), true)).toEqual({
      sha256: sha(cont),
      textProblem: { line: 200_001, reason: NOT_UTF8 },
    });
  });

  it('a file that ends inside a character, overlong forms and surrogates are not UTF-8', async () => {
    const head = Buffer.from('a,b\nc,');
    for (const tail of [
      [0xe1, 0xbb],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const bytes = Buffer.concat([head, Buffer.from(tail)]);
      expect((await hashFile(file(bytes), true)).textProblem).toEqual({ line: 2, reason: NOT_UTF8 });
    }
  });

  it('finds UTF-16 by its byte-order mark or by its NUL bytes', async () => {
    const le = Buffer.from('unit_id,name\n30,Tỉnh Hải Dương\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      le,
    ])
      expect((await hashFile(file(bytes), true)).textProblem).toEqual({ line: 0, reason: UTF16 });
  });

  it('only hashes when not asked to check', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x41, 0x00]);
    expect(await hashFile(file(bytes), false)).toEqual({ sha256: sha(bytes), textProblem: null });
  });
});

describe('a CSV that is not UTF-8 text', () => {
  /** A folder with the good units file and `name` holding `bytes`; imported into an empty store. */
  async function refused(name: string, bytes: Buffer): Promise<string[]> {
    const dir = join(tmp, `folder-${++files}`);
    mkdirSync(dir);
    copyFileSync(join(folder('good'), 'units.csv'), join(dir, 'units.csv'));
    writeFileSync(join(dir, name), bytes);
    const store = await memoryStore();
    stores.push(store);
    const before = await fingerprint(store.connection);
    const report = await importFolder(store.connection, dir, { now: NOW });
    expect(report.ok).toBe(false);
    expect(await fingerprint(store.connection)).toEqual(before);
    return report.errors.map(formatImportError);
  }
  const HEADER = 'procedure_code,name,field,level,due_days\r\n';

  it('UTF-16, with or without a byte-order mark, either byte order', async () => {
    const text = HEADER + '1.001193,Đăng ký khai sinh,civil_status,commune,1\r\n';
    const le = Buffer.from(text, 'utf16le');
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
      le,
    ])
      expect(await refused('procedures.csv', bytes)).toEqual(['procedures.csv: is UTF-16 text; save it as CSV UTF-8']);
  });

  it('Windows-1258, after a quoted field holding a line break (CR LF line ends)', async () => {
    // Windows-1258 writes "Huyện" as H u y, "ê" (0xEA), a combining dot below (0xF2), n: on line 4
    const bytes = Buffer.concat([
      Buffer.from(HEADER),
      Buffer.from('1.001193,"Dang ky\r\nkhai sinh",civil_status,commune,1\r\n'),
      Buffer.from('1.004194,Huy'),
      Buffer.from([0xea, 0xf2]),
      Buffer.from('n,residence,commune,7\r\n'),
    ]);
    expect(await refused('procedures.csv', bytes)).toEqual([
      'procedures.csv:4: is not UTF-8 text (Windows-1258?); save it as CSV UTF-8',
    ]);
  });

  it('TCVN3 (ABC) bytes', async () => {
    // TCVN3 writes "Đ" as 0xA7 and "ă" as 0xA8: "Đăng" on line 3
    const bytes = Buffer.concat([
      Buffer.from(HEADER + '1.001193,Dang ky khai sinh,civil_status,commune,1\r\n1.004194,'),
      Buffer.from([0xa7, 0xa8]),
      Buffer.from('ng ky thuong tru,residence,commune,7\r\n'),
    ]);
    expect(await refused('procedures.csv', bytes)).toEqual([
      'procedures.csv:3: is not UTF-8 text (Windows-1258?); save it as CSV UTF-8',
    ]);
  });

  it('is also refused when staged from a file listed without the check', async () => {
    const store = await memoryStore();
    stores.push(store);
    const path = file(Buffer.concat([Buffer.from(HEADER), Buffer.from([0x41, 0xe3, 0x2c])]));
    const st = await stageFile(
      store.connection,
      { file: 'procedures.csv', path, kind: 'procedures', format: 'csv', sha256: '' },
      0,
      '2025-06-01',
    );
    expect(st.table).toBeNull();
    expect(st.errors.map(formatImportError)).toEqual([
      'procedures.csv:2: is not UTF-8 text (Windows-1258?); save it as CSV UTF-8',
    ]);
  });
});
