// The seeded demo-data generator: writes a folder of import files (docs/data-formats.md) for Nam Sách
// district or the whole Hải Dương province, calibrated on the shipped reference data
// (docs/calibration.md). Used by `npm run generate`, the demo store at first start and the benchmark.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFacts } from '../facts.ts';
import { Window, parseDate } from './calendar.ts';
import { CsvWriter } from './csv-writer.ts';
import type { UnitProfile } from './dossier-outcome.ts';
import { DOSSIER_HEADER, eventSeeds, writeUnitDossiers, type DossierJob } from './dossiers.ts';
import { writeMilestones } from './milestones.ts';
import { writeOffices, writeTasks } from './offices.ts';
import { buildModel, type Model, type Stock } from './model.ts';
import { KeySource, PEOPLE_HEADER, simulateCommune, type CommunePopulation } from './people.ts';
import { PETITION_HEADER, writeUnitPetitions, type PetitionSeed } from './petitions.ts';
import { mix32, Rng } from './prng.ts';
import { PROCEDURES, PROCEDURE_HEADER, writeProcedures } from './procedures.ts';
import { REFERENCE_DIR, readDistrictAges } from './reference.ts';
import { serviceProfile } from './service-profile.ts';
import { writeLineage, writeUnits } from './units-files.ts';
import { UNIVERSES, buildUniverse, type Commune, type Universe, type UniverseName } from './universe.ts';

export interface GenerateOptions {
  outDir: string;
  /** Seed of every random draw (default 20220330, the date of the plan). */
  seed?: number;
  universe?: UniverseName;
  /** First day of the window (default 2022-01-01). */
  start?: string;
  /** Last day of the window and data date of the files (default: today in Vietnam). */
  end?: string;
  /** Multiplier of the dossier volumes drawn from population (default 1). */
  dossierScale?: number;
  /** People, dossiers and milestones of the first N districts only (all units still written): an estimate run. */
  districts?: number;
}

export interface GenerateSummary {
  universe: UniverseName;
  seed: number;
  start: string;
  end: string;
  units: number;
  communes: number;
  procedures: number;
  people_records: number;
  population_start: number;
  population_end: number;
  births: number;
  deaths: number;
  moves_in: number;
  moves_out: number;
  dossiers: number;
  petitions: number;
  milestones: number;
  /** offices of the base units (offices.csv) */
  offices: number;
  /** the plan's tasks (tasks.csv, Nam Trung's; 0 when the universe has not Nam Trung) */
  tasks: number;
  bytes: Record<string, number>;
}

export const DEFAULT_SEED = 20220330;

/** Today's date in Vietnam (UTC+7), YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

function checkOptions(o: GenerateOptions): Required<GenerateOptions> {
  const seed = o.seed ?? DEFAULT_SEED;
  const universe = o.universe ?? 'nam-sach';
  const start = o.start ?? '2022-01-01';
  const end = o.end ?? todayInVietnam();
  const dossierScale = o.dossierScale ?? 1;
  const districts = o.districts ?? Infinity;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`seed must be an integer from 0 to 2^32-1: ${seed}`);
  if (!UNIVERSES.includes(universe)) throw new Error(`unknown universe ${universe as string}: ${UNIVERSES.join(', ')}`);
  if (parseDate(start) < parseDate('2019-04-01')) throw new Error('start must be after the census of 1/4/2019');
  if (parseDate(end) < parseDate(start)) throw new Error(`end ${end} is before start ${start}`);
  // the importer rejects births in the future, so the data date cannot be after today
  if (end > todayInVietnam()) throw new Error(`end ${end} is after today (${todayInVietnam()} in Vietnam)`);
  if (!(dossierScale >= 0) || !Number.isFinite(dossierScale))
    throw new Error(`dossierScale must be a number ≥ 0: ${dossierScale}`);
  if (!(districts >= 1)) throw new Error(`districts must be a number ≥ 1: ${districts}`);
  return { outDir: o.outDir, seed, universe, start, end, dossierScale, districts };
}

/** Dossiers per resident vary between communes (seeded); the town receives more. */
function volumeFactor(c: Commune, seed: number): number {
  return new Rng(seed, 'volume', c.unitId).uniform(0.85, 1.1) * (c.popUrban > c.popRural ? 1.15 : 1);
}

