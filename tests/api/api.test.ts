// The API end to end through inject(), on a demo store built from generated files by the importer.
// Values are checked against computations made here from the raw import files, not from the store.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { readCsv } from '../helpers/csv.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { actAs } from '../helpers/auth.ts';

let app: FastifyInstance;
let ctx: Context;
let people: Record<string, string>[];
let dossiers: Record<string, string>[];
const NAM_TRUNG = '10633';
const DISTRICT = '291';

const monthEnd = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const present = (p: Record<string, string>, end: string) =>
  p.birth_date <= end &&
  (!p.moved_in_on || p.moved_in_on <= end) &&
  (!p.moved_out_on || p.moved_out_on > end) &&
  (!p.died_on || p.died_on > end);
const ageAt = (birth: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) >= birth.slice(5) ? years : years - 1;
};
const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'GET', url, headers });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type']).includes('json') ? res.json() : res.rawPayload,
    headers: res.headers,
  };
};

beforeAll(async () => {
  const dir = join('tests', '.tmp', 'api');
  const { db, files } = await buildDemoStore(dir);
  people = readCsv(join(files, 'people.csv'));
  dossiers = readCsv(join(files, 'dossiers.csv'));
  // exact figures recomputed from the people and dossier files: the indicators before perturbation, under
  // suppression (the cell-key method is tested on the same store in disclosure-cellkey.test.ts)
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_DISCLOSURE: 'suppress', IOC_CACHE: '0' }),
  );
  app = await buildApp(ctx, { logger: false });
  await actAs(app, ctx);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('population indicators against the raw people file', () => {
  it('population of Nam Trung at the end of June 2022', async () => {
    const expected = people.filter((p) => p.unit_id === NAM_TRUNG && present(p, '2022-06-30')).length;
    const { status, body } = await get(`/api/indicators/population?unit=${NAM_TRUNG}&from=2022-06&to=2022-06`);
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0].value).toBe(expected);
    expect(expected).toBeGreaterThan(5000);
  });

  it('the district population is the sum over its 19 communes', async () => {
    const communes = new Set(ctx.units.reportChildren(DISTRICT).map((u) => u.unit_id));
    expect(communes.size).toBe(19);
    const expected = people.filter((p) => communes.has(p.unit_id) && present(p, '2022-12-31')).length;
    const { body } = await get(`/api/indicators/population?unit=${DISTRICT}&from=2022-12&to=2022-12`);
    expect(body.rows[0].value).toBe(expected);
  });

  it('chip-card coverage of card-age residents in Nam Trung, December 2022', async () => {
    const end = '2022-12-31';
    const cardAge = people.filter((p) => p.unit_id === NAM_TRUNG && present(p, end) && ageAt(p.birth_date, end) >= 14);
    const withCard = cardAge.filter((p) => p.chip_card_issued_on && p.chip_card_issued_on <= end);
    const { body } = await get(
      `/api/indicators/pct_eligible_with_chip_id_card?unit=${NAM_TRUNG}&from=2022-12&to=2022-12`,
    );
    expect(body.rows[0].denominator).toBe(cardAge.length);
    expect(body.rows[0].numerator).toBe(withCard.length);
    expect(body.rows[0].value).toBeCloseTo((100 * withCard.length) / cardAge.length, 9);
  });

  it('births by quarter in the district sum the births of each quarter', async () => {
    const communes = new Set(ctx.units.members(DISTRICT));
    const { body } = await get(`/api/indicators/births?unit=${DISTRICT}&from=2022-01&to=2022-12&by=quarter`);
    expect(body.rows.map((r: { period: string }) => r.period)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    for (const [q, row] of body.rows.entries()) {
      const lo = `2022-${String(q * 3 + 1).padStart(2, '0')}-01`;
      const hi = monthEnd(`2022-${String(q * 3 + 3).padStart(2, '0')}`);
      const expected = people.filter(
        (p) => communes.has(p.unit_id) && !p.moved_in_on && p.birth_date >= lo && p.birth_date <= hi,
      ).length;
      expect(row.value).toBe(expected);
    }
  });
});

describe('a unit over a whole range (by=total)', () => {
  it('births in Nam Trung over 2022 are one total, even when single months are suppressed', async () => {
    const expected = people.filter(
      (p) => p.unit_id === NAM_TRUNG && !p.moved_in_on && p.birth_date.startsWith('2022'),
    ).length;
    const { body } = await get(`/api/indicators/births?unit=${NAM_TRUNG}&from=2022-01&to=2022-12&by=total`);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({
      unit: NAM_TRUNG,
      period: '2022-01..2022-12',
      value: expected,
      suppressed: false,
    });
  });
});

