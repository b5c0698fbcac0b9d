// The files of an import job on disk: each uploaded (or inbox) file saved under the job's folder with its size
// and SHA-256, and a .zip opened there safely: no entry may climb out of the folder (`../`, an absolute path, a
// drive letter), the entries' total size is bounded (a zip bomb stops at the limit, counted on the bytes really
// written, not on what the archive claims), at most MAX_ENTRIES entries, no nested archive. Used by jobs.ts.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

export const MAX_ENTRIES = 1000;

/** A problem with the files themselves (not their rows): the whole import is refused with this message. */
export class FileProblem extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    readonly statusCode = 400,
  ) {
    super(en);
  }
}

export interface SavedFile {
  name: string;
  path: string;
  size: number;
  sha256: string;
}

/**
 * A file name as the importer sees it: the last part of the path, NFC. A name with a NUL, a control character
 * or that is empty, `.` or `..` is refused.
 */
export function safeName(raw: string): string {
  const name = basename(raw.replaceAll('\\', '/')).normalize('NFC');
  // eslint-disable-next-line no-control-regex
  if (!name || name === '.' || name === '..' || /[\u0000-\u001f/]/.test(name)) {
    throw new FileProblem(`Tên tệp không hợp lệ: "${raw}".`, `Not a valid file name: "${raw}".`);
  }
  return name;
}

/** Counts bytes and hashes them while they pass; fails past `limit` bytes. */
function meter(limit: number, onTooBig: () => Error) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(onTooBig());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/** Saves a stream as `dir/name`; refuses a name given twice in one import. */
export async function saveStream(
  input: Readable,
  dir: string,
  rawName: string,
  limit: number,
  taken: Set<string>,
): Promise<SavedFile> {
  const name = safeName(rawName);
  if (taken.has(name.toLowerCase())) {
    throw new FileProblem(
      `Tệp "${name}" có hai lần trong lượt nhập này.`,
      `The file "${name}" is given twice in this import.`,
    );
  }
  taken.add(name.toLowerCase());
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const m = meter(limit, () => tooBig(name, limit));
  await pipeline(input, m.stream, createWriteStream(path));
  return { name, path, ...m.result() };
}

export function tooBig(name: string, limit: number): FileProblem {
  const mb = Math.round(limit / 1048576);
  return new FileProblem(
    `${name}: vượt quá giới hạn ${mb} MB của một lượt nhập (IOC_UPLOAD_MB); không có gì được ghi.`,
    `${name}: over the ${mb} MB limit of one import (IOC_UPLOAD_MB); nothing was stored.`,
    413,
  );
}

/** True when the file starts like a zip archive (PK\x03\x04), whatever its name. */
export function isZip(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((done, fail) =>
    yauzl.open(path, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) =>
      err ? fail(err) : done(zip),
    ),
  );

/**
 * Extracts `zip` into `dir` (flat: an entry's folders are dropped, its name kept) and removes the archive.
 * `budget` is the bytes still allowed for the whole import; returns the files written.
 */
export async function extractZip(zipFile: SavedFile, dir: string, budget: number, taken: Set<string>) {
  const where = zipFile.name;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipFile.path);
  } catch (e) {
    throw new FileProblem(
      `${where}: không phải tệp zip đọc được (${(e as Error).message}).`,
      `${where}: not a readable zip file (${(e as Error).message}).`,
    );
  }
  const out: SavedFile[] = [];
  let left = budget;
  try {
    await new Promise<void>((done, fail) => {
      let entries = 0;
      zip.on('error', fail);
      zip.on('end', () => done());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const raw = entry.fileName;
          if (raw.endsWith('/')) return zip.readEntry(); // a folder
          if (++entries > MAX_ENTRIES) {
            throw new FileProblem(
              `${where}: có hơn ${MAX_ENTRIES} tệp.`,
              `${where}: holds more than ${MAX_ENTRIES} files.`,
            );
          }
          const parts = raw.replaceAll('\\', '/').split('/');
          if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || parts.includes('..')) {
            throw new FileProblem(
              `${where}: mục "${raw}" trỏ ra ngoài thư mục nhập; tệp zip bị từ chối.`,
              `${where}: the entry "${raw}" points outside the import folder; the zip is refused.`,
            );
          }
          const name = parts[parts.length - 1];
          if (name.startsWith('.') || parts.includes('__MACOSX')) return zip.readEntry();
          if (isZip(name)) {
            throw new FileProblem(
              `${where}: tệp zip lồng trong zip (${raw}) không được nhận.`,
              `${where}: a zip inside the zip (${raw}) is not accepted.`,
            );
          }
          if (entry.uncompressedSize > left) throw tooBig(`${where}/${raw}`, budget);
          const stream = await new Promise<Readable>((ok, no) =>
            zip.openReadStream(entry, (err, s) => (err ? no(err) : ok(s))),
          );
          const saved = await saveStream(stream, dir, name, left, taken).catch((e: unknown) => {
            if (e instanceof FileProblem && e.statusCode === 413) throw tooBig(`${where}/${raw}`, budget);
            throw e;
          });
          left -= saved.size;
          out.push(saved);
          zip.readEntry();
        })().catch(fail);
      });
      zip.readEntry();
    });
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    // yauzl refuses such names itself ("invalid relative path: ../x", "absolute path: /x")
    const climb = /(invalid relative path|absolute path): (.*)$/.exec((e as Error).message);
    if (climb) {
      throw new FileProblem(
        `${where}: mục "${climb[2]}" trỏ ra ngoài thư mục nhập; tệp zip bị từ chối.`,
        `${where}: the entry "${climb[2]}" points outside the import folder; the zip is refused.`,
      );
    }
    throw new FileProblem(
      `${where}: tệp zip hỏng (${(e as Error).message}).`,
      `${where}: a broken zip file (${(e as Error).message}).`,
    );
  } finally {
    zip.close();
  }
  rmSync(zipFile.path, { force: true });
  return out;
}

/** Size and SHA-256 of a file already on disk (the inbox's files). */
export async function describeFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) hash.update(chunk);
    yield* [];
  });
  return { size: statSync(path).size, sha256: hash.digest('hex') };
}
