// Dossiers of the live simulator (server/live/simulator.ts): the demo catalogue's volumes for the
// store's procedures, and a desk that receives a dossier with the demo generator's outcome draw
// (channel, e-identity, due time, resolution, rating) and keeps its follow-up until it falls due.
import {
  chooseChannel,
  drawOutcome,
  type Channel,
  type UnitProfile,
} from '../../data/pipeline/generate/dossier-outcome.ts';
import { ramp } from '../../data/pipeline/generate/maturity.ts';
import { PROCEDURES, type Procedure } from '../../data/pipeline/generate/procedures.ts';
import type { Rng } from '../../data/pipeline/generate/prng.ts';
import { addWorkMinutes, workMinutesBetween } from '../../data/pipeline/generate/worktime.ts';
import type { DossierEvent } from '../contracts/events.ts';
import { MATURITY } from './sim-people.ts';

export type Level = 'commune' | 'district';
export type Bundle = 'birth' | 'death';

/** A row of GET /api/procedures (the fields the simulator needs). */
export interface SimProcedure {
  procedure_code: string;
  level: string;
  due_days: number;
  full_online_eligible: boolean;
  bundle: string | null;
  bundle_step: number | null;
}

const VN_MS = 7 * 3_600_000;
const MINUTE = 60_000;
/** An instant as ISO time in Vietnam: 2026-11-02T09:15:00+07:00. */
export const isoVn = (ms: number) => `${new Date(ms + VN_MS).toISOString().slice(0, 19)}+07:00`;
/** dossier-outcome.ts statusOf: 0.4 % of dossiers are withdrawn, which no event says; the rest get one follow-up. */
export const FOLLOW_UPS = 1 - 0.004;
/** VNeID holders among card-age residents, for the applicant's e-identity (assumption near the demo's 2025 level). */
const EID_SHARE = 0.8;
/**
 * Dossiers a year per 1000 residents for a code the demo catalogue lacks: about the median of its commune
 * procedures.
 */
const DEFAULT_RATE = 6;
/**
 * dossiers.ts eventSeeds: without the bundle a birth brings CT-01 (50 %) and its step 3, BH-01 (70 %);
 * a death CT-03 (60 %) and XH-02 (30 %).
 */
export const EXTRAS = {
  birth: [
    ['CT-01', 0.5],
    [3, 0.7],
  ],
  death: [
    ['CT-03', 0.6],
    [3, 0.3],
  ],
} as const;

/** The demo's procedure for a catalogue row (its volume and online affinity), with the store's own facts. */
export function asProcedure(p: SimProcedure): Procedure {
  const known = PROCEDURES.find((x) => x.code === p.procedure_code);
  const base: Procedure = known ?? {
    code: p.procedure_code,
    name: '',
    nameEn: '',
    field: 'other',
    level: 'commune',
    dueDays: 1,
    populationManagement: false,
    essential: null,
    eligible: false,
    fullOnlineSince: p.full_online_eligible ? '2023-01-01' : null,
    populationDataSince: null,
    standardisedSince: null,
    simplifiedSince: null,
    bundle: null,
    bundleStep: null,
    rate: DEFAULT_RATE,
    online: 0.5,
    fee: false,
    feeAmount: 0,
    paymentIntegrated: false,
    paperResult: true,
    citizenApplicants: true,
  };
  const level: Level = p.level === 'district' ? 'district' : 'commune';
  const bundle = p.bundle === 'birth' || p.bundle === 'death' ? p.bundle : null;
  const bundleStep = p.bundle_step === 1 || p.bundle_step === 2 || p.bundle_step === 3 ? p.bundle_step : null;
  return { ...base, level, dueDays: p.due_days, eligible: p.full_online_eligible, bundle, bundleStep };
}

/** Whether a procedure has a volume of its own (a bundle step's comes from the births and deaths). */
export const ownVolume = (p: Procedure) => (p.bundle === null ? p.rate : 0);

/** dossiers.ts bundleShare for a commune of the simulator's maturity: births (deaths) registered as a bundle. */
export const bundleShare = (year: number) =>
  Math.min(1, ramp(year, 0.05, 0.45 + 0.5 * MATURITY, 2024.2 - 0.6 * MATURITY, 0.45));

/** The generator's receiving unit, at the simulator's maturity. */
export const PROFILES: Record<Level, UnitProfile> = {
  commune: { unitId: '', level: 'commune', maturity: MATURITY, champion: false, eidShare: Float64Array.of(EID_SHARE) },
  district: {
    unitId: '',
    level: 'district',
    maturity: MATURITY,
    champion: false,
    eidShare: Float64Array.of(EID_SHARE),
  },
};

