// End-to-end harness: a demo store and a web build made once, the real server listening on
// 127.0.0.1, and Debian's Chromium driven by playwright-core. Used by tests/e2e/*.test.ts and
// tests/perf/first-screen.ts (so it imports nothing from vitest).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { CHROMIUM_ARGS, settle } from '../../server/export/render.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export { CHROMIUM_ARGS };
export const SHOTS = join(ROOT, 'tests', '.tmp', 'shots');
const TMP = join(ROOT, 'tests', '.tmp', 'e2e');
const STORE_DIR = join(TMP, 'store');
const STORE_STAMP = join(TMP, 'store.ready');

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Newest modification time (ms) of the files under these paths (missing paths count as 0). */
function newest(paths: string[]): number {
  let max = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(p);
  return max;
}

/** Runs fn while holding a lock shared by the test workers (a directory: mkdir is atomic). */
async function withLock<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  mkdirSync(TMP, { recursive: true });
  const lock = join(TMP, `${name}.lock`);
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 5 minutes belongs to a worker that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() - t0 > 600_000) throw new Error(`e2e: waited 10 minutes for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The demo store, built once and rebuilt only when the pipeline changes. */
export async function ensureDemoStore(): Promise<string> {
  return withLock('store', async () => {
    const db = join(STORE_DIR, 'ioc.duckdb');
    const sources = newest([join(ROOT, 'data', 'pipeline'), join(ROOT, 'tests', 'helpers', 'demo-store.ts')]);
    if (!existsSync(db) || !existsSync(STORE_STAMP) || statSync(STORE_STAMP).mtimeMs < sources) {
      await buildDemoStore(STORE_DIR);
      writeFileSync(STORE_STAMP, new Date().toISOString());
    }
    return db;
  });
}

/**
 * The web app built by Vite, once, unless a build newer than every source exists. The tests build
 * into their own folder (tests/.tmp/e2e/web-<time>) rather than dist/web: a `vite build` run by
 * someone else empties dist/web under a running test, and a rebuild never removes the files of a
 * build that another worker may still be serving (old builds go after an hour).
 */
export async function ensureWebBuild(): Promise<string> {
  return withLock('web', () => {
    const sources = newest([
      join(ROOT, 'web'),
      join(ROOT, 'vite.config.ts'),
      join(ROOT, 'server', 'contracts'),
      join(ROOT, 'package.json'),
    ]);
    const builds = readdirSync(TMP)
      .filter((d) => /^web-\d+$/.test(d) && existsSync(join(TMP, d, '.vite', 'manifest.json')))
      .map((d) => ({ dir: join(TMP, d), at: statSync(join(TMP, d, '.vite', 'manifest.json')).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of builds.slice(1))
      if (Date.now() - old.at > 3_600_000) rmSync(old.dir, { recursive: true, force: true });
    if (builds[0] && builds[0].at >= sources) return builds[0].dir;
    if (!existsSync(join(ROOT, 'web', 'index.html')))
      throw new Error('e2e: web/index.html is missing: there is no web app to build');
    const dir = join(TMP, `web-${Date.now()}`);
    // --manifest: tests/perf/first-screen.ts reads the entry chunk and its static imports from it.
    // NODE_ENV=production: under Vitest NODE_ENV is 'test', and Vite would then build React's
    // development bundle (StrictMode effects twice, every request doubled, slower rendering).
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'vite'),
      ['build', '--manifest', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    return dir;
  });
}

export interface Server {
  app: FastifyInstance;
  ctx: Context;
  baseUrl: string;
  /** an admin of the district, signed in: pages open with this session unless told otherwise */
  session: Signed;
  close(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Store copies left by workers that were killed before they could clean up. */
function removeDeadCopies(): void {
  for (const f of readdirSync(TMP)) {
    const m = /^run-(\d+)-\d+\.duckdb(\.wal)?$/.exec(f);
    if (m && !alive(Number(m[1]))) rmSync(join(TMP, f), { force: true });
  }
}

/** The real server on its own copy of the store (DuckDB locks a file to one writer process). */
export async function startServer(webRoot: string, env: Record<string, string> = {}): Promise<Server> {
  const store = await ensureDemoStore();
  removeDeadCopies();
  const db = join(TMP, `run-${process.pid}-${Date.now()}.duckdb`);
  copyFileSync(store, db);
  const ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', ...env }));
  const app = await buildApp(ctx, { logger: false, webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('e2e: the server has no TCP address');
  return {
    app,
    ctx,
    baseUrl: `http://127.0.0.1:${addr.port}`,
    session: await signIn(app, ctx, { role: 'admin' }),
    async close() {
      await app.close();
      await ctx.close();
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh, temporary user-data dir.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page with what a person would notice: console errors, page errors, requests that leave the host. */
export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  outside: string[];
  /**
   * Console errors matching this (text and resource URL, "text @ url") are expected from now on: a
   * test whose point is a refused request (wrong password, a unit outside the account's scope).
   */
  allowConsole(pattern: RegExp): void;
  /** Throws when the page logged an error or tried to reach another host. */
  assertClean(label?: string): void;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1']);

/**
 * Console errors every page may log: a page without a session asks GET /api/auth/me, which answers
 * 401, and Chromium logs every failed response as "Failed to load resource". That one is how the app
 * learns to show its sign-in screen, not a fault; any other 401 or 403 still fails the test.
 */
const EXPECTED_CONSOLE = [
  /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\) @ https?:\/\/[^/]+\/api\/auth\/me$/,
];

/** A page; signed in when `session` is given (its cookie set for `baseUrl`), as after a sign-in. */
export async function openPage(
  browser: Browser,
  opts: BrowserContextOptions = {},
  session?: { baseUrl: string; signed: Signed },
): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', ...opts });
  if (session)
    await context.addCookies([
      { name: 'ioc06_sid', value: session.signed.value, url: session.baseUrl, httpOnly: true, sameSite: 'Strict' },
    ]);
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  const allowed = [...EXPECTED_CONSOLE];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url || 'no url';
    if (!allowed.some((re) => re.test(`${m.text()} @ ${url}`))) errors.push(`console: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  // Air-gapped: a request to any other host is recorded and refused.
  await context.route(/^https?:/, (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return {
    page,
    context,
    errors,
    outside,
    allowConsole: (pattern) => void allowed.push(pattern),
    assertClean(label = page.url()) {
      const problems = [...errors, ...outside.map((u) => `request leaves 127.0.0.1: ${u}`)];
      if (problems.length > 0) throw new Error(`${label}:\n  ${problems.join('\n  ')}`);
    },
    close: () => context.close(),
  };
}

declare global {
  interface Window {
    __iocMapReady?: boolean;
    __iocMapFirstPaint?: number;
  }
}

export { settle };

export function shotPath(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${name.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}.png`);
}
