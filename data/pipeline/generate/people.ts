// people.csv for one commune: the starting stock (census × growth, district age groups, sex ratio),
// then births and in-moves drawn month by month; each person's death or departure is drawn from
// age-specific hazards when the person appears. Returns the monthly stocks and vital events.
import { addYears, dateStr, type Month, type Window } from './calendar.ts';
import type { CsvWriter } from './csv-writer.ts';
import { drawEvent } from './hazards.ts';
import { GROUPS, OLDEST_DECAY, type Model, type Stock } from './model.ts';
import { personDates, type Arrival } from './person-attributes.ts';
import { mix32, Rng } from './prng.ts';
import { BIRTH_SEASON, SEX_RATIO_AT_BIRTH, TEMPORARY_MOVE_FACTOR, YEAR_DAYS, migrationByAge } from '../rates.ts';
import { MonthStocks } from './stocks.ts';

export const PEOPLE_HEADER = [
  'person_key',
  'unit_id',
  'sex',
  'birth_date',
  'residence_type',
  'has_personal_id',
  'chip_card_issued_on',
  'vneid_requested_on',
  'vneid_level1_on',
  'vneid_level2_on',
  'moved_in_on',
  'moved_out_on',
  'died_on',
  'missing_fields',
  'completed_on',
];

export interface CommunePopulation {
  unitId: string;
  births: number[]; // days of the births
  deaths: { day: number; age: number }[];
  stocks: MonthStocks;
  counts: { start: number; births: number; deaths: number; movesIn: number; movesOut: number; records: number };
}

/** Unique pseudonymous keys: a bijective mix of a counter, then 32 random bits. */
export class KeySource {
  private n = 0;
  constructor(private readonly salt: number) {}
  next(rng: Rng): string {
    return (
      mix32((this.n++ ^ this.salt) >>> 0)
        .toString(16)
        .padStart(8, '0') + rng.hex8()
    );
  }
}

const MIGRATION = migrationByAge();
const MALE_AT_BIRTH = SEX_RATIO_AT_BIRTH / (100 + SEX_RATIO_AT_BIRTH);
const d = (day: number | null) => (day === null ? '' : dateStr(day));

/** An age in years drawn within a 5-year group (85+: truncated exponential up to 105). */
function ageInGroup(rng: Rng, g: number): number {
  if (g < GROUPS - 1) return g * 5 + rng.next() * 5;
  const tail = 1 - Math.exp(-OLDEST_DECAY * 20);
  return 85 - Math.log(1 - rng.next() * tail) / OLDEST_DECAY;
}

/** One commune's simulation: `create` writes a person and books their presence and events. */
class CommuneSimulation {
  readonly rng: Rng;
  readonly until: number;
  readonly stocks: MonthStocks;
  readonly result: CommunePopulation;
  readonly outByMonth: Int32Array;
  readonly startWomen = new Float64Array(7);
  readonly inTempShare: number;

  constructor(
    readonly stock: Stock,
    readonly model: Model,
    readonly win: Window,
    seed: number,
    readonly keys: KeySource,
    readonly out: CsvWriter,
  ) {
    this.rng = new Rng(seed, 'people', stock.commune.unitId);
    this.until = win.end + 1;
    this.stocks = new MonthStocks(win);
    this.result = {
      unitId: stock.commune.unitId,
      births: [],
      deaths: [],
      stocks: this.stocks,
      counts: { start: stock.total, births: 0, deaths: 0, movesIn: 0, movesOut: 0, records: 0 },
    };
    this.outByMonth = new Int32Array(win.months.length + 1);
    const t = stock.params.temporaryShare;
    // in-movers are more often temporary, so that the temporary share holds although they leave more often
    this.inTempShare = (TEMPORARY_MOVE_FACTOR * t) / (1 + (TEMPORARY_MOVE_FACTOR - 1) * t);
  }

