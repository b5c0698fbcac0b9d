// Live-event simulator: a seeded, pure generator of population and dossier events that follows the
// demo generator's model (rates, seasons, office hours, dossier outcomes), squeezed in time so that
// events arrive at a chosen rate. Used by scripts/simulate.ts and server/live/live-demo.ts; the
// rates and their sources are in docs/simulator.md.
import { civil, decimalYear, isWorkDay } from '../../data/pipeline/generate/calendar.ts';
import { onlineShare, type Channel } from '../../data/pipeline/generate/dossier-outcome.ts';
import type { Procedure } from '../../data/pipeline/generate/procedures.ts';
import { Rng } from '../../data/pipeline/generate/prng.ts';
import { BIRTH_SEASON, YEAR_DAYS } from '../../data/pipeline/rates.ts';
import { CLOSE, OPEN } from '../../data/pipeline/generate/worktime.ts';
import type { LiveEvent } from '../contracts/events.ts';
import {
  DossierDesk,
  EXTRAS,
  FOLLOW_UPS,
  PROFILES,
  asProcedure,
  bundleShare,
  isoVn,
  ownVolume,
  type Bundle,
  type Level,
  type SimProcedure,
} from './sim-dossiers.ts';
import { PER_1000, POP_TYPES, populationEvent, type PopType } from './sim-people.ts';

export type { SimProcedure };

export interface SimUnit {
  unit_id: string;
  population: number;
  /** district units receive the district-level procedures (default commune) */
  level?: 'commune' | 'district';
}
export interface SimulatorOptions {
  seed: number;
  units: SimUnit[];
  procedures: SimProcedure[];
  /** makes the event ids unique for ever: letters and digits, at most 24 */
  runId: string;
  /** open dossiers kept for their resolution; past it no more dossiers are received (default 1,000,000) */
  maxOpen?: number;
}
export interface Simulator {
  /** The events that happen in [fromMs, toMs), sorted by time; calls must not go back in time. */
  eventsBetween(fromMs: number, toMs: number, ratePerSecond: number): LiveEvent[];
  /** Events a second the model draws at that moment (receipts and population events, not resolutions). */
  expectedRate(atMs: number, ratePerSecond: number): number;
  /** Dossiers drawn and not yet resolved, kept in memory (a minute is drawn whole: some still to be received). */
  openDossiers(): number;
}

const VN_MS = 7 * 3600_000;
const MINUTE = 60_000;
/** Working days a year, as the demo generator spreads counter dossiers (dossiers.ts). */
const WORK_DAYS_PER_YEAR = 249;
/**
 * dossiers.ts minuteOfDay: 62 % of counter dossiers in the morning, 33 % in the afternoon (its 5 % at lunch
 * dropped).
 */
const MORNING_SHARE = 0.62 / 0.95;
const LUNCH = [690, 810]; // 11:30–13:30
/** Online dossiers, moves and VNeID activations by hour of the day (assumption: office hours and evenings). */
const DAYTIME_HOURS = [
  0.3, 0.15, 0.1, 0.1, 0.15, 0.4, 0.9, 1.6, 2.0, 2.1, 2.0, 1.6, 1.0, 1.2, 1.8, 1.9, 1.7, 1.3, 1.0, 1.1, 1.2, 1.0, 0.7,
  0.4,
];
const DAYTIME = DAYTIME_HOURS.map((h) => (24 * h) / DAYTIME_HOURS.reduce((s, x) => s + x, 0));

/** When a class of streams happens: 0 any time, 1 daytime profile, 2 office hours of working days. */
type TimeClass = 0 | 1 | 2;
const POP_CLASS: Record<PopType, TimeClass> = {
  birth: 0,
  death: 0,
  move_in: 1,
  move_out: 1,
  id_card_issued: 2,
  vneid_activated: 1,
};

/** Relative intensity (long-run mean 1) of a time class in a minute of a Vietnam day. */
export function timeProfile(cls: TimeClass, day: number, minute: number): number {
  if (cls === 0) return 1;
  if (cls === 1) return DAYTIME[Math.floor(minute / 60)];
  if (!isWorkDay(day)) return 0;
  const perDay = (1440 * YEAR_DAYS) / WORK_DAYS_PER_YEAR;
  if (minute >= OPEN && minute < LUNCH[0]) return (perDay * MORNING_SHARE) / (LUNCH[0] - OPEN);
  if (minute >= LUNCH[1] && minute < CLOSE) return (perDay * (1 - MORNING_SHARE)) / (CLOSE - LUNCH[1]);
  return 0;
}

type Stream =
  | { kind: 'pop'; type: PopType }
  | { kind: 'dossier'; proc: Procedure; online: boolean }
  | { kind: 'registration'; bundle: Bundle; online: boolean };
