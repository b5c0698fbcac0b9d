// Reads the shipped reference data (data/reference) for the generator: boundaries and census 2019 tables.
// The demography facts are read by data/pipeline/facts.ts (the population forecast uses them too).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv-read.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../../reference/', import.meta.url));

export interface Feature {
  type: 'Feature';
  properties: Record<string, string | number | null>;
  geometry: unknown;
}

export function readGeojson(relative: string): Feature[] {
  const fc = JSON.parse(readFileSync(REFERENCE_DIR + relative, 'utf8')) as { features: Feature[] };
  return fc.features;
}

/** A reference table as rows of named fields. */
export function readCsvRows(relative: string): Record<string, string>[] {
  return parseCsv(readFileSync(REFERENCE_DIR + relative, 'utf8'));
}

export const AGE_GROUPS = [
  '0-04',
  '05-09',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85+',
];

export interface DistrictAges {
  urban: number[]; // persons per 5-year group, census 1/4/2019
  rural: number[];
}

/** Census 2019 population by 5-year group, urban and rural, for every district of the province. */
export function readDistrictAges(
  relative = 'census2019/population_by_district_age5_urban_rural.csv',
): Map<string, DistrictAges> {
  const out = new Map<string, DistrictAges>();
  for (const r of readCsvRows(relative)) {
    const urban = AGE_GROUPS.map((g) => Number(r[`urban_${g}`] || 0));
    const rural = AGE_GROUPS.map((g) => Number(r[`rural_${g}`] || 0));
    out.set(r.district_code, { urban, rural });
  }
  return out;
}

/** Vietnamese name without diacritics (đ → d), for name_en. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

const PREFIXES = ['Thành phố ', 'Thị trấn ', 'Thị xã ', 'Phường ', 'Huyện ', 'Tỉnh ', 'Xã '];

/** English-style name: the name without its administrative prefix and without diacritics. */
export function nameEn(name: string): string {
  const p = PREFIXES.find((x) => name.startsWith(x));
  return stripDiacritics(p ? name.slice(p.length) : name);
}
