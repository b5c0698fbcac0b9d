// How a target's numbers read on a tile: the value in its unit (milestones as done / not done), the
// comparator as a sign, the probability of meeting it (tests/unit/web-overview.test.ts) and the change since the
// previous month (tests/unit/web-triage.test.ts). Pure.
import type { TargetAnswer } from '../api/client.ts';
import type { I18n } from '../i18n/index.ts';

const SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=', done: '' };

export function comparatorSign(comparator: string): string {
  return SIGNS[comparator] ?? comparator;
}

/** The value of a target in its unit; a milestone (target 1) is "done" or "not done". */
export function targetValueText(value: number, unit: string, i18n: Pick<I18n, 't' | 'value'>): string {
  if (unit === 'milestone') return i18n.t(value >= 1 ? 'milestone.done' : 'milestone.pending');
  return i18n.value(value, unit);
}

/** The probability of meeting a target as the server gave it (a whole percent): "45 %". */
export function probabilityText(p: number, i18n: Pick<I18n, 'number'>): string {
  return `${i18n.number(Math.round(p * 100), 0)} %`;
}

export interface TileChange {
  /** value − previous value, in the target's unit (percentage points for percent targets) */
  delta: number;
  direction: 'up' | 'down' | 'flat';
  /** the change goes the way the target wants; null when flat */
  better: boolean | null;
  month: string;
}

/**
 * The change since the previous month the server gave (previous_month, previous_value). `shown` writes a change in
 * the tile's unit: a change that reads as zero there is flat. None for a milestone, a withheld or missing value.
 */
export function tileChange(
  t: Pick<TargetAnswer, 'value' | 'previous_value' | 'previous_month' | 'unit' | 'comparator' | 'suppressed'>,
  shown: (v: number) => string,
): TileChange | null {
  if (t.unit === 'milestone' || t.suppressed || t.value === null) return null;
  if (t.previous_value === null || t.previous_value === undefined || !t.previous_month) return null;
  const delta = t.value - t.previous_value;
  if (shown(Math.abs(delta)) === shown(0)) return { delta, direction: 'flat', better: null, month: t.previous_month };
  const direction = delta > 0 ? 'up' : 'down';
  return { delta, direction, better: t.comparator === '<=' ? delta < 0 : delta > 0, month: t.previous_month };
}

/** The change since the previous month as a tile writes it: "2,8 điểm % so với tháng 11/2026" and its tone. */
export function changeText(
  t: Parameters<typeof tileChange>[0],
  i18n: Pick<I18n, 't' | 'number' | 'value' | 'period' | 'lang'>,
): { direction: TileChange['direction']; tone: 'better' | 'worse' | 'flat'; word: string; text: string } | null {
  const amount = (v: number) =>
    t.unit === 'percent' ? i18n.t('overview.points', { n: i18n.number(v, 1) }) : i18n.value(v, t.unit);
  const c = tileChange(t, amount);
  if (!c) return null;
  const [y, m] = c.month.split('-');
  const month = i18n.lang === 'vi' ? `${Number(m)}/${y}` : i18n.period(c.month);
  if (c.direction === 'flat')
    return { direction: 'flat', tone: 'flat', word: '', text: i18n.t('triage.unchanged', { month }) };
  return {
    direction: c.direction,
    tone: c.better ? 'better' : 'worse',
    word: i18n.t(c.direction === 'up' ? 'overview.change_up' : 'overview.change_down'),
    text: i18n.t('triage.change', { delta: amount(Math.abs(c.delta)), month }),
  };
}