function eidShares(vneid: Float64Array, cardAge: Float64Array): Float64Array {
  return vneid.map((v, i) => (cardAge[i] > 0 ? v / cardAge[i] : 0));
}

interface Totals {
  records: number;
  start: number;
  end: number;
  births: number;
  deaths: number;
  movesIn: number;
  movesOut: number;
  dossiers: number;
  petitions: number;
}

interface Writers {
  people: CsvWriter;
  dossiers: CsvWriter;
  petitions: CsvWriter;
  keys: KeySource;
}

/** A base unit's dossiers (drawn from `rng`), then the petitions they gave rise to. */
function writeUnit(
  o: Required<GenerateOptions>,
  rng: Rng,
  job: Omit<DossierJob, 'serviceRng' | 'petitions'>,
  win: Window,
  w: Writers,
  totals: Totals,
): void {
  const petitions: PetitionSeed[] = [];
  const serviceRng = new Rng(o.seed, 'service766', job.profile.unitId);
  totals.dossiers += writeUnitDossiers(rng, { ...job, serviceRng, petitions }, win, w.dossiers);
  totals.petitions += writeUnitPetitions(o.seed, job.service, win, petitions, w.petitions);
}

const COMMUNE_PROCEDURES = PROCEDURES.filter((p) => p.level === 'commune');
const DISTRICT_PROCEDURES = PROCEDURES.filter((p) => p.level === 'district');

const addInto = (target: Float64Array, source: Float64Array) => source.forEach((v, i) => (target[i] += v));

/** A commune's people, then its dossiers (which follow its births, deaths and population). */
function runCommune(
  o: Required<GenerateOptions>,
  model: Model,
  stock: Stock,
  win: Window,
  w: Writers,
  totals: Totals,
): CommunePopulation {
  const c = stock.commune;
  const pop = simulateCommune(stock, model, win, o.seed, w.keys, w.people);
  const service = serviceProfile(o.seed, c.unitId, c.maturity, c.champion, win);
  const profile: UnitProfile = {
    unitId: c.unitId,
    level: 'commune',
    maturity: c.maturity,
    champion: c.champion,
    eidShare: eidShares(pop.stocks.vneid.values(), pop.stocks.cardAge.values()),
    service,
  };
  const rng = new Rng(o.seed, 'dossiers', c.unitId);
  const events = eventSeeds(rng, pop, profile, win);
  const job = {
    profile,
    service,
    procedures: COMMUNE_PROCEDURES,
    population: pop.stocks.population.values(),
    volume: volumeFactor(c, o.seed) * o.dossierScale,
    events,
  };
  writeUnit(o, rng, job, win, w, totals);
  const k = pop.counts;
  totals.records += k.records;
  totals.start += k.start;
  totals.end += job.population[win.months.length - 1];
  totals.births += k.births;
  totals.deaths += k.deaths;
  totals.movesIn += k.movesIn;
  totals.movesOut += k.movesOut;
  return pop;
}

function generatePeopleAndDossiers(
  o: Required<GenerateOptions>,
  model: Model,
  universe: Universe,
  win: Window,
): Totals {
  const w: Writers = {
    people: new CsvWriter(join(o.outDir, 'people.csv'), PEOPLE_HEADER),
    dossiers: new CsvWriter(join(o.outDir, 'dossiers.csv'), DOSSIER_HEADER),
    petitions: new CsvWriter(join(o.outDir, 'petitions.csv'), PETITION_HEADER),
    keys: new KeySource(mix32(o.seed)),
  };
  const stocks = new Map(model.stocks.map((s) => [s.commune.unitId, s]));
  const totals: Totals = {
    records: 0,
    start: 0,
    end: 0,
    births: 0,
    deaths: 0,
    movesIn: 0,
    movesOut: 0,
    dossiers: 0,
    petitions: 0,
  };
  const n = win.months.length;
  for (const district of universe.districts) {
    const population = new Float64Array(n);
    const vneid = new Float64Array(n);
    const cardAge = new Float64Array(n);
    for (const c of district.communes) {
      const pop = runCommune(o, model, stocks.get(c.unitId)!, win, w, totals);
      addInto(population, pop.stocks.population.values());
      addInto(vneid, pop.stocks.vneid.values());
      addInto(cardAge, pop.stocks.cardAge.values());
    }
    // district-level procedures, recorded against the district, on the population of its communes
    const maturity = district.communes.reduce((s, c) => s + c.maturity, 0) / district.communes.length;
    const service = serviceProfile(o.seed, district.unitId, maturity, false, win);
    const profile: UnitProfile = {
      unitId: district.unitId,
      level: 'district',
      maturity,
      champion: false,
      eidShare: eidShares(vneid, cardAge),
      service,
    };
    const job = { profile, service, procedures: DISTRICT_PROCEDURES, population, volume: o.dossierScale, events: null };
    writeUnit(o, new Rng(o.seed, 'dossiers', district.unitId), job, win, w, totals);
  }
  w.people.close();
  w.dossiers.close();
  w.petitions.close();
  return totals;
}

