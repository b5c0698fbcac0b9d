// The demography facts of the province (data/reference/hai_duong_demography_facts.csv) that the demo
// generator is calibrated on and the population forecast starts from (server/forecast/defaults.ts).
import { readFileSync } from 'node:fs';
import { parseCsv } from './generate/csv-read.ts';

const FACTS_FILE = new URL('../reference/hai_duong_demography_facts.csv', import.meta.url);

export interface Facts {
  pop2019: number;
  pop2024: number;
  tfr: number;
  crudeDeathRate: number; // per 1000
  infantMortality: number; // per 1000 live births
  netMigration: number; // per 1000
  sexRatio: number; // males per 100 females
  lifeExpectancy: number;
}

/** The rows of hai_duong_demography_facts.csv the generator uses (latest year of each indicator). */
export function readFacts(): Facts {
  const rows = parseCsv(readFileSync(FACTS_FILE, 'utf8'));
  const value = (indicator: string, year: string) => {
    const row = rows.find((r) => r.indicator === indicator && r.year === year);
    if (!row) throw new Error(`hai_duong_demography_facts.csv has no ${indicator} ${year}`);
    return Number(row.value);
  };
  return {
    pop2019: value('population', '2019'),
    pop2024: value('population', '2024'),
    tfr: value('total_fertility_rate', '2024'),
    crudeDeathRate: value('crude_death_rate', '2016'),
    infantMortality: value('infant_mortality_rate', '2016'),
    netMigration: value('net_migration_rate', '2024'),
    sexRatio: value('sex_ratio', '2024'),
    lifeExpectancy: value('life_expectancy_at_birth', '2024'),
  };
}
