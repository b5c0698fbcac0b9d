// The live-event simulator (server/live/simulator.ts): seeded, valid by the event contract and the
// server's own checks, at the rate asked, counter dossiers only in office hours (checked here on the
// clock, not with the simulator's calendar), births by the generator's season, events by population.
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { DossierBatch, type DossierState } from '../../data/pipeline/events/dossiers.ts';
import { checkEvents } from '../../data/pipeline/events/validate.ts';
import { PROCEDURES } from '../../data/pipeline/generate/procedures.ts';
import { BIRTH_SEASON } from '../../data/pipeline/rates.ts';
import {
  DossierEventSchema,
  PopulationEventSchema,
  type DossierEvent,
  type LiveEvent,
  type PopulationEvent,
} from '../../server/contracts/events.ts';
import { chooseUnits, startLiveDemo, withoutRefused } from '../../server/live/live-demo.ts';
import { CENSUS_AGE_SHARES } from '../../server/live/sim-people.ts';
import { createSimulator, type SimUnit } from '../../server/live/simulator.ts';
import { readCsv } from '../helpers/csv.ts';

const CATALOGUE = PROCEDURES.map((p) => ({
  procedure_code: p.code,
  level: p.level,
  due_days: p.dueDays,
  full_online_eligible: p.eligible,
  bundle: p.bundle,
  bundle_step: p.bundleStep,
}));
const UNITS: SimUnit[] = [
  { unit_id: '10633', population: 6000 },
  { unit_id: '10606', population: 12000 },
  { unit_id: '291', population: 18000, level: 'district' },
];
const vn = (local: string) => Date.parse(`${local}+07:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = vn('2026-11-02T00:00:00'); // a week without a public holiday

const sim = (seed = 1, units = UNITS, procedures = CATALOGUE) =>
  createSimulator({ seed, units, procedures, runId: 'T1' });
/** Every event from `from` to `to`, asked for in steps of `step` ms. */
function collect(s: ReturnType<typeof sim>, from: number, to: number, rate: number, step = 60_000): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (let t = from; t < to; t += step) out.push(...s.eventsBetween(t, Math.min(to, t + step), rate));
  return out;
}
const isDossier = (e: LiveEvent): e is DossierEvent => 'dossier' in e;
const isPopulation = (e: LiveEvent): e is PopulationEvent => !('dossier' in e);

/** Vietnam clock of an occurred_at written with +07:00, read without any calendar code. */
function clock(iso: string): { date: string; weekday: number; minute: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}\+07:00$/.exec(iso);
  if (!m) throw new Error(`not a +07:00 time: ${iso}`);
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return { date: `${m[1]}-${m[2]}-${m[3]}`, weekday, minute: Number(m[4]) * 60 + Number(m[5]) };
}

// one weekday at rate 0.5 and one week at rate 0.2, shared by several tests
const weekday = collect(sim(), MONDAY, MONDAY + DAY, 0.5);
const week = collect(sim(3), MONDAY, MONDAY + 7 * DAY, 0.2, 3_600_000);

describe('determinism', () => {
  const morning = (seed: number, step: number) =>
    collect(sim(seed), vn('2026-11-02T07:00:00'), vn('2026-11-02T09:00:00'), 1, step);

  it('gives the same events for the same seed, others for another seed', () => {
    const a = morning(1, 60_000);
    expect(a.length).toBeGreaterThan(2500);
    expect(morning(1, 60_000)).toEqual(a);
    expect(morning(2, 60_000).slice(0, 50)).not.toEqual(a.slice(0, 50));
  });

  it.each([[7_000], [1_000], [2 * HOUR]])('gives the same events whether asked every %i ms or every minute', (step) => {
    expect(morning(1, step)).toEqual(morning(1, 60_000));
  });

  it('refuses to go back in time', () => {
    const s = sim();
    s.eventsBetween(MONDAY, MONDAY + HOUR, 1);
    expect(() => s.eventsBetween(MONDAY, MONDAY + 2 * HOUR, 1)).toThrow(/back in time/);
  });
});

describe('the contract', () => {
  const population = TypeCompiler.Compile(PopulationEventSchema);
  const dossier = TypeCompiler.Compile(DossierEventSchema);

  it('produces every type of event, each valid by its TypeBox schema', () => {
    const types = new Set(weekday.map((e) => e.type));
    expect([...types].sort()).toEqual([
      'birth',
      'death',
      'dossier_received',
      'dossier_resolved',
      'dossier_supplement',
      'id_card_issued',
      'move_in',
      'move_out',
      'vneid_activated',
    ]);
    const bad = weekday.filter((e) => !(isDossier(e) ? dossier.Check(e) : population.Check(e)));
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('passes the server checks: units, dates, ages, and every dossier step in order', () => {
    const units = new Map(
      UNITS.map((u) => [
        u.unit_id,
        { level: u.level ?? 'commune', is_base: true, valid_from: '2008-01-01', valid_to: null },
      ]),
    );
    const { ok, problems } = checkEvents(weekday, { units, now: MONDAY + DAY });
    expect(problems.slice(0, 3)).toEqual([]);
    const catalogue = new Map(CATALOGUE.map((p) => [p.procedure_code, { due_days: p.due_days, level: p.level }]));
    const batch = new DossierBatch(new Map<string, DossierState>(), catalogue);
    for (const c of ok) if (isDossier(c.event)) batch.apply(c.event, c.time, c.index);
    expect(batch.problems.slice(0, 3)).toEqual([]);
  });

  it('never repeats an event id or a dossier id, and events come in time order', () => {
    expect(new Set(week.map((e) => e.event_id)).size).toBe(week.length);
    const received = week.filter((e) => e.type === 'dossier_received') as DossierEvent[];
    expect(new Set(received.map((e) => e.dossier.dossier_id)).size).toBe(received.length);
    const times = week.map((e) => Date.parse(e.occurred_at));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('sends district procedures to the district and commune ones to communes', () => {
    const level = new Map(CATALOGUE.map((p) => [p.procedure_code, p.level]));
    for (const e of weekday.filter((x) => x.type === 'dossier_received') as DossierEvent[]) {
      expect(e.unit === '291' ? 'district' : 'commune').toBe(level.get(e.dossier.procedure_code!));
    }
  });
});

describe('rate', () => {
  it.each([[0.01], [0.05]])('averages %s events a second over four weeks (±6 %)', (rate) => {
    const events = collect(sim(5), MONDAY, MONDAY + 28 * DAY, rate, DAY);
    expect(Math.abs(events.length / (28 * 86_400) / rate - 1)).toBeLessThan(0.06);
  });

  it.each([
    ['Monday 09:00', '2026-11-02T09:00:00'],
    ['Monday 12:00 (lunch)', '2026-11-02T12:00:00'],
    ['Saturday 15:00', '2026-11-07T15:00:00'],
    ['Sunday 03:00', '2026-11-08T03:00:00'],
  ])('draws in the hour from %s what expectedRate says', (_name, local) => {
    const s = sim(7);
    const from = vn(local);
    const drawn = collect(s, from, from + HOUR, 5).filter(
      (e) => e.type !== 'dossier_resolved' && e.type !== 'dossier_supplement',
    ).length;
    let expected = 0;
    for (let t = from; t < from + HOUR; t += 60_000) expected += s.expectedRate(t, 5) * 60;
    // registrations bring up to 3 dossiers a draw: a little more spread than Poisson
    expect(Math.abs(drawn - expected)).toBeLessThan(5 * Math.sqrt(expected) + 0.02 * expected);
  });

  it('is busiest in office hours and quiet at night, by the demo proportions', () => {
    const s = sim();
    expect(s.expectedRate(vn('2026-11-02T09:00:00'), 5)).toBeGreaterThan(8);
    expect(s.expectedRate(vn('2026-11-08T03:00:00'), 5)).toBeLessThan(0.5);
  });
});

describe('office hours and dossier lives', () => {
  const received = week.filter((e) => e.type === 'dossier_received') as DossierEvent[];

  it('receives counter and post dossiers only Monday–Friday 07:30–11:30 and 13:30–17:00', () => {
    const offline = received.filter((e) => e.dossier.channel !== 'online');
    expect(offline.length).toBeGreaterThan(10_000);
    const outside = offline.filter((e) => {
      const c = clock(e.occurred_at);
      const open = (c.minute >= 450 && c.minute < 690) || (c.minute >= 810 && c.minute < 1020);
      return c.weekday === 0 || c.weekday === 6 || !open;
    });
    expect(outside.map((e) => e.occurred_at).slice(0, 3)).toEqual([]);
    // not vacuous: online dossiers and births do come at night and at weekends
    const night = (e: LiveEvent) => clock(e.occurred_at).minute < 360 || clock(e.occurred_at).weekday === 0;
    expect(received.filter((e) => e.dossier.channel === 'online' && night(e)).length).toBeGreaterThan(100);
    expect(week.filter((e) => e.type === 'birth' && night(e)).length).toBeGreaterThan(10);
  });

  it('receives no counter dossier on the National Day holidays (1–2 September 2026)', () => {
    const days = collect(sim(), vn('2026-08-31T00:00:00'), vn('2026-09-04T00:00:00'), 0.5, HOUR);
    const counter = (date: string) =>
      days.filter(
        (e) =>
          isDossier(e) &&
          e.type === 'dossier_received' &&
          e.dossier.channel === 'counter' &&
          clock(e.occurred_at).date === date,
      ).length;
    expect(
      [counter('2026-08-31'), counter('2026-09-01'), counter('2026-09-02'), counter('2026-09-03')].map((n) => n > 0),
    ).toEqual([true, false, false, true]);
  });

  it('sets due_at the statutory days after receipt, resolves after receipt, mostly on time and satisfied', () => {
    const due = new Map(CATALOGUE.map((p) => [p.procedure_code, p.due_days]));
    const byId = new Map(received.map((e) => [e.dossier.dossier_id, e]));
    for (const e of received.slice(0, 5000)) {
      expect(Date.parse(e.dossier.due_at!) - Date.parse(e.occurred_at)).toBe(due.get(e.dossier.procedure_code!)! * DAY);
    }
    const resolved = week.filter((e) => e.type === 'dossier_resolved') as DossierEvent[];
    expect(resolved.length).toBeGreaterThan(0.8 * received.length);
    let late = 0;
    for (const e of resolved) {
      const r = byId.get(e.dossier.dossier_id)!;
      expect(Date.parse(e.occurred_at)).toBeGreaterThan(Date.parse(r.occurred_at));
      if (Date.parse(e.occurred_at) > Date.parse(r.dossier.due_at!)) late++;
    }
    expect(late).toBeGreaterThan(0);
    expect(late / resolved.length).toBeLessThan(0.1);
    const rated = resolved.filter((e) => e.dossier.satisfaction !== undefined);
    expect(rated.filter((e) => e.dossier.satisfaction! >= 4).length / rated.length).toBeGreaterThan(0.8);
    expect(week.filter((e) => e.type === 'dossier_supplement').length).toBeGreaterThan(0);
  });
});

describe('population events', () => {
  const people = (units: SimUnit[], from: number, days: number, seed = 9) =>
    collect(sim(seed, units, []), from, from + days * DAY, 0.1, DAY).filter(isPopulation);

  it.each([
    ['October', 'April', '2026-10-05', '2026-04-06', 9, 3],
    ['September', 'February', '2026-09-07', '2026-02-09', 8, 1],
  ])('has more births in %s than in %s, by the generator season', (_hi, _lo, hiDay, loDay, hiMonth, loMonth) => {
    const unit = [{ unit_id: '10633', population: 6000 }];
    const births = (day: string) => people(unit, vn(`${day}T00:00:00`), 14).filter((e) => e.type === 'birth').length;
    expect(births(hiDay) / births(loDay)).toBeCloseTo(BIRTH_SEASON[hiMonth] / BIRTH_SEASON[loMonth], 1);
  });

  it('gives a commune twice as populous about twice the events', () => {
    const events = people(
      [
        { unit_id: 'A', population: 1000 },
        { unit_id: 'B', population: 2000 },
      ],
      MONDAY,
      7,
    );
    const n = (u: string) => events.filter((e) => e.unit === u).length;
    expect(n('B') / n('A')).toBeGreaterThan(1.9);
    expect(n('B') / n('A')).toBeLessThan(2.1);
  });

  const events = people(UNITS, MONDAY, 14);
  /** Whole years on the event's day, by the calendar (a birthday not yet reached this year does not count). */
  const age = (e: PopulationEvent) => {
    const day = e.occurred_at.slice(0, 10);
    return Number(day.slice(0, 4)) - Number(e.birth_date.slice(0, 4)) - (day.slice(5) < e.birth_date.slice(5) ? 1 : 0);
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const of = (type: string) => events.filter((e) => e.type === type);

  it.each([
    ['birth', (xs: PopulationEvent[]) => xs.every((e) => e.birth_date === e.occurred_at.slice(0, 10) && !e.chip_card)],
    ['death', (xs: PopulationEvent[]) => median(xs.map(age)) > 65],
    ['move_in', (xs: PopulationEvent[]) => median(xs.map(age)) > 18 && median(xs.map(age)) < 40],
    ['id_card_issued', (xs: PopulationEvent[]) => xs.every((e) => age(e) >= 14 && e.chip_card === false)],
    ['vneid_activated', (xs: PopulationEvent[]) => xs.every((e) => age(e) >= 14 && (e.level === 1 || e.chip_card))],
  ])('draws people fitting a %s', (type, fits) => {
    expect(of(type).length).toBeGreaterThan(50);
    expect(fits(of(type))).toBe(true);
  });

  it('puts only population events in communes, mostly permanent residents, about 111.5 boys per 100 girls', () => {
    expect(events.every((e) => e.unit !== '291')).toBe(true);
    expect(events.filter((e) => e.residence === 'permanent').length / events.length).toBeGreaterThan(0.9);
    const births = of('birth');
    const boys = births.filter((e) => e.sex === 'M').length;
    expect(boys / (births.length - boys)).toBeGreaterThan(1.0);
    expect(boys / (births.length - boys)).toBeLessThan(1.25);
  });

  it('takes its age shares from the census table of district 291', () => {
    const row = readCsv(join('data', 'reference', 'census2019', 'population_by_district_age5_urban_rural.csv')).find(
      (r) => r.district_code === '291',
    )!;
    const groups = [
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
    const counts = groups.map((g) => Number(row[`urban_${g}`] || 0) + Number(row[`rural_${g}`] || 0));
    const total = counts.reduce((s, x) => s + x, 0);
    counts.forEach((c, i) => expect(Math.abs(CENSUS_AGE_SHARES[i] - (100 * c) / total)).toBeLessThan(0.0051));
  });
});

describe('live demo', () => {
  const unit = (
    unit_id: string,
    level: string,
    is_base: boolean,
    parent_id: string | null,
    valid_to: string | null,
  ) => ({ unit_id, level, is_base, parent_id, valid_from: '2008-01-01', valid_to });
  const tree = [
    unit('291', 'district', true, '30', '2025-06-30'),
    unit('10633', 'commune', true, '291', '2024-12-31'),
    unit('10606', 'commune', true, '291', '2024-12-31'),
    unit('10633@2025-07', 'commune', false, null, null),
  ];

  it.each([
    ['2024-06-01', ['10633', '10606'], ['291']],
    ['2026-11-27', ['10633', '10606'], ['291']], // none in force: the base communes the data are recorded against
  ])('simulates, on %s, the base communes %j and their districts %j', (today, communes, districts) => {
    const chosen = chooseUnits(tree, today);
    expect([chosen.communes.map((u) => u.unit_id), chosen.districts.map((u) => u.unit_id)]).toEqual([
      communes,
      districts,
    ]);
  });

  const events = weekday.slice(0, 40);
  const firstPopulation = events.findIndex(isPopulation);
  const firstDossier = events.findIndex(isDossier);
  it.each([
    ['a refused population event is left out', [firstPopulation], events.length - 1],
    ['a refused dossier event stops everything', [firstDossier, firstPopulation], null],
    ['no problem named: nothing to leave out', [], null],
  ])('%s', (_name, indexes, left) => {
    const problems = indexes.map((index) => ({
      index,
      event_id: events[index].event_id,
      field: '',
      message: 'nobody matching to remove',
    }));
    const rest = withoutRefused(events, problems);
    expect(rest === null ? null : rest.length).toBe(left);
  });

  it('posts batches, sends a failed batch again with the same ids, and stops', async () => {
    const batches: string[][] = [];
    let failures = 0;
    const demo = await startLiveDemo({
      load: async () => ({ units: UNITS, procedures: CATALOGUE }),
      post: async (batch) => {
        batches.push(batch.map((e) => e.event_id));
        if (failures++ === 0) throw new Error('store busy');
      },
      rate: 20_000, // enough for events in every 50 ms batch, at any hour
      batchMs: 50,
      log: () => {},
    });
    // Wait for the retry and one more batch (a busy machine may take longer than the backoff itself).
    for (let waited = 0; batches.length <= 2 && waited < 15_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await demo.stop();
    expect(batches.length).toBeGreaterThan(2);
    expect(batches[1]).toEqual(batches[0]);
    expect(new Set(batches.slice(1).flat()).size).toBe(batches.slice(1).flat().length);
  });
});
