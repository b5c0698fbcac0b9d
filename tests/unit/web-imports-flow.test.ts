// The import screen against a mocked fetch (no server): the upload is multipart with the CSRF token and says
// the server's refusal; an import is followed until it settles; its preview, errors (sorted), commit and the
// result render as a person reads them (react-dom/server); the history offers "Hoàn tác" only where allowed.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setApiLanguage, setCsrfToken } from '../../web/src/api/client.ts';
import { I18nContext, makeI18n } from '../../web/src/i18n/index.ts';
import type { Lang } from '../../web/src/state/view-state.ts';
import {
  commitImport,
  fetchImports,
  followImport,
  uploadImport,
  type ImportJob,
} from '../../web/src/views/admin/imports-api.ts';
import { ImportHistory } from '../../web/src/views/admin/ImportHistory.tsx';
import { ImportJobView } from '../../web/src/views/admin/ImportJobView.tsx';
import type { ImportJobState } from '../../web/src/views/admin/use-import-job.ts';

const job = (patch: Partial<ImportJob>): ImportJob => ({
  id: 'i7',
  status: 'validating',
  source: 'upload',
  created_by: 'quantri',
  created_at: '2026-03-02T03:04:05Z',
  finished_at: null,
  files: [
    {
      name: 'population_counts_2025.xlsx',
      size: 48_213,
      sha256: 'a'.repeat(64),
      kind: 'population_counts',
      format: 'xlsx',
      status: 'new',
    },
    {
      name: 'dossiers_2025.csv',
      size: 1_204_000,
      sha256: 'b'.repeat(64),
      kind: 'dossiers',
      format: 'csv',
      status: 'new',
    },
  ],
  progress: {
    phase: 'validating',
    rows_read: 1200,
    rows_total: 4800,
    bytes_read: 300_000,
    bytes_total: 1_252_213,
    current_file: 'dossiers_2025.csv',
    elapsed_ms: 4000,
    remaining_ms: 11_200,
  },
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
});

const PREVIEW: ImportJob['preview'] = {
  files: [
    {
      file: 'population_counts_2025.xlsx',
      kind: 'population_counts',
      format: 'xlsx',
      sheet: 'Tháng 1',
      columns: [
        { column: 'unit_id', header: 'Mã xã' },
        { column: 'male', header: 'Nam' },
      ],
      rows: 180,
      skipped_rows: 1,
      counted: 'cells',
      units: ['10633', '10636'],
      unit_count: 2,
      months: { from: '2025-01', to: '2025-06' },
      changes: { added: 20, replaced: 150, unchanged: 10 },
      feeds: ['population_total'],
      notes: ['dòng 3 là dòng tổng cộng: bỏ qua'],
      largest: [
        {
          unit: '10633',
          unit_name: 'Xã Nam Trung',
          month: '2025-03',
          cell: 'Nam 20–24',
          column: 'male',
          old: 412,
          new: 398,
        },
      ],
    },
    {
      file: 'dossiers_2025.csv',
      kind: 'dossiers',
      format: 'csv',
      columns: [{ column: 'received_at', header: 'NgayTiepNhan' }],
      rows: 4620,
      skipped_rows: 0,
      counted: 'rows',
      units: ['10633'],
      unit_count: 1,
      months: { from: '2025-01', to: '2025-06' },
      changes: { added: 4620, replaced: 0, unchanged: 0 },
      feeds: ['dossiers_online_share'],
      notes: [],
      largest: [],
    },
  ],
  indicators: ['population_total', 'dossiers_online_share'],
  months: { from: '2025-01', to: '2025-06' },
  tables: [],
};

const ERRORS: ImportJob['errors'] = [
  { file: 'dossiers_2025.csv', line: 120, column: 'received_at', reason: 'không phải ngày' },
  { file: 'dossiers_2025.csv', line: 9, column: 'unit_id', reason: 'đơn vị không có' },
  { file: 'population_counts_2025.xlsx', sheet: 'Tháng 1', line: 14, column: 'male', reason: 'không phải số' },
];

