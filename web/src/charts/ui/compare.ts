// How a KPI tile's value compares with another period's (charts/ui/period-tile.tsx): up, down or the same,
// by how much as the values are shown (97,3 % against 95,3 % is 2,0 points, whatever the hidden decimals),
// and whether that is better or worse by the indicator's direction. A withheld or missing value compares
// with nothing. Pure; tests/unit/web-analyst-compare.test.ts.
import type { I18n } from '../../i18n/index.ts';

/** Fraction digits a value is shown with (i18n/format.ts formatValue): the change is counted in them. */
const SHOWN_DIGITS: Record<string, number> = {
  percent: 1,
  count: 0,
  persons: 0,
  days: 1,
  points: 2,
  persons_per_km2: 0,
};
export const shownDigits = (unit: string): number => SHOWN_DIGITS[unit] ?? 1;

export interface Change {
  dir: 'up' | 'down' | 'same';
  /** the size of the change, in the indicator's unit (percentage points for a percent) */
  size: number;
  verdict: 'better' | 'worse' | 'neutral';
}

/** A value as a tile has it: withheld values compare with nothing. */
export interface Compared {
  value: number | null;
  suppressed: boolean;
}

export function changeBetween(now: Compared, before: Compared | null, unit: string, direction: string): Change | null {
  if (!before || now.suppressed || before.suppressed || now.value === null || before.value === null) return null;
  const k = 10 ** shownDigits(unit);
  const steps = Math.round(now.value * k) - Math.round(before.value * k);
  const dir = steps > 0 ? 'up' : steps < 0 ? 'down' : 'same';
  const verdict =
    dir === 'same' || (direction !== 'higher' && direction !== 'lower')
      ? 'neutral'
      : (dir === 'up') === (direction === 'higher')
        ? 'better'
        : 'worse';
  return { dir, size: Math.abs(steps) / k, verdict };
}

/** "2,1 điểm %" for a percent, else the value in its unit ("12", "0,3 ngày"). */
export function changeSize(c: Change, unit: string, i: Pick<I18n, 't' | 'number' | 'value'>): string {
  return unit === 'percent' ? i.t('forecast.points', { v: i.number(c.size, 1) }) : i.value(c.size, unit);
}
