// `npx tsx data/pipeline/generate/report.ts <folder>`: measures a generated folder against the
// calibration targets and prints Markdown rows for docs/calibration.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCEDURES } from './procedures.ts';
import { reportDossiers } from './report-dossiers.ts';
import { reportPeople } from './report-people.ts';

function catalogueShares(dates: string[]): string[] {
  const share = (xs: typeof PROCEDURES, key: 'fullOnlineSince' | 'standardisedSince' | 'simplifiedSince', d: string) =>
    ((100 * xs.filter((p) => p[key] !== null && p[key] <= d).length) / xs.length).toFixed(1);
  const eligible = PROCEDURES.filter((p) => p.eligible);
  const pm = PROCEDURES.filter((p) => p.populationManagement);
  return dates.map((d) => {
    const essential = PROCEDURES.filter(
      (p) => p.essential && p.populationDataSince !== null && p.populationDataSince <= d,
    ).length;
    return (
      `| ${d} | fully online ${share(eligible, 'fullOnlineSince', d)}% of ${eligible.length} eligible (A08); ` +
      `standardised ${share(PROCEDURES, 'standardisedSince', d)}% of ${PROCEDURES.length} ` +
      `(A12/A18; ${share(pm, 'standardisedSince', d)}% of the ${pm.length} population-management ones); ` +
      `simplified ${share(PROCEDURES, 'simplifiedSince', d)}% ` +
      `(${share(pm, 'simplifiedSince', d)}% of population-management ones) (A14); ` +
      `essential services on population data: ${essential} (A04) |`
    );
  });
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) throw new Error('usage: npx tsx data/pipeline/generate/report.ts <folder>');
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { data_date: string };
  const end = manifest.data_date;
  const start = '2022-01-01';
  console.log('| measure | value |\n|---|---|');
  const people = reportPeople(folder, start, end);
  console.log(people.join('\n'));
  const residents = new Map<string, number>();
  for (const row of people) {
    const m = /^\| (\d{4})[^|]*\| person-years (\d+);/.exec(row);
    if (m) residents.set(m[1], Number(m[2]));
  }
  console.log((await reportDossiers(folder, residents)).join('\n'));
  console.log(catalogueShares(['2022-12-31', '2023-12-31', '2025-12-31', end]).join('\n'));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
