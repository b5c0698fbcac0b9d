// The whole country as aggregate tables (docs/scaling-national.md): the 63 provinces, 712 districts and 11,165
// communes of the census of 1/4/2019 as units, the 34 provinces and 3,321 communes of 1/7/2025 with their lineage,
// and for every commune a population_counts table of 60 months (2022-01 … 2026-12) × sex × 18 age bands × residence,
// with the identity stocks of the cube. No person records: each cell is computed from the census and documented
// rates, so the whole country is written in about a minute, one province at a time, straight to CSV files.
//
// The rules, each one line of code below:
// - commune total: census 2019 (population_by_commune.csv) in the first month, 2022-01; later months grow it at
//   the yearly rate of the facts file (annualGrowth, Hải Dương 2019→2024: the only rate shipped; no national one);
// - urban and rural parts: the commune's census split, held; age bands: each part apportioned by its district's
//   census table of the same part (population_by_district_age5_urban_rural.csv); ages do not move between bands;
// - sex: a male share per band from SEX_RATIO_SHAPE (rates.ts), rescaled once so that the country has the census
//   2019 sex ratio (NATIONAL_SEX_RATIO_2019);
// - residence: the demo's temporary share (maturity.ts communeParams), spread over ages by MIGRATION_SHAPE;
// - identity stocks: the demo's commune parameters (seeded digital maturity) turned into smooth paths per month
//   (identityShares); flows (births, deaths, moves) are left empty: not known, as an aggregate table may leave them.
// Island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Côn Đảo) are one base unit each, `<district>-0`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFacts } from '../facts.ts';
import { annualGrowth, MIGRATION_SHAPE, SEX_RATIO_SHAPE } from '../rates.ts';
import { CsvWriter } from './csv-writer.ts';
import { parseCsv } from './csv-read.ts';
import { communeParams, ramp, type CommuneParams } from './maturity.ts';
import { apportion } from './model.ts';
import { Rng } from './prng.ts';
import { AGE_GROUPS, nameEn, REFERENCE_DIR } from './reference.ts';
import type { Commune } from './universe.ts';

/** Males per 100 females in the whole country, census 1/4/2019 (47,881,061 males, 48,327,923 females). */
export const NATIONAL_SEX_RATIO_2019 = 99.1;
/** The cube's months: 60 from the cube's first month. */
export const FIRST_MONTH = '2022-01';
export const MONTHS = 60;
export const NATIONAL_SEED = 20260606;

const AGES = AGE_GROUPS.length;
const AGE_LOWER = AGE_GROUPS.map((_, g) => g * 5);

export interface NationalCommune {
  unitId: string;
  code: string;
  name: string;
  districtId: string;
  provinceId: string;
  /** census 1/4/2019 */
  total: number;
  urban: number;
  rural: number;
}

export interface NationalCensus {
  provinces: { code: string; name: string }[];
  districts: { code: string; name: string; provinceId: string }[];
  communes: NationalCommune[];
  /** census 2019 persons by age band, urban and rural, per district */
  ages: Map<string, { urban: number[]; rural: number[] }>;
}

const CENSUS = 'census2019/national/';
const readRows = (relative: string) => parseCsv(readFileSync(REFERENCE_DIR + relative, 'utf8'));

/** The census tables of the whole country (data/reference/census2019/national). */
export function readNationalCensus(): NationalCensus {
  const provinces = new Map<string, string>();
  const districts = new Map<string, { code: string; name: string; provinceId: string }>();
  const communes: NationalCommune[] = [];
  for (const r of readRows(CENSUS + 'population_by_commune.csv')) {
    provinces.set(r.province_code, r.province);
    districts.set(r.district_code, { code: r.district_code, name: r.district, provinceId: r.province_code });
    // an island district without communes is one base unit of its own
    const unitId = r.commune_code || `${r.district_code}-0`;
    communes.push({
      unitId,
      code: r.commune_code || r.district_code,
      name: r.commune,
      districtId: r.district_code,
      provinceId: r.province_code,
      total: Number(r.pop_total),
      urban: Number(r.pop_urban || 0),
      rural: Number(r.pop_rural || 0),
    });
  }
  const ages = new Map<string, { urban: number[]; rural: number[] }>();
  for (const r of readRows(CENSUS + 'population_by_district_age5_urban_rural.csv')) {
    ages.set(r.district_code, {
      urban: AGE_GROUPS.map((g) => Number(r[`urban_${g}`] || 0)),
      rural: AGE_GROUPS.map((g) => Number(r[`rural_${g}`] || 0)),
    });
  }
  return {
    provinces: [...provinces].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    districts: [...districts.values()].sort((a, b) => a.code.localeCompare(b.code)),
    communes,
    ages,
  };
}

