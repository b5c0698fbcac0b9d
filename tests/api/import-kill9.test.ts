// Durability of a commit through the server (POST /api/admin/imports/:id/commit): the real server (a child process)
// on a copy of the demo store is killed with SIGKILL right after it accepts the commit of 40,000 new dossiers, and
// at random moments while the commit runs, each time on a fresh copy. The store file, opened directly afterwards,
// holds either the old version or the new one, never a mix: its fingerprints (dossiers, dossier_month, bundle_month,
// import_log, data version; tests/helpers/store-fingerprint.ts) equal those of the store before, or those of a
// reference copy where the same import was committed without a kill. A restarted server then says what happened to
// the interrupted import: done when the new version is there, failed with a message when it is not.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, openAsBlob, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../data/pipeline/store.ts';
import { ensureDemoStore, ROOT } from '../e2e/harness.ts';
import { alive, childSession, exited, freePort, startChildServer } from '../helpers/child-server.ts';
import { dossierPlan, dossierRows, writeDossierCsv } from '../helpers/dossier-file.ts';
import { fingerprintFile, type StoreFingerprint } from '../helpers/store-fingerprint.ts';

const DIR = join(ROOT, 'tests', '.tmp', `import-kill9-${process.pid}`);
const OLD = join(DIR, 'old.duckdb');
const FILE = join(DIR, 'dossiers-kill9.csv');
const ROWS = 40_000;
/** Kills: at once when the commit is accepted, at random moments of the commit, and as soon as it reads done. */
const RANDOM_KILLS = 2;

let port = 0;
let child: ChildProcess | null = null;
let old: StoreFingerprint;
let fresh: StoreFingerprint;
/** how long the reference commit took, from its 202 to the job's done (ms) */
let commitMs = 0;

interface Job {
  id: string;
  status: string;
  can_commit: boolean;
  error_count: number;
  errors: unknown[];
  batch_id: number | null;
  message: string | null;
  message_en: string | null;
}

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

async function start(db: string, round: string): Promise<{ proc: ChildProcess; auth: Record<string, string> }> {
  // an import folder of its own: job ids (i1, i2 …) restart with every store; no 503 when the machine is busy
  const env = { IOC_IMPORT_DIR: join(DIR, `imports-${round}`), IOC_MAX_LAG_MS: '60000' };
  const server = await startChildServer(db, port, { env, timeoutMs: 120_000 });
  server.proc.once('exit', () => process.env.KILL9_DEBUG && console.log(server.output()));
  outputs.set(server.proc, () => server.output());
  child = server.proc;
  return { proc: server.proc, auth: await childSession(port) };
}

