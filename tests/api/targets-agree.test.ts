// Issue 13: a leader gets one answer. For every target of a few units, GET /api/targets (Overview tiles,
// Targets screen, wall), GET /api/forecast/targets and the targets export give the same status, forecast
// and probability, and the status never contradicts the forecast and probability beside it. The trajectory
// a chart draws is checked against the 12-month windows recomputed here from the published monthly rows.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { actAs } from '../helpers/auth.ts';

let app: FastifyInstance;
let ctx: Context;
const UNITS = ['291', '10633', '10609', '10654'];
const ON_TRACK = 0.5;

interface Outlook {
  target_id: string;
  indicator: string;
  comparator: string;
  target: number;
  deadline: string;
  status: string;
  method: string;
  value: number | null;
  value_month: string | null;
  met_on: string | null;
  months_left: number | null;
  forecast_at_deadline: number | null;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
  probability: number | null;
  pace_needed: number | null;
  window: string | null;
}
type Answer = Outlook & { unit: string; level: string; suppressed: boolean; data_date: string | null };
interface Trajectory {
  target_id: string;
  months: string[];
  values: (number | null)[];
  suppressed: boolean[];
  partial: boolean[];
}
interface Row {
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
  suppression: string | null;
}

const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'vi' } });
  expect(res.statusCode, url).toBe(200);
  return res.json<T>();
};
const targetsOf = (unit: string) =>
  get<{ targets: Answer[]; meta: { data_date: string; disclosure: string; min_cell: number } }>(
    `/api/targets?unit=${unit}`,
  );
const SHARED: (keyof Outlook)[] = [
  'status',
  'method',
  'value',
  'value_month',
  'met_on',
  'months_left',
  'forecast_at_deadline',
  'lo80',
  'hi80',
  'lo95',
  'hi95',
  'probability',
  'pace_needed',
  'window',
  'comparator',
  'target',
  'deadline',
  'indicator',
];
const meets = (t: Pick<Outlook, 'comparator' | 'target'>, v: number, tol = 1e-6) =>
  t.comparator === '<=' ? v <= t.target + tol : t.comparator === 'done' ? v >= 1 - tol : v >= t.target - tol;

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-targets-agree'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_CACHE: '0' }));
  app = await buildApp(ctx, { logger: false });
  await actAs(app, ctx);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe.each(UNITS)('unit %s', (unit) => {
  it('/api/targets and /api/forecast/targets give every target the same status, forecast and probability', async () => {
    const [plain, forecast] = await Promise.all([
      targetsOf(unit),
      get<{ targets: Outlook[] }>(`/api/forecast/targets?unit=${unit}`),
    ]);
    expect(forecast.targets.map((t) => t.target_id)).toEqual(plain.targets.map((t) => t.target_id));
    for (const t of plain.targets) {
      const f = forecast.targets.find((x) => x.target_id === t.target_id)!;
      for (const k of SHARED) expect(f[k], `${t.target_id}.${k}`).toEqual(t[k]);
    }
  });

  it('the status never contradicts the forecast and the probability', async () => {
    const { targets, meta } = await targetsOf(unit);
    let forecasts = 0;
    for (const t of targets) {
      const id = t.target_id;
      const passed = t.deadline < (t.data_date ?? meta.data_date);
      if (passed || t.status === 'no_data' || t.status === 'suppressed') {
        // decided (or nothing to say): no forecast, no probability
        expect(t.forecast_at_deadline, id).toBeNull();
        expect(t.probability, id).toBeNull();
        if (passed && t.value !== null) expect(t.status, id).toBe(meets(t, t.value) ? 'met' : 'missed');
        continue;
      }
      expect(['met', 'on_track', 'at_risk'], id).toContain(t.status);
      expect(t.value, id).not.toBeNull();
      const metNow = meets(t, t.value!);
      if (t.probability === null) {
        // milestones and series too short to forecast: met when the value meets the target, else at risk
        expect(['milestone', 'too_short'], id).toContain(t.method);
        expect(t.status, id).toBe(metNow ? 'met' : 'at_risk');
        continue;
      }
      forecasts += 1;
      const f = t.forecast_at_deadline!;
      expect(
        t.lo95! <= t.lo80! + 1e-9 && t.lo80! <= f + 1e-9 && f <= t.hi80! + 1e-9 && t.hi80! <= t.hi95! + 1e-9,
        id,
      ).toBe(true);
      expect(Math.abs(t.probability * 100 - Math.round(t.probability * 100)), `${id}: a whole percent`).toBeLessThan(
        1e-9,
      );
      if (t.status === 'at_risk') {
        expect(t.probability, id).toBeLessThan(ON_TRACK);
        expect(meets(t, f, -1e-6), `${id}: at risk with a forecast ${f} that meets ${t.target}`).toBe(false);
      } else {
        expect(t.probability, id).toBeGreaterThanOrEqual(ON_TRACK);
        expect(meets(t, f), `${id}: ${t.status} with a forecast ${f} short of ${t.target}`).toBe(true);
        expect(t.status, id).toBe(metNow ? 'met' : 'on_track');
      }
    }
    if (unit === '10633') expect(forecasts).toBeGreaterThan(0);
  });

  it('the targets export holds the same status, forecast and probability', async () => {
    const { targets } = await targetsOf(unit);
    const res = await app.inject({ method: 'GET', url: `/api/export/targets.xlsx?unit=${unit}` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => head.indexOf(h) + 1;
    const STATUS_VI: Record<string, string> = {
      met: 'Đạt',
      on_track: 'Đúng tiến độ',
      at_risk: 'Có nguy cơ',
      missed: 'Không đạt',
      no_data: 'Chưa có dữ liệu',
      suppressed: 'Đã ẩn',
    };
    targets.forEach((t, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('Mã chỉ tiêu')).value).toBe(t.target_id);
      expect(row.getCell(col('Tình trạng')).value, t.target_id).toBe(STATUS_VI[t.status]);
      expect(row.getCell(col('Dự báo tại hạn')).value ?? null, t.target_id).toBe(t.forecast_at_deadline);
      expect(row.getCell(col('Khoảng 80 % từ')).value ?? null, t.target_id).toBe(t.lo80);
      expect(row.getCell(col('Khoảng 80 % đến')).value ?? null, t.target_id).toBe(t.hi80);
      expect(row.getCell(col('Xác suất đạt (%)')).value ?? null, t.target_id).toBe(
        t.probability === null ? null : Math.round(t.probability * 100),
      );
    });
  });
});

