// The Decision 766 points rules (server/index766/rules.ts), with every expected number worked out by hand:
// maxima, linear and threshold rules exactly at and around their thresholds, zero denominators, ratios clamped,
// rounding to 2 decimals, rescaling over the indicators with data, total = sum of the groups, grades.
import { describe, expect, it } from 'vitest';
import {
  GROUPS,
  INDICATORS,
  QUERY_IDS,
  RULES,
  grade,
  indicatorPoints,
  round2,
  ruleText,
  unitScore,
  type ScoredIndicator,
} from '../../server/index766/rules.ts';
import { limited, lossText, monthsOf, parsePeriod, rankScores } from '../../server/index766/service.ts';

const rule = (id: string) => RULES.get(id)!;
const pts = (id: string, n: number | null, d: number | null) => indicatorPoints(rule(id), n, d);

describe('the groups and indicators', () => {
  it('has six groups summing to 100 and each group equal to its scored indicators', () => {
    expect(GROUPS.map((g) => [g.id, g.max])).toEqual([
      ['1', 18],
      ['2', 20],
      ['3', 12],
      ['3b', 10],
      ['4', 22],
      ['5', 18],
    ]);
    expect(GROUPS.reduce((s, g) => s + g.max, 0)).toBe(100);
    for (const g of GROUPS) {
      const sum = INDICATORS.filter((i) => i.group === g.id && i.scored).reduce((s, i) => s + i.max, 0);
      expect(sum, g.id).toBe(g.max);
    }
  });

  it('lists the indicators of the contract with their maxima, rules and query ids', () => {
    expect(INDICATORS.map((i) => i.id)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '3.3', '3.5', '3.5b', '3.6',
      '4.1', '4.2', '4.2b', '4.3', '4.4', '4.5a', '4.5b', '5.1', '5.2', '5.3', '5.4',
    ]); // prettier-ignore
    expect(rule('3.1').rule).toEqual({ kind: 'threshold', at: 0.8 });
    expect(rule('3.3').rule).toEqual({ kind: 'threshold', at: 0.5 });
    expect(rule('5.4').rule).toEqual({ kind: 'threshold', at: 0.9 });
    expect(rule('4.2').rule).toEqual({ kind: 'threshold', at: 0.8 });
    expect(rule('4.3').rule).toEqual({ kind: 'threshold', at: 0.8 });
    expect(rule('3.5').rule).toEqual({ kind: 'threshold', at: 0.8 });
    expect(rule('1.4').rule).toEqual({ kind: 'linear' });
    expect(rule('2.1').query).toEqual(['index766_2_1_finished', 'index766_2_1_open']);
    expect(rule('3.5b').query).toEqual(['index766_3_5b']);
    expect(rule('4.5a').query).toEqual(['index766_4_5a']);
    expect(rule('4.2b').query).toEqual([]);
    expect(QUERY_IDS).toHaveLength(23);
    expect(INDICATORS.filter((i) => i.observed).map((i) => i.id)).toEqual(['3.1', '3.2', '3.3']);
    expect(INDICATORS.filter((i) => !i.scored).map((i) => i.id)).toEqual(['2.2', '5.1']);
    for (const i of INDICATORS) {
      expect(i.name_vi).toMatch(/[^ -~]/);
      const t = ruleText(i);
      expect(t.vi.length).toBeGreaterThan(5);
      expect(t.en.length).toBeGreaterThan(5);
    }
    expect(ruleText(rule('3.3')).vi).toBe('Đủ 6 điểm khi tỉ lệ ≥ 50 %, nếu không: 6 × tỉ lệ ÷ 50 %; ' +
      'không có hồ sơ: không tính (theo quan sát Cổng)'); // prettier-ignore
  });
});

