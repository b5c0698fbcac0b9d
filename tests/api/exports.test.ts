// CSV and XLSX exports end to end through inject(), read back with independent readers: exceljs
// for XLSX (values and cell types) and fast-csv's parser for CSV, compared with the JSON API.
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseString } from '@fast-csv/parse';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { actAs, type Signed } from '../helpers/auth.ts';

let session: Signed;

let app: FastifyInstance;
let ctx: Context;
const SUPPRESSED_QUERY = 'indicator=deaths&unit=291&by=unit&from=2022-03&to=2022-03';
const VI_HEADERS = ['Đơn vị', 'Mã đơn vị', 'Kỳ', 'Giá trị', 'Tử số', 'Mẫu số', 'Bị ẩn'];

interface Row {
  unit: string;
  unit_name: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const json = async (url: string): Promise<{ rows: Row[]; meta: { data_date: string; min_cell: number } }> =>
  (await get(url)).json();
const workbook = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
};
const csvRows = (text: string) =>
  new Promise<string[][]>((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
const headerTexts = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-exports'));
  // suppression: exports of suppressed cells; the cell-key method's exports: disclosure-cellkey.test.ts
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_DISCLOSURE: 'suppress', IOC_CACHE: '0' }),
  );
  app = await buildApp(ctx, { logger: false });
  session = await actAs(app, ctx);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('XLSX export read back with exceljs', () => {
  it('has Vietnamese headers, numeric values equal to the JSON API, dates as dates and suppressed cells empty', async () => {
    const api = await json(`/api/indicators/deaths?${SUPPRESSED_QUERY.replace('indicator=deaths&', '')}`);
    expect(api.rows.some((r) => r.suppressed)).toBe(true);
    const res = await get(`/api/export/indicator.xlsx?${SUPPRESSED_QUERY}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = (await workbook(res.rawPayload)).getWorksheet('Số liệu')!;
    const headers = headerTexts(ws);
    for (const h of VI_HEADERS) expect(headers).toContain(h);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.rowCount - 1).toBe(api.rows.length);
    api.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('Mã đơn vị')).value).toBe(r.unit);
      expect(row.getCell(col('Đơn vị')).value).toBe(r.unit_name);
      const period = row.getCell(col('Kỳ'));
      expect(period.type).toBe(ExcelJS.ValueType.Date);
      expect((period.value as Date).toISOString().slice(0, 10)).toBe('2022-03-01');
      const value = row.getCell(col('Giá trị'));
      if (r.suppressed) {
        expect(value.value).toBeNull();
        expect(row.getCell(col('Tử số')).value).toBeNull();
        expect(String(row.getCell(col('Bị ẩn')).value)).toMatch(/^ẩn \(/);
      } else {
        expect(value.type).toBe(ExcelJS.ValueType.Number);
        expect(value.value).toBe(r.value);
        expect(row.getCell(col('Bị ẩn')).value ?? '').toBe('');
      }
    });
    expect(api.rows.filter((r) => r.suppressed).every((r) => r.value === null)).toBe(true);
  });

  it('a monthly percent series: numbers with a percent display format and months as dates', async () => {
    const q = 'unit=10633&from=2022-01&to=2022-12';
    const api = await json(`/api/indicators/pct_eligible_with_chip_id_card?${q}`);
    const ws = (
      await workbook((await get(`/api/export/indicator.xlsx?indicator=pct_eligible_with_chip_id_card&${q}`)).rawPayload)
    ).worksheets[0];
    expect(ws.rowCount - 1).toBe(12);
    const col = (h: string) => headerTexts(ws).indexOf(h) + 1;
    api.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect((row.getCell(col('Kỳ')).value as Date).toISOString().slice(0, 7)).toBe(r.period);
      expect(row.getCell(col('Kỳ')).numFmt).toBe('mm/yyyy');
      const value = row.getCell(col('Giá trị'));
      expect(value.type).toBe(ExcelJS.ValueType.Number);
      expect(value.value).toBe(r.value);
      expect(value.numFmt).toBe('0.0" %"');
      expect(r.value!).toBeGreaterThan(0);
      expect(r.value!).toBeLessThanOrEqual(100);
    });
  });

  it('the information sheet states the suppression rule with k, the data date as a date, the source and the unit', async () => {
    const api = await json(`/api/indicators/deaths?unit=291&by=unit&from=2022-03&to=2022-03`);
    const wb = await workbook((await get(`/api/export/indicator.xlsx?${SUPPRESSED_QUERY}`)).rawPayload);
    const info = wb.getWorksheet('Thông tin')!;
    const lines = new Map<string, ExcelJS.Cell>();
    info.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2)));
    expect(String(lines.get('Quy tắc ẩn số liệu')?.value)).toContain(`dưới ${api.meta.min_cell}`);
    const dataDate = lines.get('Số liệu đến ngày')!;
    expect(dataDate.type).toBe(ExcelJS.ValueType.Date);
    expect((dataDate.value as Date).toISOString().slice(0, 10)).toBe(api.meta.data_date);
    expect(String(lines.get('Đơn vị')?.value)).toContain('(291)');
    expect(String(lines.get('Nguồn dữ liệu')?.value)).toMatch(/people/);
    expect(String(lines.get('Lưu ý')?.value)).toContain('Dữ liệu mô phỏng');
  });

  it('English headers with lang=en and with Accept-Language: en', async () => {
    for (const [url, headers] of [
      [`/api/export/indicator.xlsx?${SUPPRESSED_QUERY}&lang=en`, {}],
      [`/api/export/indicator.xlsx?${SUPPRESSED_QUERY}`, { 'accept-language': 'en-GB,en;q=0.8' }],
    ] as const) {
      const wb = await workbook((await get(url, headers)).rawPayload);
      expect(headerTexts(wb.getWorksheet('Data')!)).toEqual(
        expect.arrayContaining(['Unit', 'Unit code', 'Period', 'Value', 'Suppressed']),
      );
      expect(wb.getWorksheet('Information')).toBeDefined();
    }
  });
});

describe('CSV export read with a CSV parser', () => {
  it('starts with the UTF-8 BOM, parses and holds the JSON rows; suppressed values empty, never 0', async () => {
    const api = await json(`/api/indicators/deaths?unit=291&by=unit&from=2022-03&to=2022-03`);
    const res = await get(`/api/export/indicator.csv?${SUPPRESSED_QUERY}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = await csvRows(res.rawPayload.subarray(3).toString('utf8'));
    for (const h of VI_HEADERS) expect(head).toContain(h);
    expect(rows).toHaveLength(api.rows.length);
    const at = (h: string) => head.indexOf(h);
    api.rows.forEach((r, i) => {
      expect(rows[i][at('Mã đơn vị')]).toBe(r.unit);
      expect(rows[i][at('Đơn vị')]).toBe(r.unit_name);
      expect(rows[i][at('Kỳ')]).toBe('2022-03');
      expect(rows[i][at('Giá trị')]).toBe(r.value === null ? '' : String(r.value));
      expect(rows[i][at('Bị ẩn')] !== '').toBe(r.suppressed);
    });
  });

  it('names the file after the indicator, unit and period, ASCII and UTF-8', async () => {
    const res = await get(`/api/export/indicator.csv?${SUPPRESSED_QUERY}`);
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(
      /^attachment; filename="deaths_291_[A-Za-z0-9_]+_unit_2022-03\.csv"; filename\*=UTF-8''deaths_291_/,
    );
    // a character outside printable ASCII (the Vietnamese name) in the UTF-8 file name
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toMatch(/^deaths_291_.*[^ -~].*\.csv$/);
  });
});

describe('targets export', () => {
  it('XLSX and CSV hold the targets of the JSON API with Vietnamese statuses and deadlines as dates', async () => {
    const api = (await get('/api/targets?unit=10633')).json<{
      targets: { target_id: string; value: number | null; suppressed: boolean; deadline: string; unit: string }[];
    }>();
    const ws = (await workbook((await get('/api/export/targets.xlsx?unit=10633')).rawPayload)).getWorksheet(
      'Chỉ tiêu',
    )!;
    const col = (h: string) => headerTexts(ws).indexOf(h) + 1;
    expect(ws.rowCount - 1).toBe(api.targets.length);
    api.targets.forEach((t, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('Mã chỉ tiêu')).value).toBe(t.target_id);
      expect((row.getCell(col('Hạn')).value as Date).toISOString().slice(0, 10)).toBe(t.deadline);
      const words = t.value === null ? null : t.value >= 1 ? 'Đã hoàn thành' : 'Chưa hoàn thành';
      expect(row.getCell(col('Giá trị')).value).toBe(t.suppressed ? null : t.unit === 'milestone' ? words : t.value);
      expect(['Đạt', 'Đúng tiến độ', 'Có nguy cơ', 'Không đạt', 'Chưa có dữ liệu', 'Đã ẩn']).toContain(
        row.getCell(col('Tình trạng')).value,
      );
    });
    const csv = await get('/api/export/targets.csv?unit=10633');
    const [head, ...rows] = await csvRows(csv.rawPayload.subarray(3).toString('utf8'));
    expect(rows.map((r) => r[head.indexOf('Mã chỉ tiêu')])).toEqual(api.targets.map((t) => t.target_id));
  });
});

