// Each commune's seeded "digital maturity" m in [0, 1) turned into the shares the people and dossier
// generators draw from: better communes issue cards, e-identities and online services sooner.
import type { Commune } from './universe.ts';

export interface CommuneParams {
  maturity: number;
  champion: boolean;
  /** Temporary residents among the residents at the start. */
  temporaryShare: number;
  /** Residents without a personal identification number at the start. */
  noPersonalIdShare: number;
  /** Card-age residents at the start whose chip card was issued before the window (2021). */
  cardBeforeStart: number;
  /** Mean delay (days) of the other cards after the start, and after a 14th birthday. */
  cardCatchUpDays: number;
  teenCardDays: number;
  /** Card-age residents who never get a chip card. */
  cardNever: number;
  /** VNeID: final share of 14–59-year-olds, midpoint (decimal year) and spread (years) of the logistic uptake. */
  vneidCap: number;
  vneidMid: number;
  vneidSpread: number;
  /** Requests never resolved, and the share of activations that reach level 2. */
  vneidUnresolved: number;
  vneidLevel2: number;
  /** Records missing a mandatory field at the start; of them, the share never completed; mean days to complete. */
  incomplete: number;
  incompleteResidual: number;
  completionDays: number;
}

const lerp = (lo: number, hi: number, m: number) => lo + (hi - lo) * m;

export function communeParams(c: Commune): CommuneParams {
  const m = c.maturity;
  const town = c.popUrban > c.popRural;
  // The temporary share varies a little between rural communes, seeded by the maturity's fractional digits.
  const jitter = (m * 997) % 1;
  return {
    maturity: m,
    champion: c.champion,
    temporaryShare: town ? 0.085 : 0.03 + 0.02 * jitter,
    noPersonalIdShare: c.champion || m >= 0.5 ? 0 : lerp(0.004, 0.0005, m * 2),
    cardBeforeStart: c.champion ? 0.97 : lerp(0.88, 0.96, m),
    cardCatchUpDays: lerp(330, 120, m),
    teenCardDays: lerp(150, 45, m),
    cardNever: c.champion ? 0 : lerp(0.008, 0.002, m),
    vneidCap: lerp(0.8, 0.97, m),
    vneidMid: lerp(2023.25, 2022.75, m),
    vneidSpread: 0.33,
    vneidUnresolved: c.champion ? 0 : lerp(0.02, 0.004, m),
    vneidLevel2: lerp(0.82, 0.96, m),
    incomplete: lerp(0.08, 0.03, m),
    incompleteResidual: c.champion ? 0 : lerp(0.25, 0.05, m),
    completionDays: lerp(420, 150, m),
  };
}

/** A logistic ramp from `lo` to `hi` centred on `mid` (decimal year), `spread` years wide. */
export function ramp(year: number, lo: number, hi: number, mid: number, spread: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-(year - mid) / spread));
}
