// The bulk downloads' writers (server/routes/bulk.ts): CSV (UTF-8 with a byte-order mark, RFC 4180, every cell
// through server/exports/csv.ts's csvCell), an Arrow IPC stream (one record batch per chunk) and Parquet (DuckDB's
// own writer: the chunks are appended to a throw-away database in a temporary folder, written by COPY … (FORMAT
// parquet) and streamed from the file, which is then deleted). Chunks are pulled as the client reads.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
} from '@duckdb/node-api';
import {
  Bool,
  Field,
  Float64,
  Int32,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { BulkFormat, DatasetColumn } from '../contracts/open-data.ts';
import { csvCell } from '../exports/csv.ts';
import type { Cell, Chunk, Source } from './source.ts';

/** What left the server, for the audit record. */
export interface Written {
  rows: number;
  bytes: number;
  sha256: string;
}

export const MEDIA_TYPES: Record<BulkFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
};

export const EXTENSIONS: Record<BulkFormat, string> = { csv: 'csv', parquet: 'parquet', arrow: 'arrows' };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function* csvBytes(source: Source, count: (rows: number) => void): AsyncGenerator<Buffer> {
  yield Buffer.concat([BOM, Buffer.from(source.columns.map((c) => csvCell(c.name)).join(',') + '\r\n')]);
  for await (const chunk of source.chunks) {
    const lines: string[] = [];
    for (let r = 0; r < chunk.rows; r++) lines.push(chunk.columns.map((col) => csvCell(col[r])).join(','));
    count(chunk.rows);
    if (lines.length > 0) yield Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  }
}

const ARROW_TYPES: Record<DatasetColumn['type'], () => DataType> = {
  string: () => new Utf8(),
  integer: () => new Int32(),
  double: () => new Float64(),
  boolean: () => new Bool(),
};

/** The Arrow schema of a download: its columns, every one nullable. */
export function arrowSchema(columns: DatasetColumn[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), true)));
}

/** A validity bitmap (bit set: a value) and the count of nulls. */
function validity(values: Cell[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else nullBitmap[i >> 3] |= 1 << (i & 7);
  }
  return { nullBitmap, nullCount };
}

/** UTF-8 bytes of the texts a download repeats (unit ids and names, months): encoded once. */
const encoded = new Map<string, Buffer>();
function utf8(text: string): Buffer {
  let b = encoded.get(text);
  if (!b) {
    b = Buffer.from(text, 'utf8');
    if (encoded.size < 50_000) encoded.set(text, b);
  }
  return b;
}

/** One column's Arrow data, written straight into its buffers (apache-arrow's builders are several times slower). */
function columnData(type: DatasetColumn['type'], values: Cell[]): Data {
  const length = values.length;
  const { nullBitmap, nullCount } = validity(values);
  switch (type) {
    case 'integer':
      return makeData({
        type: new Int32(),
        length,
        nullCount,
        nullBitmap,
        data: Int32Array.from(values, (v) => Number(v ?? 0)),
      });
    case 'double':
      return makeData({
        type: new Float64(),
        length,
        nullCount,
        nullBitmap,
        data: Float64Array.from(values, (v) => Number(v ?? 0)),
      });
    case 'boolean': {
      const data = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) if (values[i] === true) data[i >> 3] |= 1 << (i & 7);
      return makeData({ type: new Bool(), length, nullCount, nullBitmap, data });
    }
    case 'string': {
      const parts = values.map((v) => (v === null || v === undefined ? EMPTY : utf8(String(v))));
      const valueOffsets = new Int32Array(length + 1);
      for (let i = 0; i < length; i++) valueOffsets[i + 1] = valueOffsets[i] + parts[i].length;
      const data = new Uint8Array(valueOffsets[length]);
      for (let i = 0; i < length; i++) data.set(parts[i], valueOffsets[i]);
      return makeData({ type: new Utf8(), length, nullCount, nullBitmap, valueOffsets, data });
    }
  }
}
const EMPTY = Buffer.alloc(0);

function recordBatch(schema: Schema, columns: DatasetColumn[], chunk: Chunk): RecordBatch {
  const children = columns.map((c, i) => columnData(c.type, chunk.columns[i]));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: chunk.rows, children }));
}

/**
 * The Arrow IPC stream: the schema message, one record batch message per chunk, the end-of-stream marker. Each
 * batch is framed by apache-arrow's own RecordBatchStreamWriter (its bytes between the schema and the marker), so
 * that no more than one chunk is ever held.
 */