describe('indicatorPoints', () => {
  it('linear: max × ratio, rounded to 2 decimals', () => {
    expect(pts('1.4', 50, 100)).toEqual({ ratio: 0.5, points: 3, lost: 3, status: 'scored' });
    // 6 × 1/3 = 2 exactly; 20 × 2/3 = 13.333… → 13.33, lost 6.67
    expect(pts('1.4', 1, 3).points).toBe(2);
    expect(pts('2.1', 2, 3)).toMatchObject({ points: 13.33, lost: 6.67 });
    // 4 × 0.123456 = 0.493824 → 0.49
    expect(pts('4.4', 123456, 1e6).points).toBe(0.49);
    // 6 × 0.33375 = 2.0025 → 2.00 (half-up at the third decimal would need 2.005)
    expect(pts('1.1', 33375, 100000).points).toBe(2);
    // 2 × 0.5025 = 1.005 → 1.01 (half away from zero, not the float 1.00)
    expect(pts('1.3', 5025, 10000).points).toBe(1.01);
  });

  it('threshold: full points exactly at the threshold, else max × ratio ÷ threshold', () => {
    expect(pts('3.3', 50, 100)).toEqual({ ratio: 0.5, points: 6, lost: 0, status: 'scored' });
    expect(pts('3.3', 51, 100).points).toBe(6);
    // 6 × 0.49 / 0.5 = 5.88
    expect(pts('3.3', 49, 100).points).toBe(5.88);
    expect(pts('3.1', 8, 10).points).toBe(2);
    // 2 × 0.7 / 0.8 = 1.75
    expect(pts('3.1', 7, 10).points).toBe(1.75);
    expect(pts('5.4', 9, 10).points).toBe(6);
    // 6 × (89/100) / 0.9 = 5.9333… → 5.93
    expect(pts('5.4', 89, 100)).toMatchObject({ points: 5.93, lost: 0.07 });
    // 4 × (1/3) / 0.8 = 1.6666… → 1.67
    expect(pts('4.2', 1, 3).points).toBe(1.67);
  });

  it('clamps ratios to [0, 1]', () => {
    expect(pts('1.4', 120, 100)).toMatchObject({ ratio: 1, points: 6, lost: 0 });
    expect(pts('1.4', -5, 100)).toMatchObject({ ratio: 0, points: 0, lost: 6 });
  });

  it('zero denominators: no data by default, full points for 5.2 and 5.3, 0 for 5.4', () => {
    expect(pts('1.4', 0, 0)).toEqual({ ratio: null, points: null, lost: null, status: 'no_data' });
    expect(pts('1.4', null, null).status).toBe('no_data');
    expect(pts('5.2', 0, 0)).toEqual({ ratio: null, points: 6, lost: 0, status: 'scored' });
    expect(pts('5.3', null, null)).toEqual({ ratio: null, points: 6, lost: 0, status: 'scored' });
    expect(pts('5.4', 0, 0)).toEqual({ ratio: null, points: 0, lost: 6, status: 'scored' });
    expect(pts('4.2b', 3, 4)).toEqual({ ratio: null, points: null, lost: null, status: 'no_formula' });
  });

  it('gives a ratio but no points for tracked indicators (2.2 in days, unclamped)', () => {
    expect(pts('2.2', 45, 10)).toEqual({ ratio: 4.5, points: null, lost: null, status: 'not_scored' });
    expect(pts('5.1', 3, 4)).toEqual({ ratio: 0.75, points: null, lost: null, status: 'not_scored' });
  });
});

/** Every indicator with the points given, the others without data. */
function all(points: Record<string, number | null>, status: Record<string, string> = {}): ScoredIndicator[] {
  return INDICATORS.map((i) => ({
    id: i.id,
    points: points[i.id] ?? null,
    status:
      status[i.id] ?? (!i.formula ? 'no_formula' : !i.scored ? 'not_scored' : i.id in points ? 'scored' : 'no_data'),
  }));
}

