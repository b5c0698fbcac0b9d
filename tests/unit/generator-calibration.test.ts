// Calibration of the demo data against figures computed here from the reference files, not from the
// generator: starting populations (census 2019 × province growth), census age shares, sex ratio, and
// births, deaths and moves of 2022 against the rates of the facts file.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/pipeline/generate/index.ts';
import { ASFR_SHAPE } from '../../data/pipeline/rates.ts';
import { readCsv } from '../helpers/csv.ts';

const DIR = join('tests', '.tmp', 'generator-calibration');
const REF = join('data', 'reference');
const START = '2022-01-01';
const END = '2022-12-31';
type Row = Record<string, string>;

const facts = readCsv(join(REF, 'hai_duong_demography_facts.csv'));
const fact = (indicator: string, year: string) =>
  Number(facts.find((r) => r.indicator === indicator && r.year === year)!.value);
const census = readCsv(join(REF, 'census2019', 'population_by_commune.csv')).filter((r) => r.district_code === '291');
const ages = readCsv(join(REF, 'census2019', 'population_by_district_age5_urban_rural.csv')).find(
  (r) => r.district_code === '291',
)!;
const GROUPS = [
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

const day = (s: string) => Date.parse(s) / 86_400_000;
const plusYears = (s: string, n: number) => `${Number(s.slice(0, 4)) + n}${s.slice(4)}`;
const ageAt = (birth: string, d: string) =>
  Number(d.slice(0, 4)) - Number(birth.slice(0, 4)) - (d.slice(5) < birth.slice(5) ? 1 : 0);
const present = (p: Row, d: string) =>
  p.birth_date <= d &&
  (!p.moved_in_on || p.moved_in_on <= d) &&
  (!p.moved_out_on || p.moved_out_on > d) &&
  (!p.died_on || p.died_on > d);
/** First and last+1 day a person is in the commune, clipped to [from, to). */
const stay = (p: Row, from: string, to: string): [number, number] => {
  const a = Math.max(day(from), day(p.moved_in_on || p.birth_date));
  const b = Math.min(day(to), day(p.moved_out_on || p.died_on || to));
  return [a, b];
};

let people: Row[];
let dossiers: Row[];

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  await generateDemo({ outDir: DIR, seed: 20220330, start: START, end: END });
  people = readCsv(join(DIR, 'people.csv'));
  dossiers = readCsv(join(DIR, 'dossiers.csv'));
});

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('starting population (1/1/2022)', () => {
  const atStart = () => people.filter((p) => !p.moved_in_on && p.birth_date < START);

  it('each commune is within ±1% of its census 2019 total grown at the province rate over 2.75 years', () => {
    const growth = Math.pow(fact('population', '2024') / fact('population', '2019'), 2.75 / 5);
    expect(census).toHaveLength(19);
    for (const c of census) {
      const expected = Number(c.pop_total) * growth;
      const generated = atStart().filter((p) => p.unit_id === c.commune_code).length;
      expect(Math.abs(generated / expected - 1), c.commune).toBeLessThan(0.01);
    }
  });

  it('5-year age shares within ±1.5 points of the district census shares', () => {
    const counts = GROUPS.map((g) => Number(ages[`urban_${g}`]) + Number(ages[`rural_${g}`]));
    const total = counts.reduce((s, x) => s + x, 0);
    const generated = new Array(18).fill(0);
    const stock = atStart();
    for (const p of stock) generated[Math.min(17, Math.floor(ageAt(p.birth_date, START) / 5))]++;
    GROUPS.forEach((g, i) =>
      expect(Math.abs((100 * generated[i]) / stock.length - (100 * counts[i]) / total), g).toBeLessThan(1.5),
    );
  });

  it('sex ratio within ±2 of the facts (males per 100 females), at the start and at the end', () => {
    const target = fact('sex_ratio', '2024');
    for (const stock of [atStart(), people.filter((p) => present(p, END))]) {
      const males = stock.filter((p) => p.sex === 'M').length;
      expect(Math.abs((100 * males) / (stock.length - males) - target)).toBeLessThan(2);
    }
  });

  it('has more boys among children and more women among the old', () => {
    const ratio = (lo: number, hi: number) => {
      const g = atStart().filter((p) => ageAt(p.birth_date, START) >= lo && ageAt(p.birth_date, START) < hi);
      const m = g.filter((p) => p.sex === 'M').length;
      return (100 * m) / (g.length - m);
    };
    expect(ratio(0, 15)).toBeGreaterThan(103);
    expect(ratio(70, 120)).toBeLessThan(85);
  });
});

