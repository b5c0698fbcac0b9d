// Measures a generated dossiers.csv for docs/calibration.md: volumes per resident, channels, e-identity,
// data reuse, digitised results, processing online, timeliness, ratings and linked bundles, per year.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvReader, parseCsv } from './csv-read.ts';

type Counter = Map<string, number>;
const add = (c: Counter, k: string, n = 1) => c.set(k, (c.get(k) ?? 0) + n);
const pct = (c: Counter, a: string, b: string) => ((100 * (c.get(a) ?? 0)) / Math.max(1, c.get(b) ?? 0)).toFixed(1);

export async function reportDossiers(folder: string, residentsByYear: Map<string, number>): Promise<string[]> {
  // names may hold commas (quoted fields): read with the CSV reader, not split
  const catalogue = parseCsv(readFileSync(join(folder, 'procedures.csv'), 'utf8'));
  const level = new Map(catalogue.map((r) => [r.procedure_code, r.level]));
  const pm = new Map(catalogue.map((r) => [r.procedure_code, r.population_management === 'true']));
  const years = new Map<string, Counter>();
  const units = new Map<string, Counter>();
  const reader = new CsvReader();
  const records = async function* () {
    for await (const chunk of createReadStream(join(folder, 'dossiers.csv'), { encoding: 'utf8' })) {
      yield* reader.read(chunk as string);
    }
    yield* reader.read('', true);
  };
  let header = true;
  for await (const { fields, blank } of records()) {
    if (header || blank) {
      header = false;
      continue;
    }
    const [
      ,
      proc,
      unit,
      received,
      due,
      resolved,
      channel,
      status,
      eid,
      reused,
      digitised,
      ,
      processed,
      hadEid,
      enrolled,
      satisfaction,
      bundle,
    ] = fields;
    const y = received.slice(0, 4);
    const c = years.get(y) ?? years.set(y, new Map()).get(y)!;
    const lv = level.get(proc)!;
    add(c, 'n');
    add(c, lv);
    add(c, channel);
    add(c, `${channel}_eid`, eid === '1' ? 1 : 0);
    if (channel === 'counter' && hadEid === '0') {
      add(c, 'without_eid');
      add(c, 'enrolled', enrolled === '1' ? 1 : 0);
    }
    add(c, 'reused', reused === '1' ? 1 : 0);
    add(c, status);
    if (resolved) {
      add(c, 'closed');
      add(c, 'on_time', resolved <= due ? 1 : 0);
    }
    if (status === 'resolved') add(c, 'digitised', digitised === '1' ? 1 : 0);
    if (pm.get(proc)) {
      add(c, `pm_${lv}`);
      add(c, `pm_${lv}_online`, processed === '1' ? 1 : 0);
    }
    if (satisfaction) {
      add(c, 'rated');
      add(c, 'satisfied', Number(satisfaction) >= 4 ? 1 : 0);
    }
    for (const [code, key] of [
      ['HT-01', 'birth'],
      ['HT-02', 'death'],
    ]) {
      if (proc !== code) continue;
      add(c, key);
      add(c, `${key}_bundled`, bundle ? 1 : 0);
    }
    const u = units.get(`${unit} ${y}`) ?? units.set(`${unit} ${y}`, new Map()).get(`${unit} ${y}`)!;
    add(u, 'n');
    add(u, 'online', channel === 'online' ? 1 : 0);
    if (resolved) add(u, 'closed');
    if (resolved) add(u, 'on_time', resolved <= due ? 1 : 0);
  }
  const out: string[] = [];
  for (const [y, c] of [...years].sort()) {
    const residents = residentsByYear.get(y) ?? NaN;
    const spread = (key: string, of: string) => {
      const xs = [...units]
        .filter(([k]) => k.endsWith(` ${y}`))
        .map(([, u]) => (100 * (u.get(key) ?? 0)) / Math.max(1, u.get(of) ?? 0));
      return `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
    };
    out.push(
      `| ${y} | ${c.get('n')} dossiers (commune ${((c.get('commune') ?? 0) / residents).toFixed(2)}, district ` +
        `${((c.get('district') ?? 0) / residents).toFixed(2)} per resident); ` +
        `online ${pct(c, 'online', 'n')}% (units ${spread('online', 'n')}), post ${pct(c, 'post', 'n')}%; e-ID ` +
        `authenticated: online ${pct(c, 'online_eid', 'online')}%, ` +
        `counter ${pct(c, 'counter_eid', 'counter')}%; counter applicants without e-ID ` +
        `${pct(c, 'without_eid', 'counter')}%, of them enrolled ${pct(c, 'enrolled', 'without_eid')}%; ` +
        `data reused ${pct(c, 'reused', 'n')}%; results digitised ${pct(c, 'digitised', 'resolved')}%; population ` +
        `files processed online: commune ${pct(c, 'pm_commune_online', 'pm_commune')}%, ` +
        `district ${pct(c, 'pm_district_online', 'pm_district')}%; on time ${pct(c, 'on_time', 'closed')}% (units ` +
        `${spread('on_time', 'closed')}); rated ${pct(c, 'rated', 'resolved')}%, ` +
        `satisfied ${pct(c, 'satisfied', 'rated')}%; births in bundle ${pct(c, 'birth_bundled', 'birth')}%, deaths ` +
        `${pct(c, 'death_bundled', 'death')}%; ` +
        `open ${(c.get('received') ?? 0) + (c.get('processing') ?? 0)}, supplement ${c.get('supplement') ?? 0}, ` +
        `rejected ${c.get('rejected') ?? 0}, withdrawn ${c.get('withdrawn') ?? 0} |`,
    );
  }
  return out;
}