describe('unitScore', () => {
  it('full points everywhere (4.2b has no formula): 98 of 98 = 100', () => {
    const full = Object.fromEntries(INDICATORS.filter((i) => i.scored && i.formula).map((i) => [i.id, i.max]));
    const s = unitScore(all(full));
    expect(s).toMatchObject({ score: 100, points: 98, max: 98, grade: 'excellent' });
    expect(s.groups.find((g) => g.id === '4')).toEqual({ id: '4', points: 20, max: 20 });
  });

  it('rescales over the indicators with data, and total = sum of groups', () => {
    // group 1: 1.1 4.5 + 1.4 3.33 = 7.83 of 12; group 2: 2.1 13.33 of 20; group 5: 5.2 6 + 5.4 0 = 6 of 12
    const s = unitScore(all({ '1.1': 4.5, '1.4': 3.33, '2.1': 13.33, '5.2': 6, '5.4': 0 }));
    expect(s.groups).toEqual([
      { id: '1', points: 7.83, max: 12 },
      { id: '2', points: 13.33, max: 20 },
      { id: '3', points: null, max: 0 },
      { id: '3b', points: null, max: 0 },
      { id: '4', points: null, max: 0 },
      { id: '5', points: 6, max: 12 },
    ]);
    expect(s.points).toBe(27.16);
    expect(s.max).toBe(44);
    // 27.16 × 100 / 44 = 61.7272… → 61.73
    expect(s.score).toBe(61.73);
    expect(s.grade).toBe('average');
    expect(s.points).toBeCloseTo(
      s.groups.reduce((t, g) => t + (g.points ?? 0), 0),
      10,
    );
  });

  it('without rescaling, an indicator without data counts 0 of its maximum', () => {
    const s = unitScore(all({ '1.1': 4.5, '1.4': 3.33, '2.1': 13.33, '5.2': 6, '5.4': 0 }), false);
    expect(s.max).toBe(100);
    expect(s.points).toBe(27.16);
    expect(s.score).toBe(27.16);
    expect(s.grade).toBe('weak');
  });

  it('leaves withheld indicators out of score and maximum', () => {
    const s = unitScore(all({ '1.1': 6, '2.1': 10 }, { '2.1': 'withheld' }));
    expect(s).toMatchObject({ score: 100, points: 6, max: 6 });
  });

  it('gives no score without any data', () => {
    expect(unitScore(all({}))).toMatchObject({ score: null, points: null, max: 0, grade: null });
  });
});

describe('grade and round2', () => {
  it('grades at the bounds', () => {
    expect([90, 89.99, 80, 79.99, 70, 69.99, 50, 49.99, 0].map(grade)).toEqual([
      'excellent', 'good', 'good', 'fair', 'fair', 'average', 'average', 'weak', 'weak',
    ]); // prettier-ignore
    expect(grade(null)).toBeNull();
  });

  it('rounds half away from zero at 2 decimals', () => {
    expect([1.005, 2.675, 1.004999, 0.125, -1.005, 13.335].map(round2)).toEqual([1.01, 2.68, 1, 0.13, -1.01, 13.34]);
  });
});

describe('the pure parts of the index service', () => {
  it('reads periods', () => {
    expect(parsePeriod('2026-11')).toEqual({ from: '2026-11', to: '2026-11', year: '2026' });
    expect(parsePeriod('2026-Q4')).toEqual({ from: '2026-10', to: '2026-12', year: '2026' });
    expect(parsePeriod('2026-Q1')).toEqual({ from: '2026-01', to: '2026-03', year: '2026' });
    expect(parsePeriod('2026')).toEqual({ from: '2026-01', to: '2026-12', year: '2026' });
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-1', '']) expect(() => parsePeriod(bad), bad).toThrow();
    expect(monthsOf('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('ranks by score, ties sharing a rank, nulls unranked', () => {
    expect(rankScores([70, 90.5, 70, null, 50])).toEqual([2, 1, 2, null, 4]);
  });

  it('runs tasks at most n at a time, answers in order', async () => {
    let running = 0;
    let most = 0;
    const task = (v: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return v;
    };
    expect(await limited([1, 2, 3, 4, 5].map(task), 2)).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('says why points are lost with Vietnamese number formats', () => {
    const causes = [
      { procedure_code: 'A', name: 'A', numerator: 1, denominator: 100, lost: 1.5, gain: 2.9 },
      { procedure_code: 'B', name: 'B', numerator: 0, denominator: 20, lost: 0.9, gain: 1.2 },
    ];
    const t = lossText(rule('3.3'), { lost: 2.42, ratio: 0.4125, needed: 1200, causes });
    expect(t.vi).toBe(
      '3.3: 41,3 % hồ sơ trực tuyến, mất 2,42 điểm; 2 thủ tục chưa đạt làm mất 2,4 điểm; ' +
        'thêm 1.200 hồ sơ trực tuyến trong kỳ sẽ đạt đủ điểm',
    );
    expect(t.en).toBe(
      '3.3: 41.3 % online dossiers, 2.42 points lost; 2 procedures below the mark cost 2.4 points; ' +
        '1,200 more online dossiers in the period would give full points',
    );
    expect(lossText(rule('5.4'), { lost: 6, ratio: null, needed: null, causes: [] })).toEqual({
      vi: '5.4: không có hồ sơ trong kỳ, mất 6 điểm',
      en: '5.4: no dossiers in the period, 6 points lost',
    });
  });
});
