// The change a KPI tile shows (charts/ui/compare.ts): counted as the values are shown (97,34 % and 95,26 % are
// shown 97,3 % and 95,3 %: a change of 2,0 points, not 2,1), better or worse by the indicator's direction, and
// nothing against a withheld value.
import { describe, expect, it } from 'vitest';
import { changeBetween, changeSize } from '../../web/src/charts/ui/compare.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';

const v = (value: number | null, suppressed = false) => ({ value, suppressed });

describe('changeBetween', () => {
  it.each([
    [v(97.34), v(95.26), 'percent', 'higher', { dir: 'up', size: 2, verdict: 'better' }],
    [v(95.26), v(97.34), 'percent', 'higher', { dir: 'down', size: 2, verdict: 'worse' }],
    [v(12.3), v(14.1), 'percent', 'lower', { dir: 'down', size: 1.8, verdict: 'better' }],
    [v(3925), v(3801), 'count', 'none', { dir: 'up', size: 124, verdict: 'neutral' }],
    [v(3925.4), v(3925.2), 'count', 'higher', { dir: 'same', size: 0, verdict: 'neutral' }],
    [v(0.62), v(0.71), 'days', 'lower', { dir: 'down', size: 0.1, verdict: 'better' }],
    [v(5984), v(6010), 'persons', 'none', { dir: 'down', size: 26, verdict: 'neutral' }],
  ] as const)('%j against %j (%s, %s)', (now, before, unit, direction, expected) =>
    expect(changeBetween(now, before, unit, direction)).toEqual(expected),
  );

  it.each([
    ['the value now is withheld', v(null, true), v(90)],
    ['the value before is withheld', v(90), v(null, true)],
    ['no value now', v(null), v(90)],
    ['no value before', v(90), v(null)],
    ['no period before', v(90), null],
  ])('%s: no change', (_, now, before) => expect(changeBetween(now, before, 'percent', 'higher')).toBeNull());
});

describe('changeSize', () => {
  const vi = makeI18n('vi');
  const en = makeI18n('en');
  it('percentage points for a percent, the unit otherwise, vi-VN digits', () => {
    expect(changeSize({ dir: 'up', size: 2.1, verdict: 'better' }, 'percent', vi)).toBe('2,1 điểm %');
    expect(changeSize({ dir: 'up', size: 2.1, verdict: 'better' }, 'percent', en)).toBe('2.1 pp');
    expect(changeSize({ dir: 'down', size: 1234, verdict: 'neutral' }, 'count', vi)).toBe('1.234');
    expect(changeSize({ dir: 'down', size: 0.3, verdict: 'better' }, 'days', vi)).toBe('0,3 ngày');
  });
});
