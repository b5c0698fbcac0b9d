// `npm run import -- <folder> [--db path]`: loads a folder of import files into the store (docs/data-formats.md).
// Prints each file loaded or skipped, or each rejected row as `file:line: column: reason` and exits 1.
// Event files (events*.ndjson|jsonl|json) go through the same path as POST /api/events, after the rest.
import { existsSync, statSync } from 'node:fs';
import { closeStore, openStore } from './store.ts';
import { importEventFiles } from './events/files.ts';
import { importFolder, type ImportError, type ImportReport } from './import/index.ts';

const USAGE = 'usage: npm run import -- <folder> [--db path]   (default store: $IOC_DB or data/ioc.duckdb)';

function parseArgs(argv: string[]): { folder: string; db: string } | null {
  let folder: string | undefined;
  let db = process.env.IOC_DB || 'data/ioc.duckdb';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) db = argv[++i];
    else if (argv[i].startsWith('--db=')) db = argv[i].slice(5);
    else if (!argv[i].startsWith('-') && folder === undefined) folder = argv[i];
    else return null;
  }
  return folder ? { folder, db } : null;
}

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;

export function formatError(e: ImportError): string {
  if (e.line === 0) return e.file ? `${e.file}: ${e.reason}` : e.reason;
  return `${e.file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.reason}`;
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
  const store = await openStore(args.db);
  try {
    const report = await importFolder(store.connection, args.folder);
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