  create(birth: number, male: boolean, temporary: boolean, arrival: Arrival, presentFrom: number): void {
    const { rng, model, until, win, stocks, result } = this;
    const table = male ? model.mortality.male : model.mortality.female;
    const tDeath = drawEvent(rng, birth, presentFrom, until, table.byAge, 1, table);
    const tOut = drawEvent(
      rng,
      birth,
      presentFrom,
      until,
      MIGRATION,
      model.migrationScale * (temporary ? TEMPORARY_MOVE_FACTOR : 1),
    );
    const died = tDeath < tOut && tDeath < until ? Math.floor(tDeath) : null;
    const movedOut = died === null && tOut < until ? Math.floor(tOut) : null;
    const leave = died ?? movedOut ?? until;
    const dates = personDates(
      { rng, params: this.stock.params, start: win.start, lastKnown: Math.min(leave, win.end) },
      birth,
      arrival,
      presentFrom,
    );
    this.out.line(
      `${this.keys.next(rng)},${result.unitId},${male ? 'M' : 'F'},${dateStr(birth)},` +
        `${temporary ? 'temporary' : 'permanent'},${dates.hasPersonalId ? 1 : 0},` +
        `${d(dates.card)},${d(dates.requested)},${d(dates.level1)},${d(dates.level2)},` +
        `${arrival === 'in' ? dateStr(presentFrom) : ''},` +
        `${d(movedOut)},${d(died)},${dates.missing},${d(dates.completed)}`,
    );
    result.counts.records++;
    stocks.add(stocks.population, presentFrom, leave);
    stocks.add(stocks.cardAge, Math.max(presentFrom, addYears(birth, 14)), leave);
    if (dates.level1 !== null) stocks.add(stocks.vneid, Math.max(presentFrom, dates.level1), leave);
    if (!male)
      for (let j = 0; j < 7; j++)
        stocks.add(
          stocks.women[j],
          Math.max(presentFrom, addYears(birth, 15 + 5 * j)),
          Math.min(leave, addYears(birth, 20 + 5 * j)),
        );
    if (died !== null) {
      result.deaths.push({ day: died, age: (died - birth) / YEAR_DAYS });
      result.counts.deaths++;
    }
    if (movedOut !== null) {
      this.outByMonth[Math.min(win.months.length, win.monthOf(movedOut))]++;
      result.counts.movesOut++;
    }
  }

  /** The residents on the start day, by 5-year group and sex; temporary ones mostly young adults. */
  seedStock(): void {
    const { rng, stock, model, win } = this;
    for (let g = 0; g < GROUPS; g++) {
      const tempP = Math.min(0.5, stock.params.temporaryShare * model.migrationShapeRelative[g]);
      for (const male of [true, false]) {
        const n = male ? stock.males[g] : stock.females[g];
        for (let i = 0; i < n; i++) {
          const birth = win.start - 1 - Math.floor(ageInGroup(rng, g) * YEAR_DAYS);
          if (!male && g >= 3 && g <= 9) this.startWomen[g - 3]++;
          this.create(birth, male, rng.chance(tempP), 'initial', win.start);
        }
      }
    }
  }

  /** Births from the women of the previous month end, then in-moves = this month's out-moves + net migration. */
  month(month: Month): void {
    const { rng, model, stocks, result, stock } = this;
    const lo = Math.max(month.first, this.win.start);
    const days = month.daysInWindow;
    const women = month.index === 0 ? this.startWomen : stocks.womenAtEnd(month.index - 1);
    const population = month.index === 0 ? stock.total : stocks.population.at(month.index - 1);
    let expected = 0;
    for (let j = 0; j < 7; j++) expected += women[j] * model.asfr[j];
    const births = rng.poisson(((expected * days) / YEAR_DAYS) * BIRTH_SEASON[month.month - 1]);
    for (let i = 0; i < births; i++) {
      const day = lo + rng.int(days);
      result.births.push(day);
      this.create(day, rng.chance(MALE_AT_BIRTH), rng.chance(stock.params.temporaryShare), 'birth', day);
    }
    result.counts.births += births;
    const net = rng.round(((model.facts.netMigration / 1000) * population * days) / YEAR_DAYS);
    const movesIn = Math.max(0, this.outByMonth[month.index] + net);
    for (let i = 0; i < movesIn; i++) {
      const g = rng.pickCumulative(model.inMoverGroups);
      const day = lo + rng.int(days);
      // born at least a day before arriving: a move-in on the birth day would read as a birth
      const birth = day - 1 - Math.floor(ageInGroup(rng, g) * YEAR_DAYS);
      this.create(birth, rng.chance(model.maleShare[g]), rng.chance(this.inTempShare), 'in', day);
    }
    result.counts.movesIn += movesIn;
  }
}

export function simulateCommune(
  stock: Stock,
  model: Model,
  win: Window,
  seed: number,
  keys: KeySource,
  out: CsvWriter,
): CommunePopulation {
  const sim = new CommuneSimulation(stock, model, win, seed, keys, out);
  sim.seedStock();
  for (const month of win.months) sim.month(month);
  return sim.result;
}