describe('flows of 2022 against the facts', () => {
  const personYears = () =>
    people.reduce((s, p) => {
      const [a, b] = stay(p, START, '2023-01-01');
      return s + Math.max(0, b - a) / 365;
    }, 0);

  it('births match the fertility schedule (TFR of the facts) applied to the generated women, ±8%', () => {
    const tfr = fact('total_fertility_rate', '2024');
    const scale = tfr / (5 * ASFR_SHAPE.reduce((s, x) => s + x, 0));
    let expected = 0;
    for (const p of people) {
      if (p.sex !== 'F') continue;
      const [a, b] = stay(p, START, '2023-01-01');
      for (let j = 0; j < 7; j++) {
        const lo = Math.max(a, day(plusYears(p.birth_date, 15 + 5 * j)));
        const hi = Math.min(b, day(plusYears(p.birth_date, 20 + 5 * j)));
        if (hi > lo) expected += ((hi - lo) / 365) * ASFR_SHAPE[j] * scale;
      }
    }
    const births = people.filter((p) => !p.moved_in_on && p.birth_date >= START).length;
    expect(Math.abs(births / expected - 1)).toBeLessThan(0.08);
  });

  it('crude death rate near the facts (6.4‰), ±0.9‰', () => {
    const deaths = people.filter((p) => p.died_on >= START).length;
    expect(Math.abs((1000 * deaths) / personYears() - fact('crude_death_rate', '2016'))).toBeLessThan(0.9);
  });

  it('out-moves near 10‰ and net migration near the facts (−0.6‰)', () => {
    const py = personYears();
    const out = people.filter((p) => p.moved_out_on).length;
    const moved = people.filter((p) => p.moved_in_on).length;
    expect(Math.abs((1000 * out) / py - 10)).toBeLessThan(1.5);
    expect(Math.abs((1000 * (moved - out)) / py - fact('net_migration_rate', '2024'))).toBeLessThan(1);
  });
});

describe('data targets come out mixed between communes', () => {
  const coverage = (unit: string, d: string) => {
    const cardAge = people.filter((p) => p.unit_id === unit && present(p, d) && ageAt(p.birth_date, d) >= 14);
    return cardAge.filter((p) => p.chip_card_issued_on && p.chip_card_issued_on <= d).length / cardAge.length;
  };

  it('chip cards by 31/12/2022 (D02, 100%): met by one or two communes, missed by the others', () => {
    const values = census.map((c) => coverage(c.commune_code, END));
    const met = values.filter((v) => v === 1).length;
    expect(met).toBeGreaterThanOrEqual(1);
    expect(met).toBeLessThanOrEqual(3);
    expect(Math.min(...values)).toBeGreaterThan(0.9);
  });

  it('VNeID: a few percent of card-age residents in January 2022, far more by December', () => {
    const share = (d: string) => {
      const cardAge = people.filter((p) => present(p, d) && ageAt(p.birth_date, d) >= 14);
      return cardAge.filter((p) => p.vneid_level1_on && p.vneid_level1_on <= d).length / cardAge.length;
    };
    expect(share('2022-01-31')).toBeLessThan(0.1);
    expect(share(END)).toBeGreaterThan(3 * share('2022-01-31'));
  });

  it('about 2% of level-2 holders have no request on record, so C01 and level 2 differ', () => {
    const level2 = people.filter((p) => p.vneid_level2_on);
    const unrequested = level2.filter((p) => !p.vneid_requested_on).length / level2.length;
    expect(unrequested).toBeGreaterThan(0.01);
    expect(unrequested).toBeLessThan(0.03);
  });

  it('3–8% of records miss a mandatory field at the start, fewer at the end of 2022', () => {
    const incomplete = (d: string) => {
      const stock = people.filter((p) => present(p, d));
      // incomplete: fields still missing, or completed only after d
      return stock.filter((p) => p.missing_fields || p.completed_on > d).length / stock.length;
    };
    expect(incomplete(START)).toBeGreaterThan(0.03);
    expect(incomplete(START)).toBeLessThan(0.08);
    expect(incomplete(END)).toBeLessThan(incomplete(START));
  });
});

describe('dossiers follow the people', () => {
  it('birth and death registrations: same commune, after the event, most events registered', () => {
    for (const c of census) {
      const births = people.filter(
        (p) => p.unit_id === c.commune_code && !p.moved_in_on && p.birth_date >= START,
      ).length;
      const deaths = people.filter((p) => p.unit_id === c.commune_code && p.died_on).length;
      const reg = (code: string) =>
        dossiers.filter((d) => d.unit_id === c.commune_code && d.procedure_code === code).length;
      expect(reg('HT-01')).toBeLessThanOrEqual(births);
      expect(reg('HT-01')).toBeGreaterThanOrEqual(0.9 * births);
      expect(reg('HT-02')).toBeLessThanOrEqual(deaths);
      expect(reg('HT-02')).toBeGreaterThanOrEqual(0.9 * deaths);
    }
  });

  it('0.4–0.8 commune dossiers a resident a year; 88–99% resolved on time', () => {
    for (const c of census) {
      const mine = dossiers.filter((d) => d.unit_id === c.commune_code);
      const residents = people.filter((p) => p.unit_id === c.commune_code && present(p, '2022-06-30')).length;
      expect(mine.length / residents, c.commune).toBeGreaterThan(0.4);
      expect(mine.length / residents, c.commune).toBeLessThan(0.8 * (c.commune.startsWith('Thị trấn') ? 1.25 : 1));
      const resolved = mine.filter((d) => d.resolved_at);
      const onTime = resolved.filter((d) => d.resolved_at <= d.due_at).length / resolved.length;
      expect(onTime).toBeGreaterThan(0.88);
      expect(onTime).toBeLessThan(0.995);
    }
  });

  it('district-level dossiers are recorded against the district', () => {
    expect(dossiers.filter((d) => d.unit_id === '291').length).toBeGreaterThan(10_000);
  });
});