/** What is left to say about a dossier received: its resolution (or a request for a supplement) at `t`. */
interface FollowUp {
  t: number;
  id: string;
  unit: string;
  outcome: 'resolved' | 'rejected' | 'supplement';
  digitised: boolean;
  satisfaction: number; // 0: not rated
}

/** Receives dossiers and keeps their follow-ups in a min-heap by time (compact: the event is built when due). */
export class DossierDesk {
  private heap: FollowUp[] = [];

  get open(): number {
    return this.heap.length;
  }

  /** When the next follow-up falls due (Infinity: none). */
  nextDue(): number {
    return this.heap.length ? this.heap[0].t : Infinity;
  }

  /** A dossier_received at `t` (ms); with `follow`, its resolution or supplement request is kept for later. */
  receive(
    rng: Rng,
    p: Procedure,
    level: Level,
    unit: string,
    channel: Channel,
    t: number,
    id: string,
    bundleRef: string | null,
    follow: boolean,
  ): DossierEvent {
    const received = Math.floor((t + VN_MS) / MINUTE); // the generator's local minutes
    const o = drawOutcome(rng, p, PROFILES[level], channel, received, 0, Infinity);
    const [eidAuth, reused, digitised, paid, processed, hadEid, enrolled] = o.flags.split(',').map((f) => f === '1');
    const second = Math.floor(rng.next() * 60);
    const dossier: DossierEvent['dossier'] = {
      dossier_id: id,
      procedure_code: p.code,
      channel,
      due_at: isoVn(t + p.dueDays * 86_400_000),
      eid_authenticated: eidAuth,
      population_data_reused: reused,
      paid_online: paid,
      processed_online: processed,
      applicant_had_eid: hadEid,
      eid_enrolled_on_site: enrolled,
    };
    if (bundleRef) dossier.bundle_ref = bundleRef;
    const at = (minute: number) => Math.max(t + 1000, minute * MINUTE - VN_MS + second * 1000);
    if (follow && (o.status === 'resolved' || o.status === 'rejected')) {
      this.push({
        t: at(o.resolvedAt!),
        id,
        unit,
        outcome: o.status,
        digitised,
        satisfaction: Number(o.satisfaction || 0),
      });
    } else if (follow && o.status === 'supplement') {
      // asked in office hours before the due time, and never resolved (the generator's 'supplement' status)
      const asked = addWorkMinutes(received, Math.floor((second / 60) * workMinutesBetween(received, o.dueAt)));
      this.push({ t: at(asked), id, unit, outcome: 'supplement', digitised: false, satisfaction: 0 });
    }
    return { event_id: id, type: 'dossier_received', occurred_at: isoVn(t), unit, dossier };
  }

  /** Counter or post, in the demo's proportions for the procedure (its online share set aside). */
  offlineChannel(rng: Rng, p: Procedure, level: Level, year: number): Channel {
    for (let i = 0; i < 100; i++) {
      const c = chooseChannel(rng, p, PROFILES[level], year);
      if (c !== 'online') return c;
    }
    return 'counter';
  }

  /** The event of the follow-up due first (call when nextDue() has come). */
  popDue(): DossierEvent {
    const f = this.pop();
    const occurred_at = isoVn(f.t);
    if (f.outcome === 'supplement')
      return {
        event_id: `${f.id}.s`,
        type: 'dossier_supplement',
        occurred_at,
        unit: f.unit,
        dossier: { dossier_id: f.id },
      };
    const dossier: DossierEvent['dossier'] = { dossier_id: f.id, result_digitised: f.digitised, outcome: f.outcome };
    if (f.satisfaction > 0) dossier.satisfaction = f.satisfaction;
    return { event_id: `${f.id}.r`, type: 'dossier_resolved', occurred_at, unit: f.unit, dossier };
  }

  private push(f: FollowUp): void {
    const a = this.heap;
    a.push(f);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (a[up].t <= a[i].t) break;
      [a[up], a[i]] = [a[i], a[up]];
      i = up;
    }
  }

  private pop(): FollowUp {
    const a = this.heap;
    const top = a[0];
    const last = a.pop()!;
    if (a.length === 0) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < a.length && a[l].t < a[m].t) m = l;
      if (l + 1 < a.length && a[l + 1].t < a[m].t) m = l + 1;
      if (m === i) return top;
      [a[m], a[i]] = [a[i], a[m]];
      i = m;
    }
  }
}
