// GET /api/export/index766.:format against a demo store (set up as tests/api/index766.test.ts, exact numbers): the
// CSV has a total line and one line per indicator for every row of GET /api/index766, with the same numerator,
// denominator, points and points lost; the XLSX opens with exceljs and has as many rows.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { parseString } from '@fast-csv/parse';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { Index766Answer } from '../../server/contracts/index766.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DIR = join('tests', '.tmp', 'api-index766-export');
const DISTRICT = '291';
const QUERY = `unit=${DISTRICT}&period=2022&by=unit&lang=en`;

let ctx: Context;
let app: FastifyInstance;
let admin: Signed;

const csvRows = (text: string) =>
  new Promise<string[][]>((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });

const num = (cell: string): number | null => (cell === '' ? null : Number(cell));

beforeAll(async () => {
  const { db } = await buildDemoStore(DIR);
  ctx = await openContext(
    loadConfig({
      IOC_DB: db,
      IOC_DEMO: 'false',
      LOG_LEVEL: 'silent',
      IOC_MAX_LAG_MS: '60000',
      IOC_DISCLOSURE: 'suppress',
      IOC_MIN_CELL: '1',
    }),
  );
  app = await buildApp(ctx, { logger: false });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /api/export/index766.:format', () => {
  it('gives in CSV the numbers of GET /api/index766, and as many rows in XLSX', async () => {
    const json = await app.inject({ method: 'GET', url: `/api/index766?${QUERY}`, headers: admin.headers });
    expect(json.statusCode).toBe(200);
    const a: Index766Answer = json.json();

    const csv = await app.inject({ method: 'GET', url: `/api/export/index766.csv?${QUERY}`, headers: admin.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`index766_${DISTRICT}_`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = await csvRows(csv.rawPayload.subarray(3).toString('utf8'));
    const col = (name: string) => {
      const k = header.indexOf(name);
      expect(k, name).toBeGreaterThanOrEqual(0);
      return k;
    };
    const [unit, period, id] = [col('Unit code'), col('Period'), col('Indicator')];
    const [n, d, points, lost] = [col('Numerator'), col('Denominator'), col('Points'), col('Points lost')];
    const [score, rank] = [col('Index score (/100)'), col('Rank')];

    expect(rows.length).toBe(a.rows.reduce((s, r) => s + 1 + r.indicators.length, 0));
    let k = 0;
    let checked = 0;
    for (const r of a.rows) {
      const total = rows[k++];
      expect([total[unit], total[period], total[id]]).toEqual([r.unit, r.period, 'Total']);
      expect(num(total[score])).toBe(r.score);
      expect(num(total[points])).toBe(r.points);
      expect(num(total[rank])).toBe(r.rank);
      for (const i of r.indicators) {
        const line = rows[k++];
        expect([line[unit], line[period], line[id]]).toEqual([r.unit, r.period, i.id]);
        expect(num(line[n]), `${r.unit} ${i.id} numerator`).toBe(i.numerator);
        expect(num(line[d]), `${r.unit} ${i.id} denominator`).toBe(i.denominator);
        expect(num(line[points]), `${r.unit} ${i.id} points`).toBe(i.points);
        expect(num(line[lost]), `${r.unit} ${i.id} lost`).toBe(i.lost);
        if (i.points !== null) checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);

    const xlsx = await app.inject({ method: 'GET', url: `/api/export/index766.xlsx?${QUERY}`, headers: admin.headers });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Index 766')!;
    expect(sheet).toBeTruthy();
    expect(sheet.actualRowCount).toBe(rows.length + 1);
    expect(book.getWorksheet('Information')!.actualRowCount).toBeGreaterThan(5);
  });
});