describe('procedure indicators against the raw dossiers file', () => {
  it('on-time rate of the district in 2022 (Decision 766: resolved by due time ÷ resolved)', async () => {
    const members = new Set(ctx.units.members(DISTRICT));
    const resolved = dossiers.filter(
      (d) => members.has(d.unit_id) && d.resolved_at && d.resolved_at.slice(0, 4) === '2022',
    );
    const onTime = resolved.filter((d) => d.resolved_at <= d.due_at);
    const { body } = await get(`/api/indicators/pct_resolved_on_time?unit=${DISTRICT}&from=2022-01&to=2022-12&by=year`);
    expect(body.rows[0].period).toBe('2022');
    expect(body.rows[0].denominator).toBe(resolved.length);
    expect(body.rows[0].numerator).toBe(onTime.length);
  });

  it('online share per commune over 2022 (Decision 766: received online ÷ received)', async () => {
    const { body } = await get(`/api/indicators/pct_online_dossiers?unit=${DISTRICT}&from=2022-01&to=2022-12&by=unit`);
    expect(body.rows).toHaveLength(19);
    for (const row of body.rows) {
      const mine = dossiers.filter((d) => d.unit_id === row.unit && d.received_at.slice(0, 4) === '2022');
      const online = mine.filter((d) => d.channel === 'online').length;
      expect(row.suppressed).toBe(false);
      expect(row.value).toBeCloseTo((100 * online) / mine.length, 9);
    }
  });
});

describe('disclosure control on every answer', () => {
  it('no count from 1 to k-1 leaves the server, in any indicator answer', async () => {
    const k = ctx.config.minCell;
    let suppressedSeen = 0;
    for (const def of ctx.registry.list().filter((d) => d.meta.disclosure === 'count')) {
      const { body } = await get(`/api/indicators/${def.id}?unit=${DISTRICT}&from=2022-01&to=2022-12&by=unit`);
      for (const row of body.rows) {
        if (row.suppressed) {
          suppressedSeen++;
          expect(row.value).toBeNull();
          continue;
        }
        expect(Math.abs(row.numerator) === 0 || Math.abs(row.numerator) >= k).toBe(true);
      }
    }
    const monthly = await get(`/api/indicators/deaths?unit=${NAM_TRUNG}&from=2022-01&to=2022-12`);
    for (const row of monthly.body.rows) if (!row.suppressed) expect(row.value === 0 || row.value >= k).toBe(true);
    suppressedSeen += monthly.body.rows.filter((r: { suppressed: boolean }) => r.suppressed).length;
    expect(suppressedSeen).toBeGreaterThan(0); // monthly deaths of a commune of 6,000 are small
  });
});

describe('formats, metadata and errors', () => {
  it('answers Arrow IPC when asked, with the same rows', async () => {
    const url = `/api/indicators/population?unit=${DISTRICT}&from=2022-01&to=2022-12&by=unit`;
    const json = (await get(url)).body;
    const arrow = await get(url, { accept: 'application/vnd.apache.arrow.stream' });
    expect(arrow.headers['content-type']).toContain('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(arrow.body as Buffer);
    expect(table.numRows).toBe(json.rows.length);
    expect(table.getChild('value')!.get(0)).toBe(json.rows[0].value);
    expect(table.schema.metadata.get('generated')).toBe('true');
  });

  it('says the data are generated, with the data date and k', async () => {
    const { body } = await get(`/api/indicators/population?unit=${DISTRICT}`);
    expect(body.meta).toMatchObject({ generated: true, data_date: '2022-12-31', min_cell: 5 });
    expect(body.indicator.name_vi).toMatch(/[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐĨŨƠàáâãèéêìíòóôõùúăđĩũơƯĂẠ-ỹ]/u);
  });

  it.each([
    ['/api/indicators/nope?unit=291', 404, 'Không có chỉ tiêu'],
    ['/api/indicators/population?unit=99999', 404, 'Không có đơn vị'],
    ['/api/indicators/population?unit=291&from=2022-13', 400, 'Yêu cầu không hợp lệ'],
    ['/api/indicators/population?unit=291&from=2022-06&to=2022-01', 400, 'Khoảng thời gian sai'],
    ['/api/indicators/population?unit=291&channel=online', 400, 'không lọc được theo "channel"'],
    ['/api/indicators/population?unit=291&by=week', 400, 'Yêu cầu không hợp lệ'],
  ])('%s → %i', async (url, status, text) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.body.message).toContain(text);
  });

  it('answers errors in English when the request prefers it', async () => {
    const res = await get('/api/indicators/nope?unit=291', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.body.message).toContain('No indicator');
  });
});