describe('the trajectory a chart draws', () => {
  it('is the 12-month windows of the published months for flows and the published months for stocks', async () => {
    const { indicators } = await get<{
      indicators: { id: string; time: string; scale: number; filters: string[]; disclosure: string }[];
    }>('/api/indicators');
    const { targets, meta: answerMeta } = await targetsOf('10633');
    const { disclosure, min_cell: minCell } = answerMeta;
    let flows = 0;
    for (const t of targets.filter((x) => x.status !== 'no_data' && x.window !== null)) {
      const meta = indicators.find((m) => m.id === t.indicator)!;
      const level = meta.filters.includes('procedure_level') && t.level !== 'all' ? `&procedure_level=${t.level}` : '';
      const [{ trajectory }, { rows }] = await Promise.all([
        get<{ trajectory: Trajectory }>(`/api/targets?unit=10633&trajectory=${t.target_id}`),
        get<{ rows: Row[] }>(`/api/indicators/${t.indicator}?unit=10633&by=month${level}`),
      ]);
      expect(trajectory.target_id).toBe(t.target_id);
      expect(trajectory.months).toEqual(rows.map((r) => r.period.slice(0, 7)));
      rows.forEach((_, i) => {
        // recomputed here: numerators and denominators of the published months in the window
        const window = meta.time === 'sum' ? rows.slice(Math.max(0, i - 11), i + 1) : [rows[i]];
        // (cell-key method: a rate withheld on a small base still gives its published parts; a window is withheld
        // when its own base is below k)
        const shown = window.filter((r) => !r.suppressed || r.suppression === 'small_base');
        const sum = (k: 'numerator' | 'denominator') =>
          shown.every((r) => r[k] === null) ? null : shown.reduce((s, r) => s + (r[k] ?? 0), 0);
        const [num, den] = [sum('numerator'), sum('denominator')];
        const small = meta.disclosure === 'rate' && disclosure === 'cellkey' && (den ?? 0) < minCell;
        const want = num === null || small ? null : den === null ? num : den === 0 ? null : (num / den) * meta.scale;
        const got = trajectory.values[i];
        expect(got === null ? null : Math.round(got * 1e9), `${t.target_id} ${rows[i].period}`).toBe(
          want === null ? null : Math.round(want * 1e9),
        );
        expect(trajectory.partial[i]).toBe(want !== null && shown.length < window.length);
      });
      // where nothing is hidden, the chart's point at the judged month is the target's value
      const k = trajectory.months.indexOf(t.value_month ?? '');
      if (k >= 0 && !trajectory.partial[k] && !trajectory.suppressed[k] && t.value !== null)
        expect(trajectory.values[k]).toBeCloseTo(t.value, 9);
      if (meta.time === 'sum') flows += 1;
    }
    expect(flows).toBeGreaterThan(0);
  });

  it('answers 404 for a target that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/targets?unit=10633&trajectory=Z99' });
    expect(res.statusCode).toBe(404);
  });
});
