// How a target's forecast reads in a table: the median at the deadline, the 80 % and 95 % ranges,
// the probability of meeting it, the monthly pace still needed, or why there is no forecast. Pure;
// tests/unit/web-forecast-text.test.ts.
import type { TargetForecast } from '../../api/client.ts';
import { probabilityText, targetValueText } from '../../components/target-text.ts';
import type { I18n } from '../../i18n/index.ts';

export interface ForecastText {
  forecast: string;
  interval80: string;
  interval95: string;
  probability: string;
  pace: string;
}

const DASH = '—';

/** The outlook of a target, as /api/targets and /api/forecast/targets both give it. */
export type Outlook = Pick<TargetForecast, 'status' | 'method' | 'met_on' | 'pace_needed'> &
  Pick<TargetForecast, 'forecast_at_deadline' | 'lo80' | 'hi80' | 'lo95' | 'hi95' | 'probability'>;

type Text = Pick<I18n, 't' | 'value' | 'number' | 'period'>;

export function forecastText(f: Outlook, unit: string, i: Text): ForecastText {
  const v = (x: number | null) => (x === null ? DASH : targetValueText(x, unit, i));
  const range = (lo: number | null, hi: number | null) =>
    lo === null || hi === null ? DASH : i.t('forecast.interval', { lo: v(lo), hi: v(hi) });
  const none = { forecast: DASH, interval80: DASH, interval95: DASH, probability: DASH, pace: DASH };
  if (f.method === 'no_data' || f.method === 'suppressed') return none;
  if (f.method === 'deadline_passed' || f.method === 'milestone') {
    // A target met only after its deadline is still missed: say when, and that it was late.
    const metKey = f.status === 'missed' ? 'forecast.met_late' : 'forecast.met_on';
    const met = f.met_on ? i.t(metKey, { date: i.period(f.met_on.slice(0, 7)) }) : '';
    return {
      forecast: f.method === 'deadline_passed' ? i.t('forecast.passed') : DASH,
      interval80: DASH,
      interval95: DASH,
      probability: met || DASH,
      pace: DASH,
    };
  }
  if (f.forecast_at_deadline === null) {
    return {
      forecast: i.t('forecast.no_forecast'),
      interval80: DASH,
      interval95: DASH,
      probability: DASH,
      pace: f.pace_needed === null ? DASH : pace(f.pace_needed, unit, i),
    };
  }
  return {
    forecast: v(f.forecast_at_deadline),
    interval80: range(f.lo80, f.hi80),
    interval95: range(f.lo95, f.hi95),
    probability: f.probability === null ? DASH : probabilityText(f.probability, i),
    pace: f.pace_needed === null ? DASH : pace(f.pace_needed, unit, i),
  };
}

/** "+1,2 điểm %" style pace: signed, in the indicator's unit (percentage points for shares). */
function pace(x: number, unit: string, i: Pick<I18n, 't' | 'value' | 'number'>): string {
  const sign = x > 0 ? '+' : x < 0 ? '−' : '';
  const size =
    unit === 'percent' ? i.t('forecast.points', { v: i.number(Math.abs(x), 1) }) : i.value(Math.abs(x), unit);
  return `${sign}${size}`;
}
