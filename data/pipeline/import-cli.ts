// `npm run import -- <folder> [--db path] [--unit id]`: loads a folder of import files into the store
// (docs/data-formats.md); --unit: the unit of the tasks of a tasks file without unit_id.
// Prints each file loaded or skipped, or each rejected row as `file:line: column: reason` (xlsx:
// `file:sheet:row: column: reason`) and exits 1.
// Event files (events*.ndjson|jsonl|json) go through the same path as POST /api/events, after the rest.
import { existsSync, statSync } from 'node:fs';
import { closeStore, openStore } from './store.ts';
import { importEventFiles } from './events/files.ts';
import { importFolder, type ImportError, type ImportReport } from './import/index.ts';
import { formatImportError } from './import/types.ts';

const USAGE =
  'usage: npm run import -- <folder> [--db path] [--unit unit_id]   (default store: $IOC_DB or data/ioc.duckdb;\n' +
  '  --unit: the unit whose tasks a tasks file without a unit_id column holds)';

export function parseArgs(argv: string[]): { folder: string; db: string; unit?: string } | null {
  let folder: string | undefined;
  let db = process.env.IOC_DB || 'data/ioc.duckdb';
  let unit: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) db = argv[++i];
    else if (argv[i].startsWith('--db=')) db = argv[i].slice(5);
    else if (argv[i] === '--unit' && argv[i + 1]) unit = argv[++i];
    else if (argv[i].startsWith('--unit=')) unit = argv[i].slice(7);
    else if (!argv[i].startsWith('-') && folder === undefined) folder = argv[i];
    else return null;
  }
  if (unit !== undefined && unit.trim() === '') return null;
  return folder ? { folder, db, ...(unit !== undefined ? { unit: unit.trim() } : {}) } : null;
}

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;

/** `file:line: column: reason`; in a workbook `file:sheet:row: column: reason`; `file: reason` for a whole file. */
export function formatError(e: ImportError): string {
  return formatImportError(e);
}

export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.ok) {
    const width = Math.max(4, ...report.files.map((f) => f.file.length));
    for (const f of report.files) {
      const rows = f.rows.toLocaleString('en-US').padStart(12);
      lines.push(
        (
          `${f.file.padEnd(width)}  ${f.kind.padEnd(10)} ${rows} rows  ${f.status.padEnd(7)}  ` +
          `${f.status === 'loaded' ? seconds(f.ms) : ''}`
        ).trimEnd(),
      );
      // what the reader did beside loading rows (a totals row skipped, a generic phrase kept)
      for (const note of f.notes ?? []) lines.push(`  ${note}`);
    }
    const loaded = report.files.filter((f) => f.status === 'loaded').length;
    lines.push(
      loaded > 0
        ? `${loaded} file(s) loaded as batch ${report.batchId} in ${seconds(report.ms)}.`
        : `Nothing new: every file was loaded before (${seconds(report.ms)}).`,
    );
  } else {
    let total = 0;
    for (const e of report.errors) {
      lines.push(formatError(e));
      const more = /^… and (\d+) more errors/.exec(e.reason);
      total += more ? Number(more[1]) : 1;
    }
    lines.push(`${total} error(s): nothing was loaded.`);
  }
  return lines;
}

/** The process that holds the store's lock ("Conflicting lock is held in … (PID n)"), or null for another error. */
export function heldBy(message: string): string | null {
  if (!/Could not set lock on file/i.test(message)) return null;
  return /\(PID (\d+)\)/.exec(message)?.[1] ?? '?';
}

/** What to do when a running server holds the store (DuckDB has one writer). */
export function serverHoldsStore(db: string, pid: string): string {
  return [
    `${db} is held by a running ioc06 server (process ${pid}): DuckDB lets one process write a store.`,
    'Nothing was loaded. Import through the server instead, while it keeps answering:',
    '  - the admin screen "Nhập dữ liệu" (/admin/imports): drop the files, check the preview, commit;',
    '  - or POST /api/admin/imports (multipart, as an admin; docs/import-server.md);',
    "  - or copy the files into the server's inbox folder (IOC_INBOX), where they are imported by themselves;",
    `  - or stop the server (process ${pid}) and run this command again.`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(args.folder) || !statSync(args.folder).isDirectory()) {
    console.error(`${args.folder}: not a folder\n${USAGE}`);
    return 2;
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(args.db);
  } catch (e) {
    const held = heldBy((e as Error).message);
    if (held === null) throw e;
    console.error(serverHoldsStore(args.db, held));
    return 3;
  }
  try {
    const report = await importFolder(store.connection, args.folder, { unit: args.unit });
    const out = formatReport(report);
    (report.ok ? console.log : console.error)(out.join('\n'));
    if (!report.ok) return 1;
    // Live events saved as files (events*.ndjson|jsonl|json): the same rules as POST /api/events, a file a batch.
    const events = await importEventFiles(store.connection, args.folder);
    for (const f of events.files)
      console.log(
        `${f.file}  events  ${f.events.toLocaleString('en-US')} events: ` +
          `${f.accepted.toLocaleString('en-US')} applied, ${f.duplicates.toLocaleString('en-US')} seen before`,
      );
    if (events.errors.length > 0) {
      console.error(
        [...events.errors.map(formatError), `${events.errors[0].file}: nothing of this file was applied.`].join('\n'),
      );
      return 1;
    }
    return 0;
  } finally {
    closeStore(store);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('import-cli.ts')) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`import failed, nothing was loaded: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}