/** The universe with only its first `n` districts' communes simulated (its units all kept). */
function limitDistricts(u: Universe, n: number): Universe {
  if (n >= u.districts.length) return u;
  const districts = u.districts.slice(0, n);
  return { ...u, districts, communes: districts.flatMap((d) => d.communes) };
}

export async function generateDemo(options: GenerateOptions): Promise<GenerateSummary> {
  const o = checkOptions(options);
  mkdirSync(o.outDir, { recursive: true });
  const universe = limitDistricts(buildUniverse(o.universe, o.seed), o.districts);
  const facts = { ...readFacts(), ...universe.facts };
  const model = buildModel(universe.communes, readDistrictAges(universe.agesFile), facts, o.start);
  const win = new Window(parseDate(o.start), parseDate(o.end));

  writeUnits(join(o.outDir, 'units.geojson'), universe);
  writeLineage(join(o.outDir, 'lineage.csv'), universe);
  const procedures = new CsvWriter(join(o.outDir, 'procedures.csv'), PROCEDURE_HEADER);
  writeProcedures(procedures, o.end);
  procedures.close();
  // a byte copy, written afresh: the shipped file is read-only and copyFileSync would keep its mode
  rmSync(join(o.outDir, 'targets.csv'), { force: true });
  writeFileSync(join(o.outDir, 'targets.csv'), readFileSync(join(REFERENCE_DIR, 'targets.csv')));
  // the offices of every base unit, and the plan's tasks as Nam Trung's (written afresh, as targets.csv)
  const offices = writeOffices(join(o.outDir, 'offices.csv'), universe);
  rmSync(join(o.outDir, 'tasks.csv'), { force: true });
  const tasks = writeTasks(join(o.outDir, 'tasks.csv'), universe);
  const milestones = new CsvWriter(join(o.outDir, 'milestones.csv'), ['target_id', 'unit_id', 'achieved_on']);
  const baseUnits = [
    ...universe.communes.map((c) => ({ unitId: c.unitId, maturity: c.maturity })),
    ...universe.districts.map((d) => ({
      unitId: d.unitId,
      maturity: d.communes.reduce((s, c) => s + c.maturity, 0) / d.communes.length,
    })),
  ];
  writeMilestones(milestones, baseUnits, o.seed, win.end);
  milestones.close();
  const totals = generatePeopleAndDossiers(o, model, universe, win);
  const manifest = { generated: true, source: `ioc06 demo generator seed ${o.seed}`, data_date: o.end };
  writeFileSync(join(o.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const files = [
    'units.geojson',
    'lineage.csv',
    'procedures.csv',
    'offices.csv',
    'targets.csv',
    ...(tasks > 0 ? ['tasks.csv'] : []),
    'milestones.csv',
    'people.csv',
    'dossiers.csv',
    'petitions.csv',
    'manifest.json',
  ];
  return {
    universe: o.universe,
    seed: o.seed,
    start: o.start,
    end: o.end,
    units: universe.units.length,
    communes: universe.communes.length,
    procedures: procedures.rows,
    people_records: totals.records,
    population_start: totals.start,
    population_end: totals.end,
    births: totals.births,
    deaths: totals.deaths,
    moves_in: totals.movesIn,
    moves_out: totals.movesOut,
    dossiers: totals.dossiers,
    petitions: totals.petitions,
    milestones: milestones.rows,
    offices,
    tasks,
    bytes: Object.fromEntries(files.map((f) => [f, statSync(join(o.outDir, f)).size])),
  };
}
