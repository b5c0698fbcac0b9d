// `npm start -- --live-demo`: runs the live-event simulator inside the server so that a newcomer sees
// the IOC move. server/main.ts starts it with the in-process ingestion as `post`; scripts/simulate.ts
// shares the choice of units. Rates and defaults: docs/simulator.md.
import { fullScope } from '../auth/scope.ts';
import { randomBytes } from 'node:crypto';
import type { EventProblem, LiveEvent } from '../contracts/events.ts';
import type { Context } from '../context.ts';
import { createSimulator, type SimProcedure, type SimUnit } from './simulator.ts';

/** Events a second on average (busier in office hours, quieter at night): enough for screens to move visibly. */
export const LIVE_DEMO_RATE = 5;
/** A failing batch is tried this many times (backing off up to 30 s) before the demo stops. */
const MAX_ATTEMPTS = 6;

export interface LiveDemoInputs {
  units: SimUnit[];
  procedures: SimProcedure[];
}
export interface LiveDemoOptions {
  /** the base units with their population, and the procedure catalogue (see liveDemoInputs) */
  load: () => Promise<LiveDemoInputs>;
  /** applies a batch (time-ordered); a rejection is retried with the same events */
  post: (events: LiveEvent[]) => Promise<unknown>;
  rate?: number;
  seed?: number;
  batchMs?: number;
  log?: (message: string) => void;
}
export interface LiveDemo {
  stop(): Promise<void>;
}

interface UnitFacts {
  unit_id: string;
  level: string;
  is_base: boolean;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
}

/**
 * The units to simulate: the base communes (those in force on `today` when there are any, else all of
 * them: the demo store records 2025– data against the communes of 2008–2024) and the base districts
 * they belong to, which receive the district-level procedures.
 */
export function chooseUnits<U extends UnitFacts>(units: U[], today: string): { communes: U[]; districts: U[] } {
  const base = units.filter((u) => u.is_base && u.level === 'commune');
  const current = base.filter((u) => u.valid_from <= today && (u.valid_to === null || u.valid_to >= today));
  const communes = current.length > 0 ? current : base;
  const parents = new Set(communes.map((u) => u.parent_id));
  return { communes, districts: units.filter((u) => u.is_base && u.level === 'district' && parents.has(u.unit_id)) };
}

/**
 * The batch without the population events the store refused (a death or a move out of a cell where
 * nobody is left: the simulator does not see the store's cells), or null when a dossier event was
 * refused: its follow-ups would be refused too, so that is a fault to report, not to skip.
 */
export function withoutRefused(events: LiveEvent[], problems: EventProblem[]): LiveEvent[] | null {
  const refused = new Set(problems.map((p) => p.index));
  if (refused.size === 0 || [...refused].some((i) => !events[i] || 'dossier' in events[i])) return null;
  return events.filter((_, i) => !refused.has(i));
}

/** The day in Vietnam (UTC+7) of an instant. */
export const vietnamToday = (ms = Date.now()) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

/** Loader for startLiveDemo from the server's context: units, their population at the data date, and the catalogue. */
export function liveDemoInputs(ctx: Context): () => Promise<LiveDemoInputs> {
  return async () => {
    const { communes, districts } = chooseUnits(ctx.units.units, vietnamToday());
    const scope = fullScope(ctx.units);
    const population = new Map<string, number>();
    for (const parent of new Set(communes.map((u) => u.parent_id).filter((p): p is string => p !== null))) {
      const answer = await ctx.indicators.run({ id: 'population', unit: parent, by: 'unit', filters: {}, scope });
      for (const r of answer.rows) if (r.value !== null) population.set(r.unit, r.value);
    }
    const units: SimUnit[] = communes.map((u) => ({ unit_id: u.unit_id, population: population.get(u.unit_id) ?? 0 }));
    for (const d of districts) {
      const total = communes
        .filter((u) => u.parent_id === d.unit_id)
        .reduce((s, u) => s + (population.get(u.unit_id) ?? 0), 0);
      units.push({ unit_id: d.unit_id, population: total, level: 'district' });
    }
    const procedures = (
      await ctx.pool.use((c) =>
        c.runAndReadAll(
          `SELECT procedure_code, level, due_days, full_online_eligible, bundle, bundle_step::INTEGER AS bundle_step
           FROM procedures ORDER BY procedure_code`,
        ),
      )
    ).getRowObjectsJson() as unknown as SimProcedure[];
    return { units, procedures };
  };
}

/**
 * Starts posting simulated events every `batchMs` (default 1 s) until stop(). Throws when there is nothing
 * to simulate.
 */
export async function startLiveDemo(options: LiveDemoOptions): Promise<LiveDemo> {
  const rate = options.rate ?? LIVE_DEMO_RATE;
  const batchMs = options.batchMs ?? 1000;
  const log = options.log ?? ((m: string) => console.log(`[live-demo] ${m}`));
  const { units, procedures } = await options.load();
  if (!units.some((u) => u.population > 0)) throw new Error('live demo: no base commune with a population to simulate');
  const seed = options.seed ?? randomBytes(4).readUInt32LE(0);
  const runId = randomBytes(5).toString('hex');
  const sim = createSimulator({ seed, units, procedures, runId });
  log(`simulating ${units.length} units at ${rate} events/s on average (seed ${seed}, run ${runId})`);

  let stopped = false;
  let wake = () => {};
  /** waits, or less when stop() is called */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let from = Date.now();
  let posted = 0;
  let lastReport = from;
  const loop = async () => {
    while (!stopped) {
      const started = Date.now();
      let events = sim.eventsBetween(from, started, rate);
      from = started;
      for (let attempt = 1; events.length > 0 && !stopped; attempt++) {
        try {
          await options.post(events);
          posted += events.length;
          break;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const problems = (err as { problems?: EventProblem[] }).problems;
          const rest = Array.isArray(problems) ? withoutRefused(events, problems) : undefined;
          if (rest) {
            log(
              `the store refused ${events.length - rest.length} population events ` +
                `(${problems![0].message}); posting the rest`,
            );
            events = rest;
            continue;
          }
          if (rest === null || attempt >= MAX_ATTEMPTS) {
            log(
              `stopped: ${message}${
                problems
                  ? ` — ${problems
                      .slice(0, 3)
                      .map((p) => `${p.event_id} ${p.field}: ${p.message}`)
                      .join('; ')}`
                  : ''
              }`,
            );
            stopped = true;
            break;
          }
          // the same events again: an event id already applied is acknowledged, not applied twice
          log(`posting ${events.length} events failed (attempt ${attempt}): ${message}`);
          await sleep(Math.min(30_000, 500 * 2 ** attempt));
        }
      }
      if (started - lastReport >= 60_000) {
        log(
          `${posted} events posted in the last ${Math.round((started - lastReport) / 1000)} s; ` +
            `${sim.openDossiers()} dossiers open`,
        );
        posted = 0;
        lastReport = started;
      }
      await sleep(Math.max(0, batchMs - (Date.now() - started)));
    }
  };
  const running = loop().catch((err: unknown) => log(`stopped: ${err instanceof Error ? err.message : String(err)}`));
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
