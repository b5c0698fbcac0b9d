// The real server as its own process (server/main.ts) on a given store and port: what the kill -9 test
// and the live bench need (a process to kill, subscribers in another process). No vitest import.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The demo accounts' password in a child server (demo mode with IOC_DEMO_PASSWORD). */
export const CHILD_PASSWORD = 'child-server-pass-2026';

/**
 * Signs in to a child server as a demo account (default: the admin, quantri); returns the cookie and
 * CSRF headers for fetch.
 */
export async function childSession(port: number, username = 'quantri'): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: CHILD_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return { cookie, 'x-csrf-token': csrf_token };
}

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => done(p));
    });
  });

/** A process killed by a signal has exitCode null and signalCode set. */
export const alive = (proc: ChildProcess): boolean => proc.exitCode === null && proc.signalCode === null;

/** Resolves with the exit code once the process has ended (null when a signal ended it). */
export const exited = (proc: ChildProcess): Promise<number | null> =>
  new Promise((done) => (alive(proc) ? proc.once('exit', (code) => done(code)) : done(proc.exitCode)));

export interface ChildServer {
  proc: ChildProcess;
  /** everything the server printed so far */
  output(): string;
}

/**
 * Starts the server on `db` and `port` and resolves once /api/health answers (or, with `until`, once
 * the server has printed that text too). Throws with the server's output when it exits or is not up
 * within `timeoutMs`. `env` adds to or overrides the server's environment (e.g. LOG_LEVEL: 'info').
 */
export async function startChildServer(
  db: string,
  port: number,
  opts: { until?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ChildServer> {
  const ioc = { IOC_DB: db, PORT: String(port), HOST: '127.0.0.1', IOC_DEMO: 'false' };
  const demo = { IOC_MODE: 'demo', IOC_DEMO_PASSWORD: CHILD_PASSWORD };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...ioc, ...demo, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const t0 = Date.now();
  let up = false;
  for (;;) {
    if (!alive(proc)) throw new Error(`server exited: ${out}`);
    if (!up) {
      try {
        up = (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
      } catch {
        /* not up yet */
      }
    }
    if (up && (!opts.until || out.includes(opts.until))) return { proc, output: () => out };
    if (Date.now() - t0 > (opts.timeoutMs ?? 60_000)) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
