// The vitest side of the e2e harness: one server and one browser per test file, shared by its
// tests. Skips (with a message) only when Chromium is missing, and never under CI.
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Signed } from '../helpers/auth.ts';
import {
  CHROMIUM,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  openPage,
  startServer,
  type Server,
  type TrackedPage,
} from './harness.ts';

export interface E2E {
  server: Server;
  browser: Browser;
  baseUrl: string;
  /**
   * A fresh page (own context), signed in as the server's admin unless `as` names another session
   * (or null: not signed in); closed at the end of the file if the test did not.
   */
  open(opts?: Parameters<typeof openPage>[1], as?: Signed | null): Promise<TrackedPage>;
  /** GET on the API, parsed as JSON. */
  api<T = unknown>(path: string): Promise<T>;
}

/** Declares a suite of browser tests; `e2e` is filled in before the first test runs. */
export function e2eSuite(name: string, body: (e2e: E2E) => void): void {
  if (!hasChromium()) {
    if (process.env.CI) {
      describe(name, () => {
        it('needs Chromium', () => {
          throw new Error(`${CHROMIUM} is missing: CI must install the Debian package chromium (see .ci/run)`);
        });
      });
    } else {
      console.warn(
        `[e2e] skipping "${name}": ${CHROMIUM} is missing (apt-get install chromium fonts-liberation fonts-noto-core)`,
      );
      describe.skip(name, () => body({} as E2E));
    }
    return;
  }
  // A page load is 1–3 s on an idle machine; a busy CI runner can make it ten times slower.
  vi.setConfig({ testTimeout: 120_000 });
  const pages: TrackedPage[] = [];
  const e2e = {} as E2E;
  describe(name, () => {
    beforeAll(async () => {
      e2e.server = await startServer(await ensureWebBuild());
      e2e.baseUrl = e2e.server.baseUrl;
      e2e.browser = await launchBrowser();
      e2e.open = async (opts, as) => {
        const signed = as === undefined ? e2e.server.session : as;
        const p = await openPage(e2e.browser, opts, signed ? { baseUrl: e2e.baseUrl, signed } : undefined);
        pages.push(p);
        return p;
      };
      e2e.api = async <T>(path: string) => {
        const res = await e2e.server.app.inject({
          method: 'GET',
          url: path,
          headers: { accept: 'application/json', ...e2e.server.session.headers },
        });
        if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.json<T>();
      };
    }, 180_000);
    afterAll(async () => {
      for (const p of pages) await p.close().catch(() => undefined);
      await e2e.browser?.close();
      await e2e.server?.close();
    });
    body(e2e);
  });
}
