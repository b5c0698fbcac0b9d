// The import screen (/admin/imports) in Chromium against a mocked imports API (page.route: the real
// server serves the app, the session and everything else): files dropped and picked are listed, the
// upload carries the CSRF token, the progress bar moves, the preview's errors sort by a click on their
// headers, a discard goes back, a clean import is written after a confirmation and says its data version,
// the history undoes only the last one; axe finds nothing, and a phone never scrolls the page sideways.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

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

const PROGRESS = {
  phase: 'validating',
  rows_read: 0,
  rows_total: null as number | null,
  bytes_read: 0,
  bytes_total: 2048,
  current_file: null as string | null,
  elapsed_ms: 0,
  remaining_ms: null as number | null,
};
const FILES = [
  {
    name: 'population_counts_2025.csv',
    size: 1024,
    sha256: 'a'.repeat(64),
    kind: 'population_counts',
    format: 'csv',
    status: 'new',
  },
  { name: 'dossiers_2025.csv', size: 1024, sha256: 'b'.repeat(64), kind: 'dossiers', format: 'csv', status: 'new' },
];
const previewFile = (file: string, kind: string, rows: number) => ({
  file,
  kind,
  format: 'csv',
  columns: [
    { column: 'unit_id', header: 'Mã đơn vị hành chính' },
    { column: 'month', header: 'Tháng báo cáo' },
  ],
  rows,
  skipped_rows: kind === 'population_counts' ? 1 : 0,
  counted: kind === 'population_counts' ? 'cells' : 'rows',
  units: ['10633'],
  unit_count: 1,
  months: { from: '2025-01', to: '2025-06' },
  changes: { added: rows - 2, replaced: 2, unchanged: 0 },
  feeds: [],
  notes: kind === 'population_counts' ? ['Dòng 40 là dòng tổng cộng: bỏ qua.'] : [],
  largest:
    kind === 'population_counts'
      ? [
          {
            unit: '10633',
            unit_name: 'Xã Nam Trung',
            month: '2025-03',
            cell: 'Nữ 25–29',
            column: 'female',
            old: 201,
            new: 214,
          },
        ]
      : [],
});
const PREVIEW = {
  files: [
    previewFile('population_counts_2025.csv', 'population_counts', 36),
    previewFile('dossiers_2025.csv', 'dossiers', 1200),
  ],
  indicators: [],
  months: { from: '2025-01', to: '2025-06' },
  tables: [],
};
const ERRORS = [
  { file: 'dossiers_2025.csv', line: 88, column: 'received_at', reason: 'Không phải ngày hợp lệ' },
  { file: 'dossiers_2025.csv', line: 7, column: 'unit_id', reason: 'Đơn vị không có trong danh mục' },
  { file: 'population_counts_2025.csv', line: 15, column: 'female', reason: 'Số âm' },
];

function job(id: string, patch: Record<string, unknown> = {}) {
  return {
    id,
    status: 'validating',
    source: 'upload',
    created_by: 'quantri',
    created_at: '2026-03-02T03:04:05Z',
    finished_at: null,
    files: FILES,
    progress: PROGRESS,
    preview: null,
    errors: [],
    error_count: 0,
    batch_id: null,
    data_version: null,
    duration_ms: null,
    rows: 0,
    can_commit: false,
    can_undo: false,
    message: null,
    message_en: null,
    ...patch,
  };
}
const working = (id: string, status: string, share: number) =>
  job(id, {
    status,
    progress: {
      ...PROGRESS,
      phase: status,
      rows_read: share * 12,
      rows_total: 1236,
      bytes_read: 2048,
      current_file: 'dossiers_2025.csv',
      elapsed_ms: 3000,
      remaining_ms: 12_000,
    },
  });

/** The imports API as the contract says, in the page: what was asked, and the answers in order. */
class ImportsApi {
  requests: { method: string; path: string; headers: Record<string, string> }[] = [];
  history: Record<string, unknown>[] = [
    job('i2', {
      status: 'done',
      data_version: 42,
      rows: 8000,
      duration_ms: 65_000,
      can_undo: true,
      finished_at: '2026-03-01T02:00:00Z',
    }),
    job('i1', { status: 'done', data_version: 41, rows: 120, duration_ms: 4000 }),
  ];
  /** each GET of an import answers the next of its list (the last again once they run out) */
  reads = new Map<string, unknown[]>();
  nextId = 9;

  constructor(readonly page: Page) {}

  async install() {
    await this.page.route(/\/api\/admin\/imports(\/|\?|$)/, (route) => this.answer(route));
  }

