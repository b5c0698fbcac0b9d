// Pure helpers turning indicator columns into chart series: trailing 12-month values for flows
// (as the targets API judges them), suppressed cells as null (a gap, never 0), sums over a range.
import type { IndicatorColumns } from '../api/client.ts';

export type Cols = Pick<IndicatorColumns, 'period' | 'value' | 'numerator' | 'denominator' | 'suppressed'> & Partial<Pick<IndicatorColumns, 'unit' | 'unit_name'>>;

/** numerator / denominator × scale; a count when there is no denominator; null when unknown. */
export function ratio(numerator: number | null, denominator: number | null, scale: number, hasDenominator: boolean): number | null {
  if (numerator === null) return null;
  if (!hasDenominator) return numerator;
  if (denominator === null || denominator === 0) return null;
  return (numerator / denominator) * scale;
}

/** The month's value, null when suppressed. */
export function monthlyValues(c: Cols): (number | null)[] {
  return c.value.map((v, i) => (c.suppressed[i] ? null : v));
}

/**
 * Trailing 12-month values of a flow: numerators and denominators summed over the 12 months up to each month.
 * A window that holds a suppressed month cannot be recomputed here, so it is null (shown as suppressed).
 */
export function trailing12(c: Cols, scale: number): (number | null)[] {
  const hasDen = c.denominator.some((d) => d !== null);
  return c.period.map((_, i) => {
    const lo = Math.max(0, i - 11);
    let num: number | null = null;
    let den: number | null = null;
    for (let j = lo; j <= i; j++) {
      if (c.suppressed[j]) return null;
      if (c.numerator[j] !== null) num = (num ?? 0) + c.numerator[j]!;
      if (c.denominator[j] !== null) den = (den ?? 0) + c.denominator[j]!;
    }
    return ratio(num, den, scale, hasDen);
  });
}

export interface RangeValue {
  value: number | null;
  suppressed: boolean;
}

/** A flow over months from..to (inclusive) or a stock at `to`; suppressed when any month needed is. */
export function rangeValue(c: Cols, from: string, to: string, time: string, scale: number): RangeValue {
  const idx = c.period.map((p, i) => (p >= from && p <= to ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return { value: null, suppressed: false };
  if (time !== 'sum') {
    const last = idx[idx.length - 1];
    return { value: c.suppressed[last] ? null : c.value[last], suppressed: c.suppressed[last] };
  }
  if (idx.some((i) => c.suppressed[i])) return { value: null, suppressed: true };
  const hasDen = c.denominator.some((d) => d !== null);
  const sum = (xs: (number | null)[]) => idx.reduce<number | null>((s, i) => (xs[i] === null ? s : (s ?? 0) + xs[i]!), null);
  return { value: ratio(sum(c.numerator), sum(c.denominator), scale, hasDen), suppressed: false };
}

/** YYYY-MM plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** Every month from..to inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export interface PartialSeries {
  values: (number | null)[];
  /** the window holds suppressed months: the value sums only the published months (an estimate) */
  partial: boolean[];
}

/**
 * Trailing 12-month values from the published months only. Complementary suppression hides many
 * small months of rare flows (e.g. linked death registrations), so a strict window would almost
 * never be known; a window with hidden months is flagged partial, one with none published is null.
 */
export function trailing12Visible(c: Cols, scale: number): PartialSeries {
  const hasDen = c.denominator.some((d) => d !== null);
  const values: (number | null)[] = [];
  const partial: boolean[] = [];
  c.period.forEach((_, i) => {
    let num: number | null = null;
    let den: number | null = null;
    let hidden = false;
    for (let j = Math.max(0, i - 11); j <= i; j++) {
      if (c.suppressed[j]) hidden = true;
      else {
        if (c.numerator[j] !== null) num = (num ?? 0) + c.numerator[j]!;
        if (c.denominator[j] !== null) den = (den ?? 0) + c.denominator[j]!;
      }
    }
    const v = ratio(num, den, scale, hasDen);
    values.push(v);
    partial.push(hidden && v !== null);
  });
  return { values, partial };
}
