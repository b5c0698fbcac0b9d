// How a target's numbers read on a tile: the value in its unit (milestones as done / not done), the
// comparator as a sign and the probability of meeting it. Pure; tested in tests/unit/web-overview.test.ts.
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