  private async answer(route: Route) {
    const req = route.request();
    const path = new URL(req.url()).pathname;
    const method = req.method();
    this.requests.push({ method, path, headers: await req.allHeaders() });
    const json = (body: unknown, status = 200) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const m = /^\/api\/admin\/imports(?:\/(i\d+))?(?:\/(commit|undo))?$/.exec(path);
    if (!m) return json({ message: 'không có' }, 404);
    const [, id, action] = m;
    if (!id && method === 'GET') return json({ imports: this.history, running: null });
    if (!id && method === 'POST') {
      const next = `i${this.nextId++}`;
      return json({ id: next, status: 'validating' }, 202);
    }
    if (id && method === 'GET' && !action) {
      const list = this.reads.get(id) ?? [];
      return json(list.length > 1 ? list.shift() : list[0]);
    }
    if (id && method === 'DELETE') return json(job(id, { status: 'discarded' }));
    if (action === 'commit') return json(working(id, 'loading', 10), 202);
    if (action === 'undo') {
      this.history[0] = { ...this.history[0], status: 'undone', can_undo: false, data_version: 44 };
      return json(this.history[0]);
    }
    return json({ message: 'không có' }, 404);
  }
}

/** Drops files on the zone as a person's drag and drop would (a DataTransfer with File objects). */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid="import-drop"]')!;
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

const noSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

