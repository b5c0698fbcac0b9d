// Imports through the real server, end to end in Chromium: an admin of the district picks a dossiers CSV on
// /admin/imports, sees the progress then the preview (kind, rows, "thêm mới N"), writes it after the confirmation
// and reads the new data version; a district leader's Procedures screen, open in another browser context, follows
// by itself (the live stream's `reset`) to the count computed here from the store's dossiers and the rows added,
// without a reload; "Hoàn tác" in the history takes it back. The same with a workbook with Vietnamese headers and
// values. A file with bad rows lists them (file, row, column), cannot be written, and its "Tải lỗi (CSV)" downloads
// the same rows. axe on the preview and the errors; screenshots at 1366×768 and 390×844 in
// tests/.tmp/shots/imports_flow_*.png.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ImportJob } from '../../server/contracts/imports.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { ROOT, settle, shotPath, type TrackedPage } from './harness.ts';
import { e2eSuite } from './suite.ts';

const DISTRICT = '291';
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').trim();

/** Serious and critical axe violations of the page as it is now. */
async function axe(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE); // the app's CSP refuses inline scripts; the DevTools protocol is not bound by it
  const found = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const noSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

// The cell-key method as docs/disclosure.md describes it, written again here: a dossier's key is the first 24 bits
// of md5(secret:d:dossier_id); a cell's key the sum of its records' keys; a count of 5 or more is published as
// n−2 … n+2 by where the key falls in the p-table's row (9, 12, 18, 12, 9 sixtieths).
const MODULUS = 2 ** 24;
const recordKey = (secret: string, id: string) =>
  parseInt(createHash('md5').update(`${secret}:d:${id}`).digest('hex').slice(0, 6), 16);
function published(n: number, key: number): number {
  if (n < 5) throw new Error(`a count of ${n}: the test expects a district's month of dossiers`);
  const u = ((((key % MODULUS) + MODULUS) % MODULUS) / MODULUS) * 60;
  let running = 0;
  for (const [offset, p] of [
    [-2, 9],
    [-1, 12],
    [0, 18],
    [1, 12],
    [2, 9],
  ]) {
    running += p;
    if (u < running) return n + offset;
  }
  return n + 2;
}

/** A dossier as the store holds it, every field as the CSV writes it. */
type Row = Record<string, string>;

/** A CSV field, quoted when it needs to be. */
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (head: string[], rows: string[][]) =>
  [head, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';

/** A CSV text as rows of fields (quoted fields, "" inside them, CR LF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') {
        cell += '"';
        k++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[k + 1] === '\n') k++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A local wall-clock time `YYYY-MM-DD HH:MM:SS` as a Date holding it in UTC (what exceljs writes as a cell). */
const wallClock = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
const VI_CHANNEL: Record<string, string> = { online: 'Trực tuyến', counter: 'Trực tiếp', post: 'Bưu chính' };
const VI_STATUS: Record<string, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement: 'Chờ bổ sung',
  resolved: 'Đã trả kết quả',
  rejected: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
};
/** The workbook's columns: the Vietnamese headers of data-formats.md (data/pipeline/import/aliases.ts). */
const VI_HEADERS: [string, string][] = [
  ['dossier_id', 'Mã hồ sơ'],
  ['procedure_code', 'Mã thủ tục'],
  ['unit_id', 'Mã đơn vị'],
  ['received_at', 'Ngày tiếp nhận'],
  ['due_at', 'Ngày hẹn trả'],
  ['resolved_at', 'Ngày kết thúc xử lý'],
  ['channel', 'Kênh'],
  ['status', 'Trạng thái'],
];

