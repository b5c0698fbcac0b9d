// Calibration of the Decision 766 service index in the demo data. Every base unit is strong in some of
// the index's groups and weak in others (a seeded strength per group, pulled towards its digital
// maturity); the shares its dossiers and petitions are drawn from ramp over 2022–2026 towards a level
// between the knob's `weak` and `strong` values. SERVICE_766_KNOBS is the one table to retune.
import { decimalYear, type Window } from './calendar.ts';
import { ramp } from './maturity.ts';
import { Rng } from './prng.ts';

/** The portal's groups: 1 transparency, 2 progress, 3 online service, 3b payment, 4 digitisation, 5 satisfaction. */
export type Group766 = '1' | '2' | '3' | '3b' | '4' | '5';
export const GROUPS_766: readonly Group766[] = ['1', '2', '3', '3b', '4', '5'];

/** How a unit's strength in a group (0 weak … 1 strong) is drawn. */
export const SERVICE_766_PROFILE = {
  /** strength = clamp(base + maturityWeight × maturity + groupSpread × (u − 0.5)), u a seeded uniform per group. */
  base: 0.05,
  maturityWeight: 0.8,
  /** How far a unit's groups stray from its maturity: strong in some, weak in others. */
  groupSpread: 0.7,
  /** The champions of the data targets are at least this strong in every group. */
  championFloor: 0.75,
};

export interface Knob {
  /** The group whose strength sets the level (null: the same for every unit). */
  group: Group766 | null;
  /** Level early in 2022. */
  start: number;
  /** Level reached by a unit of strength 0, and of strength 1 (the ramp ends between them). */
  weak: number;
  strong: number;
  /** Midpoint (decimal year) for strength 0; a unit of strength s gets there 0.5 × s years earlier. */
  mid: number;
  /** Width of the logistic ramp, years. */
  spread: number;
}

/**
 * THE calibration table of the Decision 766 fields (docs/calibration.md, "Decision 766 fields"). Shares per
 * dossier unless said otherwise; the indicator each one moves is in the comment.
 */
