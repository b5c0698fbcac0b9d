// GET /api/catalog (issue 20): the DCAT catalogue, read as RDF through a real JSON-LD processor (the jsonld package,
// offline: its document loader refuses every fetch, so the @context must be inline). Expected values come from
// elsewhere than the code under test: the indicators, their names and definitions from the SQL headers of
// queries/*.sql read here line by line; the bulk route's pattern from the app's route table; the licence and the
// contact written by hand.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import { buildApp } from '../../server/app.ts';
import { buildCatalog } from '../../server/catalog/dcat.ts';
import type { DatasetInfo } from '../../server/contracts/open-data.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DISTRICT = '291';
const NAM_TRUNG = '10633';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const IOC = 'urn:ioc06:vocab:';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
/** The data's licence, Creative Commons Attribution 4.0 (docs/integration.md says so). */
const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';
const CONTACT = 'Ủy ban nhân dân xã Nam Trung, huyện Nam Sách, tỉnh Hải Dương';
/** The key domain of each registry domain, as issue 20's contract states it. */
const KEY_DOMAIN: Record<string, string> = {
  population: 'population',
  procedures: 'procedures',
  catalogue: 'procedures',
  milestones: 'targets',
  index766: 'index',
};
const FIXED = { population_cube: 'population', dossier_cube: 'procedures', targets: 'targets', index766: 'index' };

interface Header {
  id: string;
  name_vi: string;
  name_en: string;
  numerator: string;
  denominator: string;
  domain: string;
}

/** The header lines (`-- key: value`) of every SQL file under queries/, read without the registry. */
function sqlHeaders(dir = 'queries'): Header[] {
  const out: Header[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.sql')) continue;
    const fields: Record<string, string> = {};
    for (const line of readFileSync(join(entry.parentPath, entry.name), 'utf8').split('\n')) {
      const m = /^-- ([a-z_]+): (.*)$/.exec(line);
      if (!m) break;
      fields[m[1]] = m[2].trim();
    }
    out.push(fields as unknown as Header);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

type Node = Record<string, unknown>;
type Literal = { '@value': string | boolean; '@language'?: string; '@type'?: string };

/** Expands with no network: any remote context or document is an error. */
async function expand(doc: unknown): Promise<Node[]> {
  const documentLoader = (url: string) => Promise.reject(new Error(`the catalogue fetched ${url}`));
  return await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader });
}

const values = (node: Node, p: string): Literal[] => (node[p] as Literal[] | undefined) ?? [];
const ids = (node: Node, p: string): string[] =>
  ((node[p] as { '@id': string }[] | undefined) ?? []).map((x) => x['@id']);
const lang = (node: Node, p: string, l: string): string[] =>
  values(node, p)
    .filter((v) => v['@language'] === l)
    .map((v) => String(v['@value']));
const one = (node: Node, p: string): string | undefined => values(node, p)[0]?.['@value'] as string | undefined;