async function* arrowBytes(source: Source, count: (rows: number) => void): AsyncGenerator<Uint8Array> {
  const schema = arrowSchema(source.columns);
  const empty = RecordBatchStreamWriter.writeAll(new Table(schema)).toUint8Array(true);
  const head = empty.subarray(0, empty.length - 8);
  yield head;
  for await (const chunk of source.chunks) {
    if (chunk.rows === 0) continue;
    const full = RecordBatchStreamWriter.writeAll([recordBatch(schema, source.columns, chunk)]).toUint8Array(true);
    count(chunk.rows);
    yield full.subarray(head.length, full.length - 8);
  }
  yield empty.subarray(empty.length - 8);
}

const SQL_TYPES: Record<DatasetColumn['type'], string> = {
  string: 'VARCHAR',
  integer: 'INTEGER',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
};

const DUCKDB_TYPES: Record<DatasetColumn['type'], DuckDBType> = {
  string: VARCHAR,
  integer: INTEGER,
  double: DOUBLE,
  boolean: BOOLEAN,
};
/** DuckDB's vector size: a data chunk holds at most this many rows. */
const VECTOR_SIZE = 2048;

/** Appends a chunk as DuckDB data chunks (one call per 2,048 rows, not one per value). */
function append(appender: DuckDBAppender, columns: DatasetColumn[], chunk: Chunk): void {
  const types = columns.map((c) => DUCKDB_TYPES[c.type]);
  for (let start = 0; start < chunk.rows; start += VECTOR_SIZE) {
    const end = Math.min(chunk.rows, start + VECTOR_SIZE);
    const data = DuckDBDataChunk.create(types, end - start);
    data.setColumns(chunk.columns.map((col) => (start === 0 && end === col.length ? col : col.slice(start, end))));
    appender.appendDataChunk(data);
  }
}

/**
 * Writes the download as Parquet with DuckDB (zstd, DuckDB's default row groups) into a temporary folder; returns
 * the file and a cleanup that deletes the folder. The chunks go to a throw-away DuckDB database (one thread, 128 MB
 * of memory, the rest spilled to the folder), never to an array of rows.
 */
export async function parquetFile(
  source: Source,
  count: (rows: number) => void,
): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ioc06-bulk-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    // in memory up to 128 MB, beyond that spilled to the folder (a national year does not stay in RAM)
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '1',
      memory_limit: '128MB',
      temp_directory: path.join(dir, 'spill'),
    });
    const conn = await instance.connect();
    try {
      const cols = source.columns.map((c) => `"${c.name}" ${SQL_TYPES[c.type]}`).join(', ');
      await conn.run(`CREATE TABLE rows (${cols})`);
      const appender = await conn.createAppender('rows');
      for await (const chunk of source.chunks) {
        append(appender, source.columns, chunk);
        count(chunk.rows);
      }
      appender.closeSync();
      const file = path.join(dir, 'rows.parquet');
      await conn.run(`COPY rows TO '${file.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
      return { file, cleanup };
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * The body of a download as a stream, with what was written once it ends (`done`: rows, bytes, SHA-256), or the
 * error that stopped it; `close` ends it early (the client went away). Parquet is written whole to its file before
 * the first byte.
 */
export async function bulkBody(
  format: BulkFormat,
  source: Source,
): Promise<{ stream: Readable; done: Promise<Written>; close: () => void }> {
  let rows = 0;
  const count = (n: number) => {
    rows += n;
  };
  let bytes: AsyncIterable<Uint8Array>;
  let cleanup = async () => {};
  if (format === 'parquet') {
    const written = await parquetFile(source, count);
    cleanup = written.cleanup;
    bytes = createReadStream(written.file, { highWaterMark: 256 * 1024 });
  } else bytes = format === 'csv' ? csvBytes(source, count) : arrowBytes(source, count);
  const hash = createHash('sha256');
  let size = 0;
  let settle: { resolve: (w: Written) => void; reject: (e: unknown) => void } | undefined;
  const done = new Promise<Written>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined);
  async function* measured() {
    try {
      for await (const b of bytes) {
        const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
        hash.update(buf);
        size += buf.length;
        yield buf;
      }
      settle!.resolve({ rows, bytes: size, sha256: hash.digest('hex') });
    } catch (err) {
      settle!.reject(err);
      throw err;
    } finally {
      settle!.reject(new Error('the download was not read to its end'));
      await cleanup();
    }
  }
  const stream = Readable.from(measured(), { objectMode: false });
  // the client went away (or the answer ended): a stream never read still deletes its file
  const close = () => {
    settle!.reject(new Error('the download was not read to its end'));
    if (!stream.destroyed) stream.destroy();
    void cleanup();
  };
  return { stream, done, close };
}