/** A fetch that answers from a list of (method, path) → answer, recording every call. */
function mockFetch(routes: Record<string, (init: RequestInit) => Response | Promise<Response>>) {
  const calls: { method: string; url: string; init: RequestInit }[] = [];
  const fn = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    calls.push({ method, url, init });
    const answer = routes[`${method} ${url}`];
    if (!answer) return new Response(JSON.stringify({ message: `no mock for ${method} ${url}` }), { status: 599 });
    return answer(init);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
/** Answers one after another; the last one again when they run out. */
const sequence = (...bodies: unknown[]) => {
  let n = 0;
  return () => json(bodies[Math.min(n++, bodies.length - 1)]);
};

const render = (el: ReactElement, lang: Lang = 'vi') =>
  renderToStaticMarkup(createElement(I18nContext.Provider, { value: makeI18n(lang) }, el));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
const jobView = (j: ImportJob | null, lang: Lang = 'vi') => {
  const state: ImportJobState = { job: j, error: null, update: () => undefined, retry: () => undefined };
  return render(
    createElement(ImportJobView, { id: 'i7', state, onClose: () => undefined, onDiscarded: () => undefined }),
    lang,
  );
};

beforeEach(() => {
  setCsrfToken('csrf-123');
  setApiLanguage('vi');
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('upload', () => {
  it('sends the files as multipart parts named files, with data_date, the CSRF token and the language', async () => {
    const calls = mockFetch({ 'POST /api/admin/imports': () => json({ id: 'i7', status: 'validating' }, 202) });
    const files = [
      new File(['unit_id,male\n10633,5\n'], 'population_counts_2025.csv'),
      new File([new Uint8Array([80, 75, 3, 4])], 'dossiers.zip'),
    ];
    expect(await uploadImport(files, { dataDate: '2025-06-30' })).toBe('i7');
    expect(calls).toHaveLength(1);
    const { init } = calls[0];
    const headers = init.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('csrf-123');
    expect(headers['accept-language']).toBe('vi');
    // the browser writes the multipart boundary itself: no content-type of our own
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('content-type');
    const form = init.body as FormData;
    expect(form.get('data_date')).toBe('2025-06-30');
    expect((form.getAll('files') as File[]).map((f) => f.name)).toEqual(['population_counts_2025.csv', 'dossiers.zip']);
  });

  it.each([
    [409, 'Một lượt nhập khác đang chạy (i6).'],
    [413, 'Tệp tải lên vượt quá 512 MB.'],
    [400, 'Không có tệp nào.'],
  ])('a %i says the server’s message', async (status, message) => {
    mockFetch({ 'POST /api/admin/imports': () => json({ error: 'x', message }, status) });
    const err = await uploadImport([new File(['x'], 'people.csv')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(status);
    expect((err as ApiError).message).toBe(message);
  });
});

describe('following an import', () => {
  it('reads it while validating and stops at the preview', async () => {
    const seen: string[] = [];
    const calls = mockFetch({
      'GET /api/admin/imports/i7': sequence(
        job({}),
        job({ progress: { ...job({}).progress, rows_read: 3600 } }),
        job({ status: 'preview', preview: PREVIEW }),
        job({ status: 'done' }),
      ),
    });
    const last = await followImport('i7', (j) => seen.push(`${j.status}:${j.progress.rows_read}`), { every: 1 });
    expect(seen).toEqual(['validating:1200', 'validating:3600', 'preview:1200']);
    expect(last?.status).toBe('preview');
    expect(calls).toHaveLength(3);
  });

  it('stops asking once aborted', async () => {
    mockFetch({ 'GET /api/admin/imports/i7': () => json(job({})) });
    const stop = new AbortController();
    const seen: ImportJob[] = [];
    const run = followImport('i7', (j) => (seen.push(j), stop.abort()), { every: 1, signal: stop.signal });
    expect(await run).toBeNull();
    expect(seen).toHaveLength(1);
  });

  it('gives up on an unknown import at once, and on a failing server after a few tries', async () => {
    const calls = mockFetch({
      'GET /api/admin/imports/i404': () => json({ message: 'Không có lượt nhập này.' }, 404),
      'GET /api/admin/imports/i503': () => json({ message: 'Máy chủ đang bận.' }, 503),
    });
    await expect(followImport('i404', () => undefined, { every: 1 })).rejects.toThrow('Không có lượt nhập này.');
    expect(calls).toHaveLength(1);
    await expect(followImport('i503', () => undefined, { every: 1 })).rejects.toThrow('Máy chủ đang bận.');
    expect(calls).toHaveLength(4);
  });
});

describe('the screen, from upload to the data written', () => {
  it('shows progress, then the preview and its errors sorted, then commits and says the data version', async () => {
    const preview = job({ status: 'preview', preview: PREVIEW, errors: ERRORS, error_count: 1234, rows: 4800 });
    const calls = mockFetch({
      'POST /api/admin/imports': () => json({ id: 'i7', status: 'validating' }, 202),
      'GET /api/admin/imports/i7': sequence(job({}), preview),
      'POST /api/admin/imports/i7/commit': () => json(job({ status: 'loading', preview: PREVIEW }), 202),
    });
    const id = await uploadImport([new File(['x'], 'population_counts_2025.xlsx')]);
    const shown: ImportJob[] = [];
    await followImport(id, (j) => shown.push(j), { every: 1 });

    // while validating: the progress bar with its percent and the time left in words
    const working = jobView(shown[0]);
    expect(working).toMatch(/role="progressbar"[^>]*aria-valuenow="25"/);
    const words = text(working);
    expect(words).toContain('1.200 / 4.800 dòng');
    expect(words).toContain('Đang đọc: dossiers_2025.csv');
    expect(words).toContain('đã chạy 4 giây · còn khoảng 12 giây');

    // the preview: kinds in Vietnamese, sheet, rows, units, months, changes, columns, largest changes
    const html = jobView(shown[1]);
    const t = text(html);
    for (const s of [
      'Xem trước: 2 tệp, 4.800 dòng',
      'Bảng tổng hợp dân số',
      'Hồ sơ TTHC',
      'Tháng 1',
      'Dòng bỏ qua 1',
      'dòng 3 là dòng tổng cộng: bỏ qua',
      'Tháng 1/2025 – Tháng 6/2025',
      'ô của bảng tổng hợp: thêm mới 20 · thay thế 150 · không đổi 10',
      'thêm mới 4.620 · thay thế 0 · không đổi 0',
      'male ← Nam',
      'Xã Nam Trung',
      '412 → 398',
    ])
      expect(t, s).toContain(s);
    // the errors: sorted by file then row (9 before 120), the total beyond those shown, the CSV
    const rows = [
      ...html.matchAll(/<tr><td class="import-errors__file">([^<]+)<\/td><td>[^<]*<\/td><td class="num">([\d.]+)</g),
    ];
    expect(rows.map((m) => `${m[1]}:${m[2]}`)).toEqual([
      'dossiers_2025.csv:9',
      'dossiers_2025.csv:120',
      'population_counts_2025.xlsx:14',
    ]);
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"><button[^>]*>Tệp/);
    expect(t).toContain('Lỗi (1.234)');
    expect(t).toContain('Hiển thị 3 trong tổng số 1.234 lỗi');
    expect(html).toContain('href="/api/admin/imports/i7/errors.csv"');
    expect(t).toContain('Tải lỗi (CSV)');
    // errors: the commit button stays disabled and says why
    expect(html).toMatch(/<button type="button" class="button" disabled="">Ghi vào kho dữ liệu<\/button>/);
    expect(t).toContain('Chỉ ghi được khi không còn lỗi.');

    // a clean preview may be written
    const clean = jobView({ ...preview, errors: [], error_count: 0, can_commit: true });
    expect(clean).toMatch(/<button type="button" class="button">Ghi vào kho dữ liệu<\/button>/);
    expect(text(clean)).toContain('Không có lỗi: có thể ghi vào kho dữ liệu.');

    // commit: POST with the CSRF token, then followed until done
    const writing = await commitImport('i7');
    expect(writing.status).toBe('loading');
    const commit = calls.find((c) => c.url === '/api/admin/imports/i7/commit');
    expect((commit?.init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-123');
    expect(text(jobView(writing))).toContain('Đang ghi vào kho dữ liệu');

    mockFetch({
      'GET /api/admin/imports/i7': sequence(
        job({ status: 'loading', progress: { ...writing.progress, phase: 'loading' } }),
        job({ status: 'done', preview: PREVIEW, data_version: 43, duration_ms: 9000, can_undo: true }),
      ),
    });
    const done = await followImport('i7', () => undefined, { every: 1 });
    const end = text(jobView(done));
    expect(end).toContain('Đã ghi: phiên bản dữ liệu 43');
    expect(end).toContain('Hoàn tất');
    expect(end).toContain('Nhập tệp khác');
    expect(text(jobView(done, 'en'))).toContain('Written: data version 43');
  });

  it('a failed import says why, in the page’s language', () => {
    const failed = job({ status: 'failed', message: 'Tệp .zip bị hỏng.', message_en: 'The .zip is damaged.' });
    expect(text(jobView(failed))).toContain('Lượt nhập không thành công Tệp .zip bị hỏng.');
    expect(text(jobView(failed, 'en'))).toContain('The import failed The .zip is damaged.');
  });
});

describe('history', () => {
  it('lists who, when, source, files, version, rows, duration and result; "Hoàn tác" only where allowed', async () => {
    mockFetch({
      'GET /api/admin/imports': () =>
        json({
          running: null,
          imports: [
            job({ id: 'i9', status: 'done', data_version: 43, rows: 4800, duration_ms: 65_000, can_undo: true }),
            job({ id: 'i8', status: 'undone', data_version: 42, rows: 12, duration_ms: 400 }),
            job({
              id: 'i6',
              source: 'inbox',
              created_by: 'inbox',
              status: 'failed',
              message: 'Tệp hỏng.',
              error_count: 3,
            }),
            job({ id: 'i5', status: 'discarded' }),
          ],
        }),
    });
    const list = await fetchImports();
    const html = render(
      createElement(ImportHistory, {
        imports: list.imports,
        href: (id) => `/admin/imports?job=${id}`,
        onUndone: () => undefined,
      }),
    );
    const undo = [...html.matchAll(/aria-label="Hoàn tác lượt nhập (i\d+)"/g)].map((m) => m[1]);
    expect(undo).toEqual(['i9']);
    const t = text(html);
    for (const s of [
      '02/03/2026 10:04:05', // Vietnam time (UTC+7)
      'quantri',
      'tải lên',
      'thư mục nhận',
      'population_counts_2025.xlsx, dossiers_2025.csv',
      '4.800',
      '1 phút 5 giây',
      'dưới 1 giây',
      'Hoàn tất',
      'Đã hoàn tác',
      'Lỗi 3 lỗi Tệp hỏng.',
      'Đã hủy',
    ])
      expect(t, s).toContain(s);
    expect(html).toContain('href="/admin/imports?job=i6"');
  });
});