let app: FastifyInstance;
let ctx: Context;
let leader: Signed;
let admin: Signed;
const headers = sqlHeaders();

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-catalog'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000' }));
  app = await buildApp(ctx, { logger: false });
  leader = await signIn(app, ctx, { role: 'leader', unit: DISTRICT });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function catalogOf(auth: Record<string, string>): Promise<{ raw: Node; catalog: Node; datasets: Node[] }> {
  const res = await app.inject({ method: 'GET', url: '/api/catalog', headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
  const raw = res.json<Node>();
  const expanded = await expand(raw);
  const catalog = expanded.find((n) => (n['@type'] as string[]).includes(`${DCAT}Catalog`))!;
  return { raw, catalog, datasets: (catalog[`${DCAT}dataset`] as Node[]) ?? [] };
}

const byIdentifier = (datasets: Node[]) => new Map(datasets.map((d) => [one(d, `${DCT}identifier`)!, d]));

describe('GET /api/catalog', () => {
  it('lists every registry indicator with both titles and the SQL header definitions', async () => {
    expect(headers.length).toBeGreaterThan(40);
    const { datasets } = await catalogOf(leader.headers);
    const found = byIdentifier(datasets);
    for (const h of headers) {
      const d = found.get(`indicator.${h.id}`);
      expect(d, h.id).toBeDefined();
      expect(d!['@type']).toEqual([`${DCAT}Dataset`]);
      expect(lang(d!, `${DCT}title`, 'vi'), h.id).toEqual([h.name_vi]);
      expect(lang(d!, `${DCT}title`, 'en'), h.id).toEqual([h.name_en]);
      expect(lang(d!, `${DCT}description`, 'vi')).toHaveLength(1);
      expect(lang(d!, `${DCT}description`, 'en')).toHaveLength(1);
      expect(one(d!, `${IOC}numerator`), h.id).toBe(h.numerator);
      expect(one(d!, `${IOC}denominator`), h.id).toBe(h.denominator === 'none' ? undefined : h.denominator);
      expect(one(d!, `${IOC}domain`), h.id).toBe(KEY_DOMAIN[h.domain]);
    }
    // the two cubes, the targets and the index besides; nothing else
    expect([...found.keys()].sort()).toEqual(
      [...headers.map((h) => `indicator.${h.id}`), ...Object.keys(FIXED)].sort(),
    );
  });

  it('gives each available dataset a CSV, a Parquet and an Arrow download at the bulk route', async () => {
    const bulk = app.routeTable.find((r) => r.method === 'GET' && r.url === '/api/bulk/:dataset');
    expect(bulk, 'GET /api/bulk/:dataset is registered').toBeDefined();
    const { datasets } = await catalogOf(leader.headers);
    const media = new Set<string>();
    for (const d of datasets) {
      const id = one(d, `${DCT}identifier`)!;
      const available = values(d, `${IOC}available`)[0]?.['@value'];
      const dist = (d[`${DCAT}distribution`] as Node[] | undefined) ?? [];
      if (available === false) {
        expect(dist, id).toEqual([]);
        expect(lang(d, `${IOC}unavailableReason`, 'vi'), id).toHaveLength(1);
        continue;
      }
      expect(available, id).toBe(true);
      const formats = dist.map((x) => {
        const [url] = ids(x, `${DCAT}downloadURL`);
        const u = new URL(url);
        // the bulk route's pattern: /api/bulk/:dataset with the dataset's own id, and a format
        expect(u.pathname, id).toBe(`/api/bulk/${encodeURIComponent(id)}`);
        expect(decodeURIComponent(u.pathname.split('/')[3])).toBe(id);
        ids(x, `${DCAT}mediaType`).forEach((m) => media.add(m));
        expect(ids(x, `${DCT}license`)).toEqual([LICENCE]);
        return u.searchParams.get('format');
      });
      expect(formats.sort(), id).toEqual(['arrow', 'csv', 'parquet']);
    }
    expect([...media].sort()).toEqual([
      'https://www.iana.org/assignments/media-types/application/vnd.apache.arrow.stream',
      'https://www.iana.org/assignments/media-types/application/vnd.apache.parquet',
      'https://www.iana.org/assignments/media-types/text/csv',
    ]);
  });

  it('a download link of the catalogue answers with the file for staff', async () => {
    const staff = await signIn(app, ctx, { role: 'staff', unit: NAM_TRUNG });
    const { datasets } = await catalogOf(staff.headers);
    const births = byIdentifier(datasets).get('indicator.births')!;
    const csv = (births[`${DCAT}distribution`] as Node[]).find((x) =>
      /format=csv$/.test(ids(x, `${DCAT}downloadURL`)[0]),
    )!;
    const u = new URL(ids(csv, `${DCAT}downloadURL`)[0]);
    const res = await app.inject({ method: 'GET', url: `${u.pathname}${u.search}`, headers: staff.headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.split('\n')[0]).toMatch(/unit/);
  });

  it('states coverage, frequency, data date, licence, contact and disclosure', async () => {
    const { catalog, datasets } = await catalogOf(leader.headers);
    expect(ids(catalog, `${DCT}license`)).toEqual([LICENCE]);
    const [contact] = catalog[`${DCAT}contactPoint`] as Node[];
    expect(contact['@type']).toEqual([`${VCARD}Organization`]);
    expect(one(contact, `${VCARD}fn`)).toBe(CONTACT);
    const dataDate = ctx.info.dataDates.people;
    const pop = byIdentifier(datasets).get('indicator.population')!;
    expect(ids(pop, `${DCT}license`)).toEqual([LICENCE]);
    expect(ids(pop, `${DCAT}contactPoint`)).toEqual([contact['@id']]);
    expect(values(pop, `${DCT}modified`)).toEqual([{ '@value': dataDate, '@type': XSD_DATE }]);
    const [period] = pop[`${DCT}temporal`] as Node[];
    expect(period['@type']).toEqual([`${DCT}PeriodOfTime`]);
    const end = values(period, `${DCAT}endDate`)[0];
    expect(end['@type']).toBe(XSD_DATE);
    // the data date: demo data end on 2022-12-31
    expect(end['@value']).toBe('2022-12-31');
    expect(values(period, `${DCAT}startDate`)[0]['@value']).toMatch(/^\d{4}-\d{2}-01$/);
    expect(ids(pop, `${DCT}accrualPeriodicity`)[0]).toMatch(
      /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\//,
    );
    const [disclosure] = pop[`${IOC}disclosure`] as Node[];
    expect(one(disclosure, `${IOC}method`)).toBe('cellkey');
    expect(lang(disclosure, `${IOC}note`, 'vi')).toHaveLength(1);
    expect(lang(disclosure, `${IOC}note`, 'en')).toHaveLength(1);
    // the columns, in order, with titles in both languages
    const [schema] = pop['http://www.w3.org/ns/csvw#tableSchema'] as Node[];
    const [list] = schema['http://www.w3.org/ns/csvw#column'] as { '@list': Node[] }[];
    const names = list['@list'].map((c) => one(c, 'http://www.w3.org/ns/csvw#name'));
    expect(names.slice(0, 4)).toEqual(['unit', 'unit_name', 'month', 'value']);
  });

  it('shows an API key the datasets of its domains only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/keys',
      headers: admin.headers,
      payload: {
        name: 'Kho dữ liệu dân cư (thử)',
        agency: 'Sở thử',
        units: [NAM_TRUNG],
        domains: ['population'],
        expires: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const bearer = { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    const { datasets } = await catalogOf(bearer);
    const expected = [
      ...headers.filter((h) => KEY_DOMAIN[h.domain] === 'population').map((h) => `indicator.${h.id}`),
      'population_cube',
    ].sort();
    expect([...byIdentifier(datasets).keys()].sort()).toEqual(expected);
  });

  it('answers 304 to its own ETag and 401 to no one', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/catalog', headers: leader.headers });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await app.inject({
      method: 'GET',
      url: '/api/catalog',
      headers: { ...leader.headers, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/catalog' })).statusCode).toBe(401);
  });
});

describe('the OpenAPI description', () => {
  it('has the bearer scheme, and exactly the routes keys may call carry it with an example', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: Record<string, string[]>[]; description?: string }>>;
    }>();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const secured = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security?.some((s) => 'apiKey' in s))
        .map(([method, op]) => {
          expect(op.description, path).toMatch(/curl -H "Authorization: Bearer \$IOC_KEY"/);
          return `${method.toUpperCase()} ${path}`;
        }),
    );
    // issue 20: the routes open to other agencies' systems, written out here
    expect(secured.sort()).toEqual(
      [
        'GET /api/catalog',
        'GET /api/units',
        'GET /api/indicators/{id}',
        'GET /api/targets',
        'GET /api/index766',
        'GET /api/population/pyramid',
        'GET /api/bulk/{dataset}',
        'GET /api/bulk/{dataset}/metadata',
      ].sort(),
    );
  });
});