/** The male share of each age band: SEX_RATIO_SHAPE × k, k such that the country has NATIONAL_SEX_RATIO_2019. */
export function maleShares(census: NationalCensus): number[] {
  const bands = new Array<number>(AGES).fill(0);
  for (const a of census.ages.values()) for (let g = 0; g < AGES; g++) bands[g] += a.urban[g] + a.rural[g];
  const total = bands.reduce((s, x) => s + x, 0);
  const target = (total * NATIONAL_SEX_RATIO_2019) / (100 + NATIONAL_SEX_RATIO_2019);
  const shares = (k: number) => SEX_RATIO_SHAPE.map((s) => (k * s) / (100 + k * s));
  let lo = 0.5;
  let hi = 1.5;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const males = shares(mid).reduce((s, p, g) => s + p * bands[g], 0);
    if (males < target) lo = mid;
    else hi = mid;
  }
  return shares((lo + hi) / 2);
}

/** MIGRATION_SHAPE relative to its mean over the country's ages: where temporary residents are (as model.ts). */
function migrationRelative(census: NationalCensus): number[] {
  const bands = new Array<number>(AGES).fill(0);
  for (const a of census.ages.values()) for (let g = 0; g < AGES; g++) bands[g] += a.urban[g] + a.rural[g];
  const total = bands.reduce((s, x) => s + x, 0);
  const exposure = MIGRATION_SHAPE.reduce((s, w, g) => s + w * bands[g], 0);
  return MIGRATION_SHAPE.map((w) => (w * total) / exposure);
}

/** The demo's commune parameters for a census commune (seeded maturity; no champions at national scale). */
export function nationalParams(c: NationalCommune, seed = NATIONAL_SEED): CommuneParams {
  const commune: Commune = {
    unitId: c.unitId,
    name: c.name,
    districtId: c.districtId,
    popUrban: c.urban,
    popRural: c.rural,
    households: 0,
    maturity: new Rng(seed, 'maturity', c.unitId).next(),
    champion: false,
  };
  return communeParams(commune);
}

