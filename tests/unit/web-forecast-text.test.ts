// The Forecast screen's pure helpers: a target's forecast as table text (ranges, probability, pace,
// passed deadlines) and the age groups of a year between two projection steps.
import { describe, expect, it } from 'vitest';
import type { PopulationForecast, TargetForecast } from '../../web/src/api/client.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { forecastText } from '../../web/src/views/forecast/forecast-text.ts';
import { groupsIn } from '../../web/src/views/forecast/groups.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');
const base: TargetForecast = {
  target_id: 'A18',
  indicator: 'x',
  unit: '291',
  comparator: '>=',
  target: 70,
  deadline: '2030-12-31',
  status: 'on_track',
  method: 'damped_logit',
  value: 61,
  value_month: '2026-10',
  months_left: 50,
  forecast_at_deadline: 64.8,
  lo80: 12,
  hi80: 89.6,
  lo95: 3.3,
  hi95: 99,
  probability: 0.448,
  pace_needed: 0.18,
  met_on: null,
  window: 'month',
};

describe('forecastText', () => {
  it.each([
    [
      'vi',
      vi,
      {
        forecast: '64,8 %',
        interval80: '12 % – 89,6 %',
        interval95: '3,3 % – 99 %',
        probability: '45 %',
        pace: '+0,2 điểm %',
      },
    ],
    [
      'en',
      en,
      {
        forecast: '64.8 %',
        interval80: '12 % – 89.6 %',
        interval95: '3.3 % – 99 %',
        probability: '45 %',
        pace: '+0.2 pp',
      },
    ],
  ] as const)('a share with a forecast (%s)', (_l, i, expected) => {
    const t = forecastText(base, 'percent', i);
    expect(t.forecast.replace(/\s/g, ' ')).toBe(expected.forecast.replace(/\s/g, ' '));
    expect(t.probability.replace(/\s/g, ' ')).toBe(expected.probability);
    expect(t.pace.replace(/\s/g, ' ')).toBe(expected.pace);
    expect(t.interval80.replace(/\s/g, ' ')).toBe(expected.interval80.replace(/\s/g, ' '));
  });

  it('a passed deadline says so, with the month it was met', () => {
    const t = forecastText(
      { ...base, method: 'deadline_passed', status: 'met', forecast_at_deadline: null, met_on: '2024-06-01' },
      'percent',
      vi,
    );
    expect(t.forecast).toBe('Đã qua hạn');
    expect(t.probability).toBe('đạt từ Tháng 6/2024');
    expect(t.interval95).toBe('—');
  });

  it('a target met only after its deadline reads as late', () => {
    const t = forecastText(
      { ...base, method: 'deadline_passed', status: 'missed', forecast_at_deadline: null, met_on: '2026-03-01' },
      'percent',
      vi,
    );
    expect(t.probability).toBe('đạt từ Tháng 3/2026, sau hạn');
  });

  it('a target without data or hidden has no forecast at all', () => {
    for (const method of ['no_data', 'suppressed'] as const) {
      const none = { method, forecast_at_deadline: null, probability: null, pace_needed: null };
      const t = forecastText({ ...base, ...none }, 'percent', vi);
      expect(t).toEqual({ forecast: '—', interval80: '—', interval95: '—', probability: '—', pace: '—' });
    }
  });

  it('reads a target answer of /api/targets as it reads a forecast (one outlook)', () => {
    const answer = { ...base, title_vi: 'Mẫu đơn', unit: 'percent', suppressed: false } as const;
    expect(forecastText(answer, 'percent', vi)).toEqual(forecastText(base, 'percent', vi));
  });

  it('a series too short gives no forecast but the pace, signed', () => {
    const t = forecastText(
      {
        ...base,
        method: 'too_short',
        forecast_at_deadline: null,
        lo80: null,
        hi80: null,
        probability: null,
        pace_needed: -2.25,
      },
      'percent',
      vi,
    );
    expect(t.forecast).toBe('Chưa đủ số liệu để dự báo');
    expect(t.pace).toBe('−2,3 điểm %');
  });
});

describe('groupsIn', () => {
  const f = {
    base_year: 2026,
    steps: [
      { year: 2026, male: [100, null], female: [200, 50], births: null },
      { year: 2031, male: [150, 10], female: [100, 60], births: 40 },
    ],
  } as unknown as PopulationForecast;
  it.each([
    [2026, [100, 0], [200, 50]],
    [2030, [140, 8], [120, 58]],
    [2031, [150, 10], [100, 60]],
    [2040, [150, 10], [100, 60]],
  ])('%i', (year, male, female) => {
    const g = groupsIn(f, year);
    expect(g.male).toEqual(male);
    expect(g.female).toEqual(female);
  });
});