describe('a period of time', () => {
  const info = (coverage: { from: string; to: string }, data_date: string): DatasetInfo => ({
    id: 'x',
    kind: 'indicator',
    domain: 'population',
    title: { vi: 'x', en: 'x' },
    description: { vi: 'x', en: 'x' },
    numerator: null,
    denominator: null,
    unit: 'count',
    columns: [],
    coverage,
    frequency: 'monthly',
    data_date,
    disclosure: { method: 'none', note: { vi: 'x', en: 'x' } },
    available: true,
    unavailable_reason: null,
  });
  it.each([
    [{ from: '2022-01', to: '2024-02' }, '2024-02-29', ['2022-01-01', '2024-02-29']], // a leap year's February
    [{ from: '2022-01', to: '2026-12' }, '2026-12-05', ['2022-01-01', '2026-12-05']], // a month still running
    [{ from: '2023-03', to: '2023-11' }, '2026-12-05', ['2023-03-01', '2023-11-30']], // ends before the data date
  ])('%j with data to %s runs %j', (coverage, date, [start, end]) => {
    const licence = { id: 'CC-BY-4.0', url: LICENCE, title: { vi: 'x', en: 'x' } };
    const doc = buildCatalog([info(coverage, date)], { base: 'http://ioc.test', contact: { name: 'x' }, licence });
    expect(doc.dataset[0].temporal).toEqual({ '@type': 'PeriodOfTime', startDate: start, endDate: end });
  });
});

describe('the contact point', () => {
  it('takes IOC_CONTACT_NAME and IOC_CONTACT_EMAIL, and refuses an address that is not one', () => {
    const c = loadConfig({ IOC_CONTACT_NAME: 'Văn phòng HĐND và UBND xã', IOC_CONTACT_EMAIL: 'vanphong@xa.gov.vn' });
    expect([c.contactName, c.contactEmail]).toEqual(['Văn phòng HĐND và UBND xã', 'vanphong@xa.gov.vn']);
    expect(loadConfig({}).contactName).toBe(CONTACT);
    expect(() => loadConfig({ IOC_CONTACT_EMAIL: 'not an address' })).toThrow(ConfigError);
    expect(() => loadConfig({ IOC_CONTACT_EMAIL: 'not an address' })).toThrow(/IOC_CONTACT_EMAIL/);
  });

  it('gives the address as a mailto: IRI', async () => {
    const contact = { name: 'UBND xã Nam Trung', email: 'ubnd@namtrung.example' };
    const doc = buildCatalog([], {
      base: 'http://ioc.test',
      contact,
      licence: { id: 'CC-BY-4.0', url: LICENCE, title: { vi: 'x', en: 'x' } },
    });
    const [catalog] = await expand(doc);
    const [point] = catalog[`${DCAT}contactPoint`] as Node[];
    expect(ids(point, `${VCARD}hasEmail`)).toEqual(['mailto:ubnd@namtrung.example']);
    expect(one(point, `${VCARD}fn`)).toBe('UBND xã Nam Trung');
  });
});