e2eSuite('the import screen in Chromium (mocked imports API)', (e2e) => {
  it('drop and pick, upload with CSRF, progress, sorted errors, discard, commit, done, undo', async () => {
    const t = await e2e.open();
    const api = new ImportsApi(t.page);
    await api.install();
    await t.page.goto(`${e2e.baseUrl}/admin/imports`);
    await settle(t.page);
    const main = t.page.locator('main');
    expect(await main.locator('h1').innerText()).toBe('Nhập dữ liệu');
    expect(await t.page.locator('nav [aria-current="page"]').allInnerTexts()).toEqual(['Nhập dữ liệu']);
    // the history: "Hoàn tác" only on the import that may be undone
    expect(await main.getByRole('button', { name: /^Hoàn tác lượt nhập/ }).count()).toBe(1);
    expect(await main.getByRole('button', { name: 'Hoàn tác lượt nhập i2' }).count()).toBe(1);
    expect(await axe(t.page)).toEqual([]);

    // one file dropped, one picked (keyboard: the picker is a button), both listed with their size
    await dropFiles(t.page, [{ name: 'population_counts_2025.csv', text: 'unit_id,month\n10633,2025-01\n' }]);
    await t.page.locator('input[type="file"]').setInputFiles({
      name: 'dossiers_2025.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(2500, 'a'),
    });
    const chosen = main.locator('.import-files li');
    await expect.poll(() => chosen.allInnerTexts()).toHaveLength(2);
    expect((await chosen.allInnerTexts()).join('\n')).toMatch(
      /population_counts_2025\.csv\s+28 B[\s\S]*dossiers_2025\.csv\s+2,5 kB/,
    );
    await t.page.getByRole('button', { name: 'Chọn tệp…' }).focus();
    expect(await t.page.evaluate(() => document.activeElement?.textContent)).toBe('Chọn tệp…');

    // the upload: multipart with the session's CSRF token; then the progress, then the preview
    api.reads.set('i9', [
      working('i9', 'validating', 25),
      working('i9', 'validating', 50),
      working('i9', 'validating', 75),
      job('i9', { status: 'preview', preview: PREVIEW, errors: ERRORS, error_count: ERRORS.length, rows: 1236 }),
    ]);
    await t.page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await t.page.waitForURL((u) => u.search === '?job=i9');
    const upload = api.requests.find((r) => r.method === 'POST' && r.path === '/api/admin/imports')!;
    expect(upload.headers['x-csrf-token']).toMatch(/.{16,}/);
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const bar = main.getByRole('progressbar', { name: 'Tiến độ của lượt nhập' });
    await bar.waitFor();
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(24);
    expect(await main.locator('.import-progress').innerText()).toMatch(/còn khoảng 12 giây/);
    await main.getByRole('heading', { name: /^Lỗi \(3\)/ }).waitFor();
    expect(await bar.count()).toBe(0);
    await settle(t.page);

    // the preview, then the errors sorted by a click on "Dòng" (twice: descending)
    const text = await main.innerText();
    for (const s of ['Bảng tổng hợp dân số', 'Hồ sơ TTHC', 'Xã Nam Trung', '201 → 214', 'Tải lỗi (CSV)'])
      expect(text, s).toContain(s);
    const lineCells = main.locator('.import-errors__table tbody td.num');
    expect(await lineCells.allInnerTexts()).toEqual(['7', '88', '15']);
    const lineHeader = main.locator('.import-errors__table th', { hasText: 'Dòng' });
    await lineHeader.getByRole('button').click();
    expect(await lineHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await lineCells.allInnerTexts()).toEqual(['7', '15', '88']);
    await lineHeader.getByRole('button').click();
    expect(await lineHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await lineCells.allInnerTexts()).toEqual(['88', '15', '7']);
    expect(await main.getByRole('button', { name: 'Ghi vào kho dữ liệu' }).isDisabled()).toBe(true);
    expect(await axe(t.page)).toEqual([]);
    await t.page.screenshot({ path: shotPath('imports_preview_errors'), fullPage: true });

    // "Hủy": DELETE, back to the choice of files
    await main.getByRole('button', { name: /^Hủy lượt nhập i9/ }).click();
    await t.page.waitForURL((u) => u.search === '');
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/api/admin/imports/i9')).toBe(true);
    expect(await main.innerText()).toContain('Đã hủy lượt nhập i9');

    // a clean import: confirmation naming the rows, commit, followed until done
    api.reads.set('i10', [job('i10', { status: 'preview', preview: PREVIEW, rows: 1236, can_commit: true })]);
    await t.page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'dossiers_2025.csv', mimeType: 'text/csv', buffer: Buffer.from('x') });
    await t.page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await t.page.waitForURL((u) => u.search === '?job=i10');
    await main.getByRole('button', { name: 'Ghi vào kho dữ liệu' }).click();
    const confirm = main.locator('.confirm');
    expect(await confirm.innerText()).toContain('Ghi 1.236 dòng từ 2 tệp vào kho dữ liệu');
    expect(await axe(t.page)).toEqual([]);
    api.reads.set('i10', [
      working('i10', 'loading', 60),
      job('i10', { status: 'done', preview: PREVIEW, rows: 1236, data_version: 43, duration_ms: 9000, can_undo: true }),
    ]);
    await confirm.getByRole('button', { name: 'Ghi 1.236 dòng' }).click();
    await main.getByText('Đã ghi: phiên bản dữ liệu 43').waitFor();
    const commit = api.requests.find((r) => r.path === '/api/admin/imports/i10/commit')!;
    expect(commit.method).toBe('POST');
    expect(commit.headers['x-csrf-token']).toMatch(/.{16,}/);
    await settle(t.page);
    await t.page.screenshot({ path: shotPath('imports_done'), fullPage: true });

    // undo from the history, after its confirmation
    await main.getByRole('button', { name: 'Hoàn tác lượt nhập i2' }).click();
    await main.getByRole('button', { name: 'Hoàn tác lượt nhập', exact: true }).click();
    await main.getByText('Đã hoàn tác lượt nhập i2: phiên bản dữ liệu 44.').waitFor();
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/api/admin/imports/i2/undo')).toBe(true);
    t.assertClean('imports');
    await t.close();
  });

  for (const [w, h] of [
    [390, 844],
    [1366, 768],
  ])
    it(`${w}×${h}: the preview and the history fit the width and pass axe; English too`, async () => {
      const t = await e2e.open({ viewport: { width: w, height: h } });
      const api = new ImportsApi(t.page);
      await api.install();
      api.reads.set('i9', [
        job('i9', { status: 'preview', preview: PREVIEW, errors: ERRORS, error_count: 1500, rows: 1236 }),
      ]);
      await t.page.goto(`${e2e.baseUrl}/admin/imports?job=i9`);
      await settle(t.page);
      expect(await t.page.locator('main').innerText()).toContain('Hiển thị 3 trong tổng số 1.500 lỗi');
      await t.page.screenshot({ path: shotPath(`imports_preview_${w}`), fullPage: true });
      expect(await noSideways(t.page)).toBe(true);
      expect(await axe(t.page)).toEqual([]);
      await t.page.goto(`${e2e.baseUrl}/admin/imports?lang=en`);
      await settle(t.page);
      expect(await t.page.locator('main h1').innerText()).toBe('Data import');
      expect(await t.page.locator('main').innerText()).toContain('Import history');
      expect(await noSideways(t.page)).toBe(true);
      expect(await axe(t.page)).toEqual([]);
      await t.page.screenshot({ path: shotPath(`imports_history_${w}_en`), fullPage: true });
      t.assertClean(`imports ${w}`);
      await t.close();
    });
});