/** A workbook of these dossiers, one sheet "Hồ sơ": Vietnamese headers and values, real date cells. */
async function dossierWorkbook(rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Hồ sơ');
  sheet.addRow(VI_HEADERS.map(([, h]) => h));
  for (const r of rows) {
    const row = sheet.addRow([
      r.dossier_id,
      r.procedure_code,
      r.unit_id,
      wallClock(r.received_at),
      wallClock(r.due_at),
      r.resolved_at ? wallClock(r.resolved_at) : null,
      VI_CHANNEL[r.channel],
      VI_STATUS[r.status],
    ]);
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = 'dd/mm/yyyy hh:mm';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

declare global {
  interface Window {
    __flowMark?: number;
    __bars?: string[];
  }
}

e2eSuite('imports through the real server in Chromium', (e2e) => {
  let leaderSession: Signed;
  let secret: string;
  /** the store's latest month of dossiers, YYYY-MM */
  let month: string;
  /** the district's dossiers received that month, before any import: count and cell key */
  let before: { n: number; key: number };
  let header: string[];
  /** dossiers of the district received that month (not in a linked bundle), to copy with new ids */
  let models: Row[];

  const rowsOf = async (sql: string) => {
    const c = await e2e.server.ctx.instance.connect();
    try {
      return (await c.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      c.closeSync();
    }
  };
  const dataVersion = async () =>
    Number((await rowsOf(`SELECT value FROM store_meta WHERE key = 'data_version'`))[0].value);

  beforeAll(async () => {
    leaderSession = await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: DISTRICT });
    secret = String((await rowsOf(`SELECT value FROM store_meta WHERE key = 'cell_key_secret'`))[0].value);
    month = String((await rowsOf(`SELECT strftime(max(month), '%Y-%m') AS m FROM dossier_month`))[0].m);
    // the district's own dossiers (district-level procedures) and its communes'
    const ours = `unit_id IN (SELECT unit_id FROM units WHERE '${DISTRICT}' IN (unit_id, parent_id))
      AND strftime(received_at, '%Y-%m') = '${month}'`;
    // the truth, from the dossiers themselves (not the cube the indicator reads)
    const ids = await rowsOf(`SELECT dossier_id FROM dossiers WHERE ${ours}`);
    before = { n: ids.length, key: ids.reduce((s, r) => s + recordKey(secret, String(r.dossier_id)), 0) };
    const found = await rowsOf(`SELECT * FROM dossiers WHERE ${ours} AND bundle_ref IS NULL ORDER BY hash(dossier_id)`);
    header = Object.keys(found[0]);
    models = found.map((r) => Object.fromEntries(header.map((h) => [h, r[h] === null ? '' : String(r[h])])));
    expect(models.length).toBeGreaterThan(500);
  });

  /** `n` new dossiers: models with ids of their own (`E2E-<tag>-…`); their count and key. */
  const newDossiers = (tag: string, n: number, skip = 0) => {
    const rows = models.slice(skip, skip + n).map((r, k): Row => ({
      ...r,
      dossier_id: `E2E-${tag}-${month}-${String(k + 1).padStart(4, '0')}`,
    }));
    return { rows, key: rows.reduce((s, r) => s + recordKey(secret, r.dossier_id), 0) };
  };

  /** The district leader's Procedures screen over the month; the tile "Hồ sơ tiếp nhận" read as a number. */
  async function openLeader() {
    const t = await e2e.open({}, leaderSession);
    await t.page.goto(`${e2e.baseUrl}/procedures?unit=${DISTRICT}&from=${month}&to=${month}`);
    await settle(t.page);
    await t.page.locator('.live-status[data-state="live"]').waitFor({ timeout: 20_000 });
    const tile = t.page
      .locator('.ioc-kpi')
      .filter({ has: t.page.locator('span', { hasText: /^Hồ sơ tiếp nhận$/ }) })
      .locator('strong');
    const received = async () => Number(plain(await tile.innerText()).replace(/\D/g, ''));
    // answers of indicators asked from now on, to see that the page asked again after a commit
    const asked: { at: number; url: string }[] = [];
    t.page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/indicators')) asked.push({ at: Date.now(), url: r.url() });
    });
    await t.page.evaluate(() => (window.__flowMark = 1));
    const notReloaded = () => t.page.evaluate(() => window.__flowMark === 1);
    return { t, received, asked, notReloaded };
  }

  /** The admin's import screen, with a record of every progress bar shown (by its label). */
  async function openAdmin(): Promise<TrackedPage> {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/admin/imports`);
    await settle(t.page);
    await t.page.evaluate(() => {
      window.__bars = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]'))
          window.__bars!.push(`${bar.getAttribute('aria-label')} ${bar.getAttribute('aria-valuenow') ?? ''}`);
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    return t;
  }

  /** Picks the file with the input, uploads it, and waits for the import to settle; its id. */
  async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.locator('.import-files li', { hasText: file.name }).waitFor();
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.waitForURL((u) => /^\?job=i\d+$/.test(u.search), { timeout: 30_000 });
    const id = new URL(page.url()).searchParams.get('job')!;
    await page.locator('.import-job:is([data-status="preview"], [data-status="failed"])').waitFor({ timeout: 60_000 });
    await settle(page);
    return id;
  }

  /** Screenshots of the page (whole length) at 1366×768 and 390×844; the page never scrolls sideways. */
  async function shots(page: Page, name: string) {
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(200);
      await page.screenshot({ path: shotPath(`imports_flow_${name}_${width}`), fullPage: true });
      expect(await noSideways(page), `${name} at ${width}×${height} scrolls sideways`).toBe(true);
      expect(await axe(page), `${name} at ${width}×${height}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  /** The preview's card of a file, checked: kind, format, rows and "thêm mới n"; the commit button enabled. */
  async function checkPreview(page: Page, name: string, format: string, rows: number) {
    const main = page.locator('main');
    const card = main.locator('.import-card', { has: page.locator('.import-card__title', { hasText: name }) });
    const text = plain(await card.innerText());
    expect(text).toMatch(/Loại dữ liệu\s+Hồ sơ TTHC/);
    expect(text).toMatch(new RegExp(`Định dạng\\s+${format}`));
    expect(text).toMatch(new RegExp(`Số dòng\\s+${rows}\\b`));
    expect(text).toContain(`thêm mới ${rows} · thay thế 0 · không đổi 0`);
    expect(text).toContain(`Thời gian`);
    expect(await main.innerText()).toContain('Không có lỗi: có thể ghi vào kho dữ liệu.');
    expect(await main.getByRole('button', { name: 'Ghi vào kho dữ liệu' }).isEnabled()).toBe(true);
    // the progress was shown on the way: the upload's bar, then the check's (the import is read at once after
    // the upload's 202, while it is still validating)
    const bars = await page.evaluate(() => window.__bars ?? []);
    expect(
      bars.some((b) => b.startsWith('Tiến độ tải lên')),
      bars.join(', '),
    ).toBe(true);
    expect(
      bars.some((b) => b.startsWith('Tiến độ của lượt nhập')),
      bars.join(', '),
    ).toBe(true);
    return card;
  }

  /** "Ghi vào kho dữ liệu", the confirmation naming the rows, then "Đã ghi: phiên bản dữ liệu N". */
  async function commit(page: Page, rows: number, version: number) {
    const main = page.locator('main');
    await main.getByRole('button', { name: 'Ghi vào kho dữ liệu' }).click();
    const confirm = main.locator('.confirm');
    expect(plain(await confirm.innerText())).toContain(`Ghi ${rows} dòng từ 1 tệp vào kho dữ liệu`);
    await confirm.getByRole('button', { name: `Ghi ${rows} dòng` }).click();
    await main.getByText(`Đã ghi: phiên bản dữ liệu ${version}`).waitFor({ timeout: 60_000 });
    expect(await dataVersion()).toBe(version);
  }

  it('a dossiers CSV: progress, preview, commit; the leader sees the new count without a reload; undo', async () => {
    const leader = await openLeader();
    const shownBefore = published(before.n, before.key);
    expect(await leader.received()).toBe(shownBefore);

    const admin = await openAdmin();
    const added = newDossiers('CSV', 300);
    const name = `dossiers-${month}-e2e.csv`;
    const csv = toCsv(
      header,
      added.rows.map((r) => header.map((h) => r[h])),
    );
    const id = await upload(admin.page, { name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await checkPreview(admin.page, name, 'CSV', 300);
    const job = await e2e.api<ImportJob>(`/api/admin/imports/${id}`);
    expect(job.preview!.indicators).toContain('dossiers_received');
    await shots(admin.page, 'preview');

    const version = await dataVersion();
    const t0 = Date.now();
    await commit(admin.page, 300, version + 1);
    const expected = published(before.n + 300, before.key + added.key);
    await expect.poll(leader.received, { timeout: 20_000 }).toBe(expected);
    // the true count moved by 300, the published one within the p-table's ±2 of each side
    expect(Math.abs(expected - shownBefore - 300)).toBeLessThanOrEqual(4);
    expect(await leader.notReloaded()).toBe(true);
    expect(leader.asked.some((r) => r.at >= t0)).toBe(true);
    await admin.page.screenshot({ path: shotPath('imports_flow_done_1366'), fullPage: true });

    // undo from the history: the leader's count goes back
    const main = admin.page.locator('main');
    await main.getByRole('button', { name: `Hoàn tác lượt nhập ${id}` }).click();
    await main.getByRole('button', { name: 'Hoàn tác lượt nhập', exact: true }).click();
    await main.getByText(`Đã hoàn tác lượt nhập ${id}: phiên bản dữ liệu ${version + 2}.`).waitFor({ timeout: 30_000 });
    await expect.poll(leader.received, { timeout: 20_000 }).toBe(shownBefore);
    expect(await leader.notReloaded()).toBe(true);
    // the history says so, naming the import as the screen does
    const row = main.locator(`.import-history__table tr[data-import="${id}"]`);
    await expect.poll(async () => plain(await row.innerText())).toContain(`Đã hoàn tác lượt nhập ${id} (lô `);
    expect((await rowsOf(`SELECT count(*)::INTEGER AS n FROM dossiers WHERE dossier_id LIKE 'E2E-CSV-%'`))[0].n).toBe(
      0,
    );
    admin.assertClean('admin, CSV import');
    leader.t.assertClean('leader, CSV import');
    await admin.close();
    await leader.t.close();
  });

  it('a workbook with Vietnamese headers and values: the columns read, commit, the leader follows', async () => {
    const leader = await openLeader();
    expect(await leader.received()).toBe(published(before.n, before.key));
    const admin = await openAdmin();
    const added = newDossiers('XLSX', 200, 300);
    const name = `dossiers-${month}-e2e.xlsx`;
    const buffer = await dossierWorkbook(added.rows);
    await upload(admin.page, {
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const card = await checkPreview(admin.page, name, 'XLSX', 200);
    expect(plain(await card.innerText())).toMatch(/Trang tính\s+Hồ sơ/);
    await card.locator('summary').click();
    const columns = (await card.locator('.import-card__columns li').allInnerTexts()).map(plain);
    for (const [column, heading] of VI_HEADERS) expect(columns).toContain(`${column} ← ${heading}`);

    await commit(admin.page, 200, (await dataVersion()) + 1);
    await expect.poll(leader.received, { timeout: 20_000 }).toBe(published(before.n + 200, before.key + added.key));
    expect(await leader.notReloaded()).toBe(true);
    // the workbook's values, read back from the store: Vietnamese words and day-first dates became the store's
    const stored = await rowsOf(
      `SELECT dossier_id, channel, status, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received_at
       FROM dossiers WHERE dossier_id LIKE 'E2E-XLSX-%' ORDER BY dossier_id`,
    );
    expect(stored.map((r) => [r.dossier_id, r.channel, r.status, r.received_at])).toEqual(
      added.rows.map((r) => [r.dossier_id, r.channel, r.status, r.received_at.slice(0, 16) + ':00']),
    );
    admin.assertClean('admin, workbook import');
    leader.t.assertClean('leader, workbook import');
    await admin.close();
    await leader.t.close();
  });

  it('bad rows: the errors (file, row, column), no commit, "Tải lỗi (CSV)" gives the same rows; axe', async () => {
    const admin = await openAdmin();
    const rows = newDossiers('BAD', 6, 600).rows.map((r) => header.map((h) => r[h]));
    rows[1][header.indexOf('received_at')] = '31/02/2022 08:00'; // line 3: no such day
    rows[3][header.indexOf('channel')] = 'fax'; // line 5: no such channel
    const name = `dossiers-${month}-loi.csv`;
    const id = await upload(admin.page, { name, mimeType: 'text/csv', buffer: Buffer.from(toCsv(header, rows)) });
    const main = admin.page.locator('main');
    await main.getByRole('heading', { name: /^Lỗi \(2\)/ }).waitFor();
    const table = main.locator('.import-errors__table');
    const heads = (await table.locator('thead th').allInnerTexts()).map((h) => plain(h).replace(/[▲▼↕]/g, '').trim());
    expect(heads).toEqual(['Tệp', 'Dòng', 'Cột', 'Lý do']);
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(shown.map(([file, line, column]) => [file, line, column])).toEqual([
      [name, '3', 'received_at'],
      [name, '5', 'channel'],
    ]);
    for (const [, , , reason] of shown) expect(reason.length).toBeGreaterThan(5);
    // nothing can be written: the button is gone (a failed import) or disabled
    const commitButton = main.getByRole('button', { name: 'Ghi vào kho dữ liệu' });
    expect((await commitButton.count()) === 0 || (await commitButton.isDisabled())).toBe(true);
    const job = await e2e.api<ImportJob>(`/api/admin/imports/${id}`);
    expect(job.can_commit).toBe(false);

    // "Tải lỗi (CSV)": a download of the same rows (UTF-8 with BOM)
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      main.getByRole('link', { name: 'Tải lỗi (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${id}-errors.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...lines] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(head).toEqual(['file', 'sheet', 'line', 'column', 'reason']);
    expect(lines.map(([file, sheet, line, column, reason]) => [file, sheet, line, column, reason])).toEqual(
      shown.map(([file, line, column, reason]) => [file, '', line, column, reason]),
    );
    await shots(admin.page, 'errors');
    admin.assertClean('admin, bad rows');
    await admin.close();
  });
});
