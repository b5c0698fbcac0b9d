// The inbox folder (IOC_INBOX): files another system drops there (e.g. the one-stop-shop software's nightly
// export) are imported by themselves: checked, previewed and committed when they have no error, then moved to
// done/ or failed/ with a report beside them (<id>.report.txt and .json). A file is taken only once its size and
// time are the same on two looks in a row (still being written otherwise). Each import is in the audit log as
// import_inbox, by "inbox", with its files, sizes, SHA-256 and data version (jobs.ts).
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, basename, join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { ImportJob } from '../contracts/imports.ts';
import { formatImportError } from '../../data/pipeline/import/types.ts';
import { describeFile, extractZip, FileProblem, isZip, safeName, tooBig, type SavedFile } from './files.ts';
import { ImportBusy, type ImportManager } from './jobs.ts';

export interface Inbox {
  stop(): void;
  /** Looks once (tests): resolves with the job it ran, if any. */
  poll(): Promise<ImportJob | null>;
}

const SUBFOLDERS = new Set(['done', 'failed']);

/** A name not yet used in `dir` (name, name-2, name-3 …). */
function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const ext = extname(name);
  for (let i = 2; ; i++) {
    const candidate = `${basename(name, ext)}-${i}${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

export function reportText(job: ImportJob): string {
  const lines = [
    `ioc06 import ${job.id} from the inbox: ${job.status}`,
    `started ${job.created_at}, ended ${job.finished_at ?? ''}`,
    ...(job.batch_id !== null ? [`batch ${job.batch_id}, data version ${job.data_version}`] : []),
    ...(job.message_en ? [job.message_en] : []),
    '',
    'files:',
    ...job.files.map((f) => `  ${f.name}  ${f.size} bytes  sha256 ${f.sha256}  ${f.kind ?? '-'}  ${f.status}`),
  ];
  if (job.errors.length > 0) {
    lines.push('', `errors (${job.error_count}):`);
    for (const e of job.errors) lines.push(`  ${formatImportError(e)}`);
  }
  return lines.join('\n') + '\n';
}

export function startInbox(
  imports: ImportManager,
  dir: string,
  opts: { pollMs: number; limitBytes: number },
  log: FastifyBaseLogger,
): Inbox {
  mkdirSync(dir, { recursive: true });
  for (const sub of SUBFOLDERS) mkdirSync(join(dir, sub), { recursive: true });
  let seen = new Map<string, string>();
  let busy = false;

  const settle = (job: ImportJob | null, files: string[], problem: FileProblem | null, id: string) => {
    const ok = job !== null && (job.status === 'done' || job.status === 'discarded');
    const target = join(dir, ok ? 'done' : 'failed');
    for (const name of files) renameSync(join(dir, name), join(target, freeName(target, name)));
    const stem = freeName(target, `${id}.report.txt`).replace(/\.report\.txt$/, '');
    const text = job ? reportText(job) : `ioc06 import from the inbox: refused\n${problem?.en ?? ''}\n`;
    writeFileSync(join(target, `${stem}.report.txt`), text);
    if (job) writeFileSync(join(target, `${stem}.report.json`), JSON.stringify(job, null, 2));
  };

  const poll = async (): Promise<ImportJob | null> => {
    if (busy || imports.running) return null;
    busy = true;
    try {
      const now = new Map<string, string>();
      for (const name of readdirSync(dir)) {
        if (name.startsWith('.') || SUBFOLDERS.has(name)) continue;
        const st = statSync(join(dir, name));
        if (st.isFile()) now.set(name, `${st.size}:${st.mtimeMs}`);
      }
      const stable = [...now].filter(([name, sig]) => seen.get(name) === sig).map(([name]) => name);
      seen = now;
      if (stable.length === 0) return null;
      const started = await imports
        .start({ source: 'inbox', actor: { account: 'inbox', role: null, ip: null }, autoCommit: true }, async (to) => {
          const taken = new Set<string>();
          const out: SavedFile[] = [];
          let left = opts.limitBytes;
          for (const name of stable) {
            const safe = safeName(name);
            taken.add(safe.toLowerCase());
            const path = join(to, safe);
            copyFileSync(join(dir, name), path);
            const file = { name: safe, path, ...(await describeFile(path)) };
            if (file.size > left) throw tooBig(safe, opts.limitBytes);
            left -= file.size;
            if (isZip(safe)) {
              const inside = await extractZip(file, to, left, taken);
              left -= inside.reduce((a, f) => a + f.size, 0);
              out.push(...inside);
            } else out.push(file);
          }
          return out;
        })
        .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (started instanceof ImportBusy) return null;
      if (started instanceof Error) {
        const problem = started instanceof FileProblem ? started : new FileProblem(started.message, started.message);
        settle(null, stable, problem, `inbox-${Date.now()}`);
        log.warn(`inbox: refused ${stable.join(', ')}: ${problem.en}`);
        seen = new Map();
        return null;
      }
      const job = (await imports.settled(started.id))!;
      settle(job, stable, null, job.id);
      seen = new Map();
      log.info(`inbox: import ${job.id} ${job.status} (${stable.join(', ')})`);
      return job;
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => {
    poll().catch((err: unknown) => log.error({ err }, 'inbox: look failed'));
  }, opts.pollMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer), poll };
}
