// dossiers.csv for one unit: volumes per procedure and month from the unit's population, plus the
// birth and death registrations of people.csv (with the linked bundles of clause IV.2.d), received
// in office hours, sorted by time, numbered <unit>-<yyyymm>-<nnnnn>, each with its drawn outcome and
// the columns of the Decision 766 index (dossier-service.ts).
import { decimalYear, timestampStr, type Month, type Window } from './calendar.ts';
import type { CsvWriter } from './csv-writer.ts';
import { chooseChannel, drawOutcome, type Channel, type UnitProfile } from './dossier-outcome.ts';
import { SERVICE_HEADER, serviceColumns, type DrawnDossier } from './dossier-service.ts';
import { ramp } from './maturity.ts';
import type { CommunePopulation } from './people.ts';
import type { PetitionSeed } from './petitions.ts';
import { procedureByCode, type Procedure } from './procedures.ts';
import type { Rng } from './prng.ts';
import type { ServiceProfile } from './service-profile.ts';
import { CLOSE, OPEN, SATURDAY_CLOSE, workDayFrom } from './worktime.ts';

export const DOSSIER_HEADER = [
  'dossier_id',
  'procedure_code',
  'unit_id',
  'received_at',
  'due_at',
  'resolved_at',
  'channel',
  'status',
  'eid_authenticated',
  'population_data_reused',
  'result_digitised',
  'paid_online',
  'processed_online',
  'applicant_had_eid',
  'eid_enrolled_on_site',
  'satisfaction',
  'bundle_ref',
  ...SERVICE_HEADER,
];

/** Working days in an average month (about 249 a year). */
const WORK_DAYS_PER_MONTH = 249 / 12;

interface Seed {
  ts: number;
  proc: Procedure;
  channel: Channel | null;
  bundle: string;
}

/** Minute of the day a dossier is handed in: mostly mornings, some at lunch (shops that stay open). */
function minuteOfDay(rng: Rng, saturday: boolean): number {
  if (saturday) return OPEN + rng.int(SATURDAY_CLOSE - OPEN);
  const r = rng.next();
  if (r < 0.62) return OPEN + rng.int(240);
  if (r < 0.95) return 810 + rng.int(CLOSE - 810);
  return 690 + rng.int(120);
}

function receivedIn(rng: Rng, month: Month): number {
  if (month.saturdays.length > 0 && rng.chance(0.03)) {
    const day = month.saturdays[rng.int(month.saturdays.length)];
    return day * 1440 + minuteOfDay(rng, true);
  }
  const day = month.workDays[rng.int(month.workDays.length)];
  return day * 1440 + minuteOfDay(rng, false);
}

/** The share of births (deaths) whose family used the linked bundle. */
function bundleShare(u: UnitProfile, year: number): number {
  const m = u.maturity;
  return Math.min(1, ramp(year, 0.05, u.champion ? 1.1 : 0.45 + 0.5 * m, 2024.2 - 0.6 * m, 0.45));
}

const BIRTH = ['HT-01', 'CT-11', 'BH-01'].map(procedureByCode);
const DEATH = ['HT-02', 'CT-12', 'XH-02'].map(procedureByCode);
const BIRTH_RESIDENCE = procedureByCode('CT-01');
const BIRTH_CARD = BIRTH[2];
const DEATH_REMOVAL = procedureByCode('CT-03');
const DEATH_ALLOWANCE = DEATH[2];