describe('units, targets, health', () => {
  it('the unit tree holds the district, its 19 communes and the later units with lineage', async () => {
    const { body } = await get('/api/units');
    const flat: { unit_id: string; level: string; successors: { unit_id: string }[]; children: unknown[] }[] = [];
    const walk = (n: (typeof flat)[number]) => {
      flat.push(n);
      (n.children as (typeof flat)[number][]).forEach(walk);
    };
    body.units.forEach(walk);
    const namTrung = flat.find((u) => u.unit_id === NAM_TRUNG)!;
    expect(namTrung.successors.map((s) => s.unit_id)).toEqual(['10633@2025-01']);
    expect(flat.filter((u) => u.level === 'commune' && !u.unit_id.includes('@'))).toHaveLength(19);
    expect(flat.filter((u) => u.unit_id.endsWith('@2025-07') && u.level === 'commune')).toHaveLength(5);
  });

  it("GeoJSON of the base communes, and of today's communes", async () => {
    const base = await get('/api/units/geo?level=commune');
    expect(base.body.features).toHaveLength(19);
    expect(base.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toContain(NAM_TRUNG);
    const today = await get('/api/units/geo?level=commune&at=2025-08-01');
    expect(today.body.features).toHaveLength(5);
    expect(today.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain(
      'Xã Trần Phú',
    );
  });

  it('a ranking can use the units valid on a day: the 15 units of 2025-01', async () => {
    const { body } = await get(
      `/api/indicators/population?unit=${DISTRICT}&from=2022-12&to=2022-12&by=unit&at=2025-03-01`,
    );
    expect(body.rows).toHaveLength(15);
    const tranPhu = body.rows.find((r: { unit: string }) => r.unit === '10633@2025-01');
    const members = ctx.units.members('10633@2025-01'); // Nam Trung + Nam Chính
    expect(members.sort()).toEqual(['10627', '10633']);
    expect(tranPhu.value).toBe(people.filter((p) => members.includes(p.unit_id) && present(p, '2022-12-31')).length);
  });

  it("history is shown on today's units: Trần Phú (2025-07) sums its former communes", async () => {
    const members = ctx.units.members('10633@2025-07');
    expect(members).toContain(NAM_TRUNG);
    const expected = people.filter((p) => members.includes(p.unit_id) && present(p, '2022-12-31')).length;
    const { body } = await get('/api/indicators/population?unit=10633@2025-07&from=2022-12&to=2022-12');
    expect(body.rows[0].value).toBe(expected);
  });

  it('targets of a commune: commune and all-level targets, each with a status', async () => {
    const { body } = await get(`/api/targets?unit=${NAM_TRUNG}`);
    const ids = body.targets.map((t: { target_id: string }) => t.target_id);
    expect(ids).toContain('D02');
    expect(ids).toContain('A16');
    expect(ids).not.toContain('A15'); // district-level target
    for (const t of body.targets)
      expect(['met', 'on_track', 'at_risk', 'missed', 'no_data', 'suppressed']).toContain(t.status);
    expect(body.targets.find((t: { target_id: string }) => t.target_id === 'A01').status).toBe('no_data');
    const d02 = body.targets.find((t: { target_id: string }) => t.target_id === 'D02');
    const end = '2022-12-31';
    const cardAge = people.filter((p) => p.unit_id === NAM_TRUNG && present(p, end) && ageAt(p.birth_date, end) >= 14);
    const coverage =
      (100 * cardAge.filter((p) => p.chip_card_issued_on && p.chip_card_issued_on <= end).length) / cardAge.length;
    expect(d02.value).toBeCloseTo(coverage, 9);
    // the deadline 2022-12-31 is the data date, so it has not passed yet: never "missed"
    expect(coverage >= 100 ? ['met'] : ['on_track', 'at_risk']).toContain(d02.status);
  });

  it('health says what the store holds', async () => {
    const { body } = await get('/api/health');
    expect(body).toMatchObject({ status: 'ok', generated: true });
    expect(body.indicators).toBeGreaterThan(30);
  });

  it('serves the OpenAPI page', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/indicators/{id}');
  });
});