export const SERVICE_766_KNOBS = {
  /** 1.4: dossiers synchronised to the national portal. */
  synced: { group: '1', start: 0.6, weak: 0.7, strong: 0.998, mid: 2023.3, spread: 0.5 },
  /** 2.1: multiplier of the share of dossiers resolved late (dossier-outcome.ts, 12 → 1–4 %). */
  lateShare: { group: '2', start: 1, weak: 2, strong: 0.5, mid: 2024.6, spread: 0.4 },
  /** 2.1: dossiers of procedures of 3 days or more that get a supplement request (fewer for shorter ones). */
  supplement: { group: '2', start: 0.12, weak: 0.14, strong: 0.05, mid: 2023.8, spread: 0.6 },
  /** 2.1: of the dossiers with a supplement request, those that get a second one (late by the 766 rule). */
  secondSupplement: { group: '2', start: 0.2, weak: 0.3, strong: 0.03, mid: 2023.8, spread: 0.6 },
  /** 3.2, 3.3, 3.6: multiplier of the share of dossiers filed online (dossier-outcome.ts onlineShare). */
  onlineShare: { group: '3', start: 1, weak: 0.45, strong: 1.6, mid: 2024.3, spread: 0.5 },
  /** 3.3: resolved online dossiers that get an electronic result (paper-result procedures). */
  onlineResultElectronic: { group: '3', start: 0.3, weak: 0.4, strong: 0.99, mid: 2023.8, spread: 0.5 },
  /** 3.6: multiplier of the share of fee dossiers paid online (dossier-outcome.ts, online 25 → 90 %). */
  paidOnline: { group: '3b', start: 1, weak: 0.35, strong: 2.2, mid: 2024, spread: 0.5 },
  /** 3.6: unpaid dossiers of fee-bearing procedures whose fee was waived (fee_amount 0). */
  feeZero: { group: null, start: 0.06, weak: 0.15, strong: 0.15, mid: 2024.5, spread: 0.5 },
  /** 4.1, 4.2: resolved counter and post dossiers that get an electronic result (paper-result procedures). */
  resultElectronic: { group: '4', start: 0.2, weak: 0.25, strong: 0.97, mid: 2023.8, spread: 0.5 },
  /** 4.2: counter and post dossiers not processed online whose components were digitised at reception. */
  componentsDigitised: { group: '4', start: 0.2, weak: 0.2, strong: 0.97, mid: 2023.8, spread: 0.5 },
  /** 4.3: dossiers with a component taken from already digitised data. */
  reusedDigitised: { group: '4', start: 0.02, weak: 0.05, strong: 0.9, mid: 2024.6, spread: 0.5 },
  /** 4.4: online dossiers of VNeID-authenticated applicants that take a component from their data store. */
  fromDataStore: { group: '4', start: 0, weak: 0.05, strong: 0.55, mid: 2025, spread: 0.4 },
  /** 4.4: electronic results of applicants with an e-identity synced to their personal data store. */
  resultToDataStore: { group: '4', start: 0, weak: 0.05, strong: 0.8, mid: 2025, spread: 0.4 },
  /** 5: petitions per 1000 dossiers received (about four in ten on the dossier itself, the others on its procedure). */
  petitions: { group: '5', start: 5, weak: 5.5, strong: 3, mid: 2024, spread: 0.6 },
  /** 5.2: petitions handled within their deadline (15 working days; 2 for refusals and publications, 5 to ask more). */
  petitionOnTime: { group: '5', start: 0.7, weak: 0.35, strong: 0.98, mid: 2024, spread: 0.5 },
  /** 5.3: handled petitions rated "not satisfied" (twice as often when late). */
  disliked: { group: '5', start: 0.1, weak: 0.2, strong: 0.02, mid: 2024, spread: 0.5 },
  /** 5.3: handled petitions whose matter is petitioned again (a new petition follows; not itself repeated). */
  repeated: { group: '5', start: 0.05, weak: 0.08, strong: 0.01, mid: 2024, spread: 0.5 },
} satisfies Record<string, Knob>;

export type KnobName = keyof typeof SERVICE_766_KNOBS;

/** A base unit's strengths and every knob's level by month of the window. */
export interface ServiceProfile {
  unitId: string;
  strength: Record<Group766, number>;
  at: Record<KnobName, Float64Array>;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A knob's level at a decimal year for a unit (the knobs by month are these at mid-month). */
export function knobLevel(strength: Record<Group766, number>, name: KnobName, year: number): number {
  const k: Knob = SERVICE_766_KNOBS[name];
  const s = k.group === null ? 0.5 : strength[k.group];
  return ramp(year, k.start, k.weak + (k.strong - k.weak) * s, k.mid - 0.5 * s, k.spread);
}

export function unitStrengths(seed: number, unitId: string, maturity: number, champion: boolean) {
  const rng = new Rng(seed, 'service766', 'profile', unitId);
  const { base, maturityWeight, groupSpread, championFloor } = SERVICE_766_PROFILE;
  const floor = champion ? championFloor : 0;
  const strength = {} as Record<Group766, number>;
  for (const g of GROUPS_766)
    strength[g] = Math.max(floor, clamp01(base + maturityWeight * maturity + groupSpread * (rng.next() - 0.5)));
  return strength;
}

export function serviceProfile(
  seed: number,
  unitId: string,
  maturity: number,
  champion: boolean,
  win: Window,
): ServiceProfile {
  const strength = unitStrengths(seed, unitId, maturity, champion);
  const years = win.months.map((m) => decimalYear(m.first + 14));
  const at = {} as Record<KnobName, Float64Array>;
  for (const name of Object.keys(SERVICE_766_KNOBS) as KnobName[])
    at[name] = Float64Array.from(years, (y) => knobLevel(strength, name, y));
  return { unitId, strength, at };
}
