// Pure helpers turning indicator columns into chart series: suppressed cells as null (a gap, never 0),
// a value over a range, month arithmetic. A target's rolling 12-month values come from the server
// (GET /api/targets?trajectory=), never from here.
import { addMonths } from '../../../server/contracts/months.ts';
import type { IndicatorColumns } from '../api/client.ts';

export type Cols = Pick<IndicatorColumns, 'period' | 'value' | 'numerator' | 'denominator' | 'suppressed'> &
  Partial<Pick<IndicatorColumns, 'unit' | 'unit_name'>>;

/** numerator / denominator × scale; a count when there is no denominator; null when unknown. */
export function ratio(
  numerator: number | null,
  denominator: number | null,
  scale: number,
  hasDenominator: boolean,
): number | null {
  if (numerator === null) return null;
  if (!hasDenominator) return numerator;
  if (denominator === null || denominator === 0) return null;
  return (numerator / denominator) * scale;
}

/** The month's value, null when suppressed. */
export function monthlyValues(c: Cols): (number | null)[] {
  return c.value.map((v, i) => (c.suppressed[i] ? null : v));
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
  const sum = (xs: (number | null)[]) =>
    idx.reduce<number | null>((s, i) => (xs[i] === null ? s : (s ?? 0) + xs[i]), null);
  return { value: ratio(sum(c.numerator), sum(c.denominator), scale, hasDen), suppressed: false };
}

/** Every month from..to inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