/** "05/12/2026 09:30 (giờ Việt Nam)" of an instant, by UTC+7 arithmetic (Vietnam has no daylight saving). */
function vietnamText(ms: number): string {
  const d = new Date(ms + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} (giờ Việt Nam)`
  );
}

describe('XLSX formats people read (issue 17)', () => {
  interface Target {
    target_id: string;
    unit: string;
    comparator: string;
    value: number | null;
    target: number;
    suppressed: boolean;
  }
  const PERCENT = '0.0" %"';

  it('targets: counts without decimals, percents with one, milestones in words; exported at Vietnam time', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles'; // the server's own zone must not change the time written
    try {
      const api = (await get('/api/targets?unit=291')).json<{ targets: Target[] }>();
      const before = Date.now();
      const wb = await workbook((await get('/api/export/targets.xlsx?unit=291')).rawPayload);
      const after = Date.now();
      const ws = wb.getWorksheet('Chỉ tiêu')!;
      const col = (h: string) => headerTexts(ws).indexOf(h) + 1;
      const kinds = new Set(api.targets.map((t) => t.unit));
      for (const k of ['percent', 'count', 'milestone']) expect(kinds, k).toContain(k);
      api.targets.forEach((t, i) => {
        const row = ws.getRow(i + 2);
        const value = row.getCell(col('Giá trị'));
        const goal = row.getCell(col('Mục tiêu'));
        if (t.unit === 'milestone') {
          expect(t.comparator).toBe('done');
          expect(value.value).toBe(t.value === null ? null : t.value >= 1 ? 'Đã hoàn thành' : 'Chưa hoàn thành');
          expect(goal.value).toBe('Đã hoàn thành');
          expect(row.getCell(col('So sánh')).value).toBeNull();
          return;
        }
        const fmt = t.unit === 'percent' ? PERCENT : t.unit === 'count' ? '#,##0' : '#,##0.0';
        expect(goal.value).toBe(t.target);
        expect(goal.numFmt, `${t.target_id} target`).toBe(fmt);
        if (!t.suppressed && t.value !== null) {
          expect(value.value).toBe(t.value);
          expect(value.numFmt, `${t.target_id} value`).toBe(fmt);
        }
      });
      const info = wb.getWorksheet('Thông tin')!;
      const lines = new Map<string, unknown>();
      info.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(lines.has('Thời điểm xuất (UTC)')).toBe(false);
      const at = String(lines.get('Thời điểm xuất'));
      expect(at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)$/);
      expect([vietnamText(before), vietnamText(after)]).toContain(at);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('a milestone indicator reads "Đã hoàn thành" / "Chưa hoàn thành", as on the tiles', async () => {
    const q = 'unit=10633&from=2021-10&to=2022-06';
    const api = await json(`/api/indicators/milestone_eid_portal_connected?${q}`);
    const values = new Set(api.rows.map((r) => r.value));
    expect(values).toEqual(new Set([0, 1])); // the milestone is reached inside the period
    const ws = (
      await workbook((await get(`/api/export/indicator.xlsx?indicator=milestone_eid_portal_connected&${q}`)).rawPayload)
    ).worksheets[0];
    const col = headerTexts(ws).indexOf('Giá trị') + 1;
    api.rows.forEach((r, i) =>
      expect(ws.getRow(i + 2).getCell(col).value).toBe(r.value === 1 ? 'Đã hoàn thành' : 'Chưa hoàn thành'),
    );
  });

  it('index 766: whole counts show without decimals (no trailing separator), fractions keep theirs', async () => {
    const ws = (await workbook((await get('/api/export/index766.xlsx?unit=291&period=2022-Q4&by=unit')).rawPayload))
      .worksheets[0];
    const headers = headerTexts(ws);
    let whole = 0;
    for (const h of ['Tử số', 'Mẫu số']) {
      const c = headers.indexOf(h) + 1;
      ws.eachRow((row, n) => {
        const cell = row.getCell(c);
        if (n === 1 || typeof cell.value !== 'number') return;
        if (Number.isInteger(cell.value)) {
          whole++;
          expect(cell.numFmt).toBe('#,##0');
        } else expect(cell.numFmt).toBe('#,##0.##');
      });
    }
    expect(whole).toBeGreaterThan(10);
  });
});

describe('errors and audit', () => {
  it('answers 404 for an unknown indicator and 400 for bad parameters, in the API error shape', async () => {
    expect((await get('/api/export/indicator.csv?indicator=nope&unit=291')).statusCode).toBe(404);
    expect((await get('/api/export/targets.xlsx?unit=99999')).statusCode).toBe(404);
    expect((await get('/api/export/indicator.xlsx?indicator=deaths&unit=291&from=2022-13')).statusCode).toBe(400);
    expect((await get('/api/export/indicator.pdf?indicator=deaths&unit=291')).statusCode).toBe(400);
    const bad = await get('/api/export/indicator.csv?indicator=deaths&unit=291&channel=online');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/không lọc được/);
  });

  it('writes each export to the audit log with its size and hash, and no second record as a read', async () => {
    const before = (await ctx.audit.query({ limit: 1 })).rows[0]?.seq ?? 0;
    const res = await app.inject({ method: 'GET', url: `/api/export/indicator.csv?${SUPPRESSED_QUERY}` });
    await ctx.audit.drain();
    const after = (await ctx.audit.query({ limit: 50 })).rows.filter((r) => r.seq > before);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      action: 'export',
      format: 'csv',
      route: '/api/export/indicator.:format',
      account: session.username,
      role: 'admin',
      bytes: res.rawPayload.length,
      sha256: createHash('sha256').update(res.rawPayload).digest('hex'),
    });
    expect(JSON.parse(after[0].params!)).toMatchObject({ format: 'csv', indicator: 'deaths' });
  });
});