/** Registrations that follow the births and deaths of people.csv, by month of the window. */
export function eventSeeds(rng: Rng, pop: CommunePopulation, u: UnitProfile, win: Window): Seed[][] {
  const byMonth: Seed[][] = win.months.map(() => []);
  let bundles = 0;
  const push = (day: number, proc: Procedure) => {
    const d = workDayFrom(day);
    if (d > win.end) return;
    byMonth[win.monthOf(d)].push({ ts: d * 1440 + minuteOfDay(rng, false), proc, channel: null, bundle: '' });
  };
  const register = (eventDay: number, delay: number, steps: Procedure[], extras: [Procedure, number][]) => {
    const day = workDayFrom(eventDay + delay);
    if (day > win.end) return;
    const year = decimalYear(day);
    if (rng.chance(bundleShare(u, year))) {
      const ref = `LT${u.unitId}-${String(++bundles).padStart(5, '0')}`;
      const channel = chooseChannel(rng, steps[0], u, year, win.monthOf(day));
      const minute = minuteOfDay(rng, false);
      for (let i = 0; i < 3; i++)
        byMonth[win.monthOf(day)].push({
          ts: day * 1440 + Math.min(CLOSE, minute + i),
          proc: steps[i],
          channel,
          bundle: ref,
        });
      return;
    }
    push(day, steps[0]);
    for (const [proc, p] of extras) if (rng.chance(p)) push(day + rng.int(30), proc);
  };
  for (const birth of pop.births)
    register(birth, 1 + Math.min(59, Math.floor(rng.exp(10))), BIRTH, [
      [BIRTH_RESIDENCE, 0.5],
      [BIRTH_CARD, 0.7],
    ]);
  for (const death of pop.deaths)
    register(death.day, Math.min(15, Math.floor(rng.exp(4))), DEATH, [
      [DEATH_REMOVAL, 0.6],
      [DEATH_ALLOWANCE, 0.3],
    ]);
  return byMonth;
}

export interface DossierJob {
  profile: UnitProfile;
  procedures: Procedure[];
  population: Float64Array; // month-end residents of the unit
  volume: number; // unit's volume factor × dossierScale
  events: Seed[][] | null;
  /** The unit's Decision 766 knobs, the stream of its columns, and where the petitions they give rise to go. */
  service: ServiceProfile;
  serviceRng: Rng;
  petitions: PetitionSeed[];
}

/** Writes the unit's dossiers month by month; returns how many. */
export function writeUnitDossiers(rng: Rng, job: DossierJob, win: Window, out: CsvWriter): number {
  const endTs = win.end * 1440 + 1439;
  const { profile: u } = job;
  let written = 0;
  // one record reused for every dossier (fewer allocations: the generator writes millions in the province run)
  const dossier: DrawnDossier = {
    id: '',
    proc: job.procedures[0],
    channel: 'counter',
    received: 0,
    month: 0,
    o: null!,
  };
  for (const month of win.months) {
    const seeds: Seed[] = job.events ? job.events[month.index] : [];
    const exposure =
      ((job.population[month.index] / 1000) * job.volume * (month.workDays.length / WORK_DAYS_PER_MONTH)) / 12;
    if (month.workDays.length > 0) {
      for (const p of job.procedures) {
        if (p.rate === 0) continue;
        const n = rng.poisson(p.rate * exposure * (p.season ? p.season[month.month - 1] : 1));
        for (let i = 0; i < n; i++) seeds.push({ ts: receivedIn(rng, month), proc: p, channel: null, bundle: '' });
      }
    }
    seeds.sort((a, b) => a.ts - b.ts);
    const prefix = `${u.unitId}-${month.year}${month.month < 10 ? '0' : ''}${month.month}-`;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i];
      const year = decimalYear(s.ts / 1440);
      const channel = s.channel ?? chooseChannel(rng, s.proc, u, year, month.index);
      const o = drawOutcome(rng, s.proc, u, channel, s.ts, month.index, endTs);
      const id = `${prefix}${String(i + 1).padStart(5, '0')}`;
      dossier.id = id;
      dossier.proc = s.proc;
      dossier.channel = channel;
      dossier.received = s.ts;
      dossier.month = month.index;
      dossier.o = o;
      const service = serviceColumns(job.serviceRng, job.service, dossier, endTs, job.petitions);
      out.line(
        `${id},${s.proc.code},${u.unitId},` +
          `${timestampStr(s.ts)},${timestampStr(o.dueAt)},${o.resolvedAt === null ? '' : timestampStr(o.resolvedAt)},` +
          `${channel},${o.status},${o.flags},${o.satisfaction},${s.bundle},${service}`,
      );
    }
    written += seeds.length;
  }
  return written;
}