/** Decimal year of the middle of month `m` of the cube. */
const yearOf = (m: number) => 2022 + (m + 0.5) / 12;
const monthText = (m: number) => `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/**
 * Shares of a cell's people holding each identity stock in month `m` (of the cube), from the commune's parameters:
 * chip cards rise from the share issued in the 2021 campaign to the commune's ceiling; VNeID requests follow the
 * demo's logistic uptake (ramp); records missing a field are completed at the commune's pace.
 */
export function identityShares(p: CommuneParams, m: number) {
  const year = yearOf(m);
  const days = (year - 2022) * 365.2425;
  const cardCap = 1 - p.cardNever;
  const chip = cardCap - (cardCap - p.cardBeforeStart) * Math.exp(-days / p.cardCatchUpDays);
  const requested = ramp(year, 0.05, p.vneidCap, p.vneidMid, p.vneidSpread);
  const incomplete =
    p.incomplete * (p.incompleteResidual + (1 - p.incompleteResidual) * Math.exp(-days / p.completionDays));
  return {
    personalId: 1 - p.noPersonalIdShare,
    chip,
    requested,
    level1: 1 - p.vneidUnresolved,
    level2: p.vneidLevel2,
    incomplete,
  };
}

/** Older people adopt VNeID less (person-attributes.ts vneidAgeFactor, by band). */
const VNEID_AGE = AGE_LOWER.map((a) => (a < 60 ? 1 : a < 70 ? 0.85 : a < 80 ? 0.6 : 0.3));

export const COUNT_COLUMNS = [
  'unit_id',
  'month',
  'sex',
  'age_group',
  'residence',
  'population',
  'with_personal_id',
  'card_age',
  'with_chip_card',
  'vneid_requested',
  'vneid_level1',
  'vneid_level2',
  'vneid_requested_level2',
  'incomplete_records',
];

/** The model that turns a census commune into its cells, month by month. */
export class NationalModel {
  readonly growth: number;
  readonly male: number[];
  readonly relative: number[];

  constructor(
    readonly census: NationalCensus,
    readonly seed = NATIONAL_SEED,
  ) {
    this.growth = annualGrowth(readFacts());
    this.male = maleShares(census);
    this.relative = migrationRelative(census);
  }

  /** The commune's total in month `m` of the cube: the census in 2022-01, then the yearly growth. */
  total(c: NationalCommune, m: number): number {
    return m === 0 ? c.total : Math.round(c.total * Math.pow(this.growth, m / 12));
  }

  /** People by age band in month `m`: the urban and rural parts apportioned by the district's census ages. */
  bands(c: NationalCommune, m: number): number[] {
    const total = this.total(c, m);
    const urban = Math.round((total * c.urban) / c.total);
    const ages = this.census.ages.get(c.districtId);
    if (!ages) throw new Error(`no census age table for district ${c.districtId}`);
    const u = apportion(urban, ages.urban);
    const r = apportion(total - urban, ages.rural);
    return u.map((x, g) => x + r[g]);
  }

  /**
   * Calls `row` with each non-empty cell of a commune's month, in the order of COUNT_COLUMNS after the key
   * (sex, band, residence, then the counts).
   */
  cells(c: NationalCommune, m: number, p: CommuneParams, row: (fields: (string | number)[]) => void): void {
    const bands = this.bands(c, m);
    const s = identityShares(p, m);
    const month = monthText(m);
    for (let g = 0; g < AGES; g++) {
      const males = Math.round(bands[g] * this.male[g]);
      const temp = Math.min(0.5, p.temporaryShare * this.relative[g]);
      for (const [sex, n] of [
        ['M', males],
        ['F', bands[g] - males],
      ] as const) {
        const temporary = Math.round(n * temp);
        for (const [residence, pop] of [
          ['permanent', n - temporary],
          ['temporary', temporary],
        ] as const) {
          if (pop === 0) continue;
          // aged 14 or more: the bands from 15, and one year in five of 10–14
          const cardAge = g >= 3 ? pop : g === 2 ? Math.round(pop / 5) : 0;
          const withId = Math.round(pop * s.personalId);
          const chip = Math.floor(cardAge * s.chip);
          const requested = Math.floor(cardAge * s.requested * VNEID_AGE[g]);
          const level1 = Math.floor(requested * s.level1);
          const level2 = Math.min(level1, chip, Math.floor(level1 * s.level2));
          const requestedLevel2 = Math.min(requested, level2);
          const incomplete = Math.round(pop * s.incomplete);
          row([
            c.unitId,
            month,
            sex,
            AGE_LOWER[g],
            residence,
            pop,
            withId,
            cardAge,
            chip,
            requested,
            level1,
            level2,
            requestedLevel2,
            incomplete,
          ]);
        }
      }
    }
  }
}

const UNIT_COLUMNS = ['unit_id', 'code', 'name', 'name_en', 'level', 'parent_id', 'valid_from', 'valid_to', 'is_base'];

/** units.csv (the census units, then those of 2025-07) and lineage.csv; provinces limited to `only` when given. */
export function writeNationalUnits(
  dir: string,
  census: NationalCensus,
  only?: Set<string>,
): { units: number; lineage: number; bytes: number } {
  const keep = (province: string) => !only || only.has(province);
  const units = new CsvWriter(join(dir, 'units.csv'), UNIT_COLUMNS);
  // The census units were in force until the 2025 reform: communes to 31/12/2024 (as the demo's), the rest to
  // 30/6/2025. 693 communes of 2019 had been merged by 2024; no national lineage of 2019–2024 is shipped.
  for (const p of census.provinces.filter((x) => keep(x.code)))
    units.row([p.code, p.code, p.name, nameEn(p.name), 'province', '', '2008-01-01', '2025-06-30', '']);
  for (const d of census.districts.filter((x) => keep(x.provinceId)))
    units.row([d.code, d.code, d.name, nameEn(d.name), 'district', d.provinceId, '2008-01-01', '2025-06-30', '']);
  for (const c of census.communes.filter((x) => keep(x.provinceId)))
    units.row([c.unitId, c.code, c.name, nameEn(c.name), 'commune', c.districtId, '2008-01-01', '2024-12-31', 'true']);
  const later = units2025(census, keep);
  for (const u of later.units) units.row(u);
  const lineage = new CsvWriter(join(dir, 'lineage.csv'), [
    'from_unit_id',
    'to_unit_id',
    'effective_on',
    'kind',
    'share',
  ]);
  for (const l of later.lineage) lineage.row(l);
  const bytes = units.close() + lineage.close();
  return { units: units.rows, lineage: lineage.rows, bytes };
}

/**
 * The 34 provinces and 3,321 communes of 1/7/2025 (admin_units_2025-07-01_34prov_2level.csv), with lineage from
 * the census communes by the crosswalk of 2025-03 → 2025-07: a commune split n ways gives each successor 1/n (the
 * shares are not published). A census commune merged before 2025-03 has no row in the crosswalk: no lineage.
 */
function units2025(census: NationalCensus, keep: (province: string) => boolean) {
  const units: (string | number)[][] = [];
  const lineage: (string | number)[][] = [];
  const census2019 = new Map(census.communes.map((c) => [c.code, c]));
  const provinces = new Map<string, string>();
  const wanted = new Set<string>();
  for (const r of readRows('units/crosswalk_2025-03-01_to_2025-07-01_communes.csv')) {
    const from = census2019.get(r.old_commune_code);
    if (!from || !keep(from.provinceId)) continue;
    const to = `${r.new_commune_code}@2025-07`;
    wanted.add(to);
    const n = Number(r['n_targets(>1 means split)']) || 1;
    const kind = n > 1 ? 'split' : r.old_commune_code === r.new_commune_code ? 'kept' : 'merged';
    lineage.push([from.unitId, to, '2025-07-01', kind, Number((1 / n).toFixed(6))]);
  }
  const communes: (string | number)[][] = [];
  for (const r of readRows('units/admin_units_2025-07-01_34prov_2level.csv')) {
    const id = `${r.commune_code}@2025-07`;
    if (!wanted.has(id)) continue;
    provinces.set(r.province_code, r.province_name);
    const parent = `${r.province_code}@2025-07`;
    communes.push([
      id,
      r.commune_code,
      r.commune_name,
      nameEn(r.commune_name),
      'commune',
      parent,
      '2025-07-01',
      '',
      'false',
    ]);
  }
  for (const [code, name] of [...provinces].sort())
    units.push([`${code}@2025-07`, code, name, nameEn(name), 'province', '', '2025-07-01', '', 'false']);
  units.push(...communes);
  // lineage to a 2025-07 commune outside the file (a code the unit list does not have) is left out
  const known = new Set(communes.map((c) => String(c[0])));
  return { units, lineage: lineage.filter((l) => known.has(String(l[1]))) };
}

export interface NationalSummary {
  provinces: number;
  communes: number;
  rows: number;
  bytes: number;
  people2022: number;
  peopleLast: number;
  ms: number;
}

/**
 * Writes the national import folders under `outDir`: `units/` (units.csv, lineage.csv) and one folder per
 * province, `p<code>/population_counts_<code>.csv`, each with a manifest.json. A folder an import each, so that
 * every import is one province's transaction (or give all folders' files to one import).
 */
export function generateNational(opts: {
  outDir: string;
  provinces?: string[];
  seed?: number;
  /** the first months only (a small sample for tests); default all MONTHS */
  months?: number;
}): NationalSummary {
  const months = Math.min(MONTHS, opts.months ?? MONTHS);
  const started = Date.now();
  const census = readNationalCensus();
  const only = opts.provinces ? new Set(opts.provinces) : undefined;
  const model = new NationalModel(census, opts.seed);
  const manifest = (dir: string) =>
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify(
        {
          generated: true,
          source: `ioc06 national generator seed ${model.seed} (census 2019 by commune)`,
          data_date: '2026-12-31',
        },
        null,
        2,
      ) + '\n',
    );
  const unitsDir = join(opts.outDir, 'units');
  mkdirSync(unitsDir, { recursive: true });
  const u = writeNationalUnits(unitsDir, census, only);
  manifest(unitsDir);
  let rows = 0;
  let bytes = u.bytes;
  let people2022 = 0;
  let peopleLast = 0;
  const provinces = census.provinces.filter((p) => !only || only.has(p.code));
  for (const p of provinces) {
    const dir = join(opts.outDir, `p${p.code}`);
    mkdirSync(dir, { recursive: true });
    const out = new CsvWriter(join(dir, `population_counts_${p.code}.csv`), COUNT_COLUMNS);
    for (const c of census.communes.filter((x) => x.provinceId === p.code)) {
      const params = nationalParams(c, model.seed);
      for (let m = 0; m < months; m++) {
        model.cells(c, m, params, (f) => {
          if (m === 0) people2022 += Number(f[5]);
          if (m === months - 1) peopleLast += Number(f[5]);
          out.line(f.join(','));
        });
      }
    }
    rows += out.rows;
    bytes += out.close();
    manifest(dir);
  }
  const communes = census.communes.filter((c) => !only || only.has(c.provinceId)).length;
  return { provinces: provinces.length, communes, rows, bytes, people2022, peopleLast, ms: Date.now() - started };
}

// tsx data/pipeline/generate/national.ts <outDir> [--provinces 30,31]
if (process.argv[1]?.endsWith('national.ts') && process.argv[1].includes('generate')) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--provinces');
  const provinces = at >= 0 ? args[at + 1].split(',') : undefined;
  const outDir = args.find((a, i) => !a.startsWith('--') && i !== at + 1) ?? 'data/bench/national-files';
  console.log(JSON.stringify(generateNational({ outDir, provinces })));
}
