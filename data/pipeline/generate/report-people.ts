// Measures a generated people.csv for docs/calibration.md: starting stock against census × growth and
// census age shares, sex ratios, yearly vital rates, and the data-target stocks per commune.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf } from './calendar.ts';
import { parseCsv } from './csv-read.ts';
import { readFacts } from '../facts.ts';
import { ASFR_SHAPE } from '../rates.ts';
import { AGE_GROUPS, readCsvRows } from './reference.ts';

const day = (s: string) => dayOf(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
const ageAt = (birth: string, d: string) =>
  Number(d.slice(0, 4)) - Number(birth.slice(0, 4)) - (d.slice(5) < birth.slice(5) ? 1 : 0);
const plusYears = (s: string, n: number) => `${Number(s.slice(0, 4)) + n}${s.slice(4)}`;
const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : NaN);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

type P = Record<string, string>;

function readPeople(folder: string): P[] {
  return parseCsv(readFileSync(join(folder, 'people.csv'), 'utf8'));
}

const present = (p: P, d: string) =>
  p.birth_date <= d &&
  (!p.moved_in_on || p.moved_in_on <= d) &&
  (!p.moved_out_on || p.moved_out_on > d) &&
  (!p.died_on || p.died_on > d);

export function reportPeople(folder: string, start: string, end: string): string[] {
  const people = readPeople(folder);
  const facts = readFacts();
  const out: string[] = [];
  const census = new Map(readCsvRows('census2019/population_by_commune.csv').map((r) => [r.commune_code, r]));
  const growth = Math.pow(facts.pop2024 / facts.pop2019, (day(start) - day('2019-04-01')) / 365.2425 / 5);
  const initial = people.filter((p) => !p.moved_in_on && p.birth_date < start);
  const byUnit = new Map<string, P[]>();
  for (const p of people) {
    const list = byUnit.get(p.unit_id);
    if (list) list.push(p);
    else byUnit.set(p.unit_id, [p]);
  }
  const units = [...byUnit.keys()].sort();
  const diffs = units.map(
    (u) => initial.filter((p) => p.unit_id === u).length / (Number(census.get(u)!.pop_total) * growth) - 1,
  );
  out.push(
    `| starting stock vs census 2019 × growth (${f2((growth - 1) * 100)}%) | ${initial.length} people; largest ` +
      `commune gap ${f2(100 * Math.max(...diffs.map(Math.abs)))}% |`,
  );

  const districtOf = new Map([...census.values()].map((r) => [r.commune_code, r.district_code]));
  const ageRows = readCsvRows('census2019/population_by_district_age5_urban_rural.csv');
  let worst = 0;
  for (const district of new Set(units.map((u) => districtOf.get(u)!))) {
    const r = ageRows.find((x) => x.district_code === district)!;
    const counts = AGE_GROUPS.map((g) => Number(r[`urban_${g}`] || 0) + Number(r[`rural_${g}`] || 0));
    const total = counts.reduce((s, x) => s + x, 0);
    const stock = initial.filter((p) => districtOf.get(p.unit_id) === district);
    const gen = new Array<number>(18).fill(0);
    for (const p of stock) gen[Math.min(17, Math.floor(ageAt(p.birth_date, start) / 5))]++;
    gen.forEach((n, i) => (worst = Math.max(worst, Math.abs(pct(n, stock.length) - pct(counts[i], total)))));
  }
  out.push(`| 5-year age shares vs district census shares | largest gap ${f2(worst)} points |`);
  const ratio = (xs: P[]) => pct(xs.filter((p) => p.sex === 'M').length, xs.filter((p) => p.sex === 'F').length);
  out.push(
    `| sex ratio (males per 100 females) | ${f1(ratio(initial))} at ${start}, ` +
      `${f1(ratio(people.filter((p) => present(p, end))))} at ${end} |`,
  );

  const tfrScale = facts.tfr / (5 * ASFR_SHAPE.reduce((s, x) => s + x, 0));
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const a = day(`${y}-01-01` < start ? start : `${y}-01-01`);
    const b = Math.min(day(end) + 1, day(`${y + 1}-01-01`));
    let py = 0;
    let expectedBirths = 0;
    for (const p of people) {
      const s = Math.max(a, day(p.moved_in_on || p.birth_date));
      const e = Math.min(b, p.moved_out_on || p.died_on ? day(p.moved_out_on || p.died_on) : b);
      if (e <= s) continue;
      py += (e - s) / 365.2425;
      if (p.sex === 'F')
        for (let j = 0; j < 7; j++) {
          const fs = Math.max(s, day(plusYears(p.birth_date, 15 + 5 * j)));
          const fe = Math.min(e, day(plusYears(p.birth_date, 20 + 5 * j)));
          if (fe > fs) expectedBirths += ((fe - fs) / 365.2425) * ASFR_SHAPE[j] * tfrScale;
        }
    }
    const inYear = (d: string) => d !== '' && day(d) >= a && day(d) < b;
    const births = people.filter((p) => !p.moved_in_on && inYear(p.birth_date)).length;
    const deaths = people.filter((p) => inYear(p.died_on)).length;
    const infant = people.filter((p) => inYear(p.died_on) && ageAt(p.birth_date, p.died_on) < 1).length;
    const moveIn = people.filter((p) => inYear(p.moved_in_on)).length;
    const moveOut = people.filter((p) => inYear(p.moved_out_on)).length;
    out.push(
      `| ${y}${b - a < 365 ? ` (to ${end})` : ''} | person-years ${Math.round(py)}; births ${births} ` +
        `(${f1((1000 * births) / py)}‰, ${f2(births / expectedBirths)} × the TFR schedule); ` +
        `deaths ${deaths} (${f2((1000 * deaths) / py)}‰; under 1: ${infant}, ` +
        `${f1((1000 * infant) / Math.max(1, births))} per 1000 births); ` +
        `moves in ${moveIn} (${f1((1000 * moveIn) / py)}‰), out ${moveOut} (${f1((1000 * moveOut) / py)}‰), net ` +
        `${f2((1000 * (moveIn - moveOut)) / py)}‰ |`,
    );
  }

  for (const d of ['2022-01-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31', end].filter(
    (x, i, xs) => x <= end && xs.indexOf(x) === i,
  )) {
    const per = units.map((u) => {
      const stock = byUnit.get(u)!.filter((p) => present(p, d));
      const cardAge = stock.filter((p) => ageAt(p.birth_date, d) >= 14);
      const req = stock.filter((p) => p.vneid_requested_on && p.vneid_requested_on <= d);
      return {
        n: stock.length,
        temp: pct(stock.filter((p) => p.residence_type === 'temporary').length, stock.length),
        pid: pct(stock.filter((p) => p.has_personal_id === '1').length, stock.length),
        card: pct(cardAge.filter((p) => p.chip_card_issued_on && p.chip_card_issued_on <= d).length, cardAge.length),
        l1: pct(cardAge.filter((p) => p.vneid_level1_on && p.vneid_level1_on <= d).length, cardAge.length),
        l2: pct(cardAge.filter((p) => p.vneid_level2_on && p.vneid_level2_on <= d).length, cardAge.length),
        res: pct(req.filter((p) => p.vneid_level2_on && p.vneid_level2_on <= d).length, req.length),
        inc: pct(stock.filter((p) => p.missing_fields || p.completed_on > d).length, stock.length),
      };
    });
    const range = (k: keyof (typeof per)[number]) =>
      `${f1(Math.min(...per.map((x) => x[k])))}–${f1(Math.max(...per.map((x) => x[k])))}`;
    const all = (k: keyof (typeof per)[number]) =>
      f1(per.reduce((s, x) => s + x[k] * x.n, 0) / per.reduce((s, x) => s + x.n, 0));
    const full = (k: 'card' | 'pid' | 'res') => per.filter((x) => x[k] >= 100).length;
    out.push(
      `| ${d} | residents ${per.reduce((s, x) => s + x.n, 0)}; temporary ${all('temp')}%; personal ID ` +
        `${all('pid')}% (100% in ${full('pid')} communes); ` +
        `chip card ${all('card')}% of 14+ (communes ${range('card')}, 100% in ${full('card')}); VNeID level 1 ` +
        `${all('l1')}% (${range('l1')}), level 2 ${all('l2')}%; ` +
        `requests resolved (level 2) ${all('res')}% (100% in ${full('res')}); incomplete records ${all('inc')}% ` +
        `(${range('inc')}) |`,
    );
  }
  return out;
}