async function getJob(auth: Record<string, string>, id: string): Promise<Job> {
  const res = await fetch(url(`/api/admin/imports/${id}`), { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as Job;
}

/** Uploads the file and waits for its preview; returns the job's id. */
async function previewed(auth: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.append('files', await openAsBlob(FILE), basename(FILE));
  const res = await fetch(url('/api/admin/imports'), { method: 'POST', headers: auth, body: form });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as Job;
  for (;;) {
    const job = await getJob(auth, id);
    if (job.status !== 'validating') {
      expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'preview', can_commit: true, error_count: 0 });
      return id;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function askCommit(auth: Record<string, string>, id: string): Promise<void> {
  const res = await fetch(url(`/api/admin/imports/${id}/commit`), { method: 'POST', headers: auth });
  expect(res.status).toBe(202);
}

/** Each started server's output (shown when it does not exit as it should). */
const outputs = new Map<ChildProcess, () => string>();

async function stop(proc: ChildProcess): Promise<void> {
  proc.kill('SIGTERM');
  const code = await exited(proc);
  expect(code, `the server's output:\n${outputs.get(proc)?.() ?? ''}`).toBe(0);
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  copyFileSync(await ensureDemoStore(), OLD);
  const { instance, connection } = await openStore(OLD, { readOnly: true });
  try {
    writeDossierCsv(FILE, dossierRows(await dossierPlan(connection), ROWS, 'K9', 9));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  old = await fingerprintFile(OLD);
  port = await freePort();

  // the reference: the same import committed without a kill
  const ref = join(DIR, 'reference.duckdb');
  copyFileSync(OLD, ref);
  const { proc, auth } = await start(ref, 'reference');
  const id = await previewed(auth);
  const t = performance.now();
  await askCommit(auth, id);
  let job: Job;
  while ((job = await getJob(auth, id)).status === 'loading') await new Promise((r) => setTimeout(r, 20));
  commitMs = performance.now() - t;
  expect(job.status).toBe('done');
  await stop(proc);
  fresh = await fingerprintFile(ref);
  console.log(`reference commit of ${ROWS} dossiers: ${Math.round(commitMs)} ms`);
}, 240_000);

afterAll(() => {
  if (child && alive(child)) child.kill('SIGKILL');
  rmSync(DIR, { recursive: true, force: true });
});

describe('kill -9 during the commit of an import', () => {
  it('the reference differs from the old store in every fingerprint', () => {
    expect(fresh.dossiers).toBe(old.dossiers + ROWS);
    expect(Number(fresh.data_version)).toBe(Number(old.data_version) + 1);
    for (const k of ['dossiers_hash', 'dossier_month', 'bundle_month', 'import_log'] as const)
      expect(fresh[k], k).not.toBe(old[k]);
  });

  it('leaves the old version or the new one, and a restarted server says which', async () => {
    // 'done': killed the moment the job reads done (the commit is durable, the job's own end may not be saved yet)
    const delays: (number | 'done')[] = [
      0,
      ...Array.from({ length: RANDOM_KILLS }, () => Math.round(Math.random() * commitMs)),
      'done',
    ];
    const outcomes: string[] = [];
    for (const [round, delay] of delays.entries()) {
      const db = join(DIR, `round-${round}.duckdb`);
      copyFileSync(OLD, db);
      const t = { start: performance.now(), up: 0, preview: 0, killed: 0, checked: 0 };
      let { proc, auth } = await start(db, String(round));
      t.up = performance.now();
      const id = await previewed(auth);
      t.preview = performance.now();
      await askCommit(auth, id);
      if (delay === 'done') {
        while ((await getJob(auth, id)).status === 'loading') await new Promise((r) => setTimeout(r, 5));
      } else if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      proc.kill('SIGKILL');
      await exited(proc);
      t.killed = performance.now();

      const now = await fingerprintFile(db);
      const isOld = isDeepStrictEqual(now, old);
      const isNew = isDeepStrictEqual(now, fresh);
      expect(isOld || isNew, `a mix after a kill ${delay} ms into the commit: ${JSON.stringify(now)}`).toBe(true);

      ({ proc, auth } = await start(db, String(round)));
      const job = await getJob(auth, id);
      if (isNew) {
        expect(job).toMatchObject({ status: 'done', batch_id: 2 });
      } else {
        expect(job.status).toBe('failed');
        expect(job.message).toBeTruthy();
        expect(job.message_en).toMatch(/stopped before the import finished/);
      }
      const list = (await (await fetch(url('/api/admin/imports'), { headers: auth })).json()) as { running: unknown };
      expect(list.running).toBeNull();
      await stop(proc);
      t.checked = performance.now();
      const ms = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
      console.log(
        `round ${round}: started ${ms(t.start, t.up)}, previewed ${ms(t.up, t.preview)}, ` +
          `killed ${ms(t.preview, t.killed)}, checked and restarted ${ms(t.killed, t.checked)}`,
      );
      outcomes.push(`${delay === 'done' ? 'at done' : `${delay} ms`} → ${isNew ? 'new' : 'old'} (${job.status})`);
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    console.log(`commit ${Math.round(commitMs)} ms; kills: ${outcomes.join(', ')}`);
  }, 240_000);
});