interface Timed {
  t: number;
  e: LiveEvent;
}
interface ClassTable {
  streams: Stream[];
  weights: number[]; // draws a year
  cum: Float64Array;
  total: number;
  events: number; // events a year (a registration brings 1–3 dossiers)
}

export function createSimulator(options: SimulatorOptions): Simulator {
  if (!/^[A-Za-z0-9]{1,24}$/.test(options.runId))
    throw new Error(`runId must be 1–24 letters or digits: "${options.runId}"`);
  const prefix = `sim-${options.runId}`;
  const maxOpen = options.maxOpen ?? 1_000_000;
  const procs = options.procedures.map(asProcedure);
  const byCode = new Map(procs.map((p) => [p.code, p]));
  const step = (b: Bundle, n: number) => procs.find((p) => p.bundle === b && p.bundleStep === n);
  const units: Record<Level, SimUnit[]> = { commune: [], district: [] };
  for (const u of options.units) if (u.population > 0) units[u.level ?? 'commune'].push(u);
  const pop = {
    commune: units.commune.reduce((s, u) => s + u.population, 0),
    district: units.district.reduce((s, u) => s + u.population, 0),
  };
  const unitCum = {
    commune: cumulativeOf(units.commune.map((u) => u.population)),
    district: cumulativeOf(units.district.map((u) => u.population)),
  };
  const bundles = (['birth', 'death'] as const).filter((b) => step(b, 1) && pop.commune > 0);

  /** Dossiers one registration brings on average in a year. */
  const perRegistration = (b: Bundle, year: number) => {
    const share = step(b, 2) && step(b, 3) ? bundleShare(year) : 0;
    const extras = EXTRAS[b].reduce(
      (s, [code, p]) => s + ((typeof code === 'number' ? step(b, code) : byCode.get(code)) ? p : 0),
      0,
    );
    return share * 3 + (1 - share) * (1 + extras);
  };

  const tableCache = new Map<number, ClassTable[]>();
  /** The streams of each time class in a month (year × 12 + month − 1), with their yearly volumes. */
  function tables(year: number, month: number): ClassTable[] {
    const key = year * 12 + month - 1;
    const hit = tableCache.get(key);
    if (hit) return hit;
    const dy = year + (month - 0.5) / 12;
    const out: ClassTable[] = [0, 1, 2].map(() => ({
      streams: [],
      weights: [],
      cum: new Float64Array(0),
      total: 0,
      events: 0,
    }));
    const add = (cls: TimeClass, s: Stream, perYear: number, events = 1) => {
      if (perYear <= 0) return;
      out[cls].streams.push(s);
      out[cls].weights.push(perYear);
      out[cls].events += perYear * events;
    };
    const split = (p: Procedure, level: Level, perYear: number, make: (online: boolean) => Stream, events = 1) => {
      const online = onlineShare(p, PROFILES[level], dy);
      add(1, make(true), perYear * online, events);
      add(2, make(false), perYear * (1 - online), events);
    };
    const residents = pop.commune / 1000;
    for (const type of POP_TYPES)
      add(
        POP_CLASS[type],
        { kind: 'pop', type },
        residents * PER_1000[type] * (type === 'birth' ? BIRTH_SEASON[month - 1] : 1),
      );
    for (const p of procs) {
      const perYear = (pop[p.level] / 1000) * ownVolume(p) * (p.season ? p.season[month - 1] : 1);
      split(p, p.level, perYear, (online) => ({ kind: 'dossier', proc: p, online }));
    }
    for (const b of bundles) {
      const perYear = residents * (b === 'birth' ? PER_1000.birth * BIRTH_SEASON[month - 1] : PER_1000.death);
      split(
        step(b, 1)!,
        'commune',
        perYear,
        (online) => ({ kind: 'registration', bundle: b, online }),
        perRegistration(b, dy),
      );
    }
    for (const t of out) {
      t.cum = cumulativeOf(t.weights);
      t.total = t.cum.length ? t.cum[t.cum.length - 1] : 0;
    }
    tableCache.set(key, out);
    return out;
  }

  const meanCache = new Map<number, number>();
  /** Events a year, follow-ups included, averaged over the seasons: what `rate` stands for. */
  function eventsPerYear(year: number): number {
    const hit = meanCache.get(year);
    if (hit !== undefined) return hit;
    let n = POP_TYPES.reduce((s, t) => s + (pop.commune / 1000) * PER_1000[t], 0);
    for (const p of procs) n += (pop[p.level] / 1000) * ownVolume(p) * (1 + FOLLOW_UPS);
    for (const b of bundles)
      n +=
        (pop.commune / 1000) *
        (b === 'birth' ? PER_1000.birth : PER_1000.death) *
        perRegistration(b, year + 0.5) *
        (1 + FOLLOW_UPS);
    meanCache.set(year, n);
    return n;
  }

  /** Draws a minute would hold, per time class, at a rate (events a second). */
  function classMeans(minuteIndex: number, rate: number): { t: ClassTable[]; means: number[] } {
    const local = minuteIndex + VN_MS / MINUTE;
    const day = Math.floor(local / 1440);
    const [y, m] = civil(day);
    const t = tables(y, m);
    // squeezed time: a year's events (follow-ups included) come in eventsPerYear / rate seconds
    const scale = (rate * 60) / Math.max(1e-9, eventsPerYear(y));
    return { t, means: t.map((c, cls) => c.total * timeProfile(cls as TimeClass, day, local - day * 1440) * scale) };
  }

  const desk = new DossierDesk();
  let pending: Timed[] = [];
  let nextMinute = -Infinity;
  let lastTo = -Infinity;

  /** All events of one draw (a population event, a dossier, or a birth/death registration's dossiers). */
  function draw(rng: Rng, s: Stream, t0: number, id: string, kept: boolean): LiveEvent[] {
    const dy = decimalYear((t0 + VN_MS) / 86_400_000);
    if (s.kind === 'pop') {
      const u = units.commune[rng.pickCumulative(unitCum.commune)];
      return [populationEvent(rng, s.type, u.unit_id, id, Math.floor((t0 + VN_MS) / 86_400_000), isoVn(t0))];
    }
    const proc = s.kind === 'dossier' ? s.proc : step(s.bundle, 1)!;
    const level: Level = s.kind === 'dossier' ? s.proc.level : 'commune';
    const u = units[level][rng.pickCumulative(unitCum[level])];
    const channel: Channel = s.online ? 'online' : desk.offlineChannel(rng, proc, level, dy);
    if (s.kind === 'dossier') return [desk.receive(rng, proc, level, u.unit_id, channel, t0, id, null, kept)];
    const inBundle = step(s.bundle, 2) && step(s.bundle, 3) && rng.chance(bundleShare(dy));
    const list: Procedure[] = [proc];
    if (inBundle) list.push(step(s.bundle, 2)!, step(s.bundle, 3)!);
    else
      for (const [code, p] of EXTRAS[s.bundle]) {
        const extra = typeof code === 'number' ? step(s.bundle, code) : byCode.get(code);
        if (rng.chance(p) && extra) list.push(extra);
      }
    return list.map((p, j) =>
      desk.receive(
        rng,
        p,
        'commune',
        u.unit_id,
        channel,
        t0 + j * 1000,
        `${id}.${j + 1}`,
        inBundle ? `${id}.b` : null,
        kept,
      ),
    );
  }

  /** Draws minute `m` (UTC minutes since the epoch); keeps the events at or after `from`, by time. */
  function generate(m: number, from: number, rate: number): Timed[] {
    const rng = new Rng(options.seed, 'live', String(m));
    const { t, means } = classMeans(m, rate);
    const n = rng.poisson(means.reduce((s, x) => s + x, 0));
    const cumClass = cumulativeOf(means);
    const out: Timed[] = [];
    for (let i = 0; i < n; i++) {
      const table = t[rng.pickCumulative(cumClass)];
      const s = table.streams[rng.pickCumulative(table.cum)];
      // whole seconds, and up to 3 s before the minute ends: a bundle's dossiers follow one another
      const t0 = m * MINUTE + 1000 * rng.int(57);
      const kept = t0 >= from && (s.kind === 'pop' || desk.open < maxOpen);
      const events = draw(rng, s, t0, `${prefix}-${m}-${i}`, kept);
      if (kept) events.forEach((e, j) => out.push({ t: t0 + j * 1000, e }));
    }
    return out.sort((a, b) => a.t - b.t);
  }

  return {
    eventsBetween(fromMs, toMs, rate) {
      if (fromMs < lastTo) throw new Error('eventsBetween: calls must not go back in time');
      lastTo = toMs;
      const out: LiveEvent[] = [];
      /** the follow-ups due before `until`, then the drawn events before it */
      const emit = (until: number) => {
        let i = 0;
        for (; i < pending.length && pending[i].t < until; i++) {
          for (const t = pending[i].t; desk.nextDue() < t;) out.push(desk.popDue());
          out.push(pending[i].e);
        }
        pending = pending.slice(i);
        while (desk.nextDue() < until) out.push(desk.popDue());
      };
      for (let m = Math.max(nextMinute, Math.floor(fromMs / MINUTE)); m * MINUTE < toMs; m++) {
        emit(m * MINUTE);
        pending = pending.concat(generate(m, fromMs, rate));
        nextMinute = m + 1;
      }
      emit(toMs);
      return out;
    },
    expectedRate(atMs, rate) {
      const { t, means } = classMeans(Math.floor(atMs / MINUTE), rate);
      return means.reduce((s, x, c) => s + (t[c].total > 0 ? (x * t[c].events) / t[c].total : 0), 0) / 60;
    },
    openDossiers: () => desk.open,
  };
}

function cumulativeOf(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (out[i] = s += w));
  return out;
}
