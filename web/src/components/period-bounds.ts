// The months a screen's period picker offers: what the server answers for an indicator of the screen when
// asked for its whole range (its first month to the data date's month; server/indicators/service.ts range()),
// and the data date itself. Used by the Procedures and Population screens.
import { fetchIndicator } from '../api/client.ts';
import { lastMonth, type Loaded } from '../charts/ui/load-series.ts';
import { readPeriod, type Bounds, type PeriodView } from './period.ts';

export interface PeriodBounds extends Bounds {
  /** the last day the data cover (YYYY-MM-DD), when the server says */
  dataDate: string | null;
}

export async function periodBounds(indicator: string, unit: string): Promise<PeriodBounds> {
  const answer = await fetchIndicator(indicator, { unit, by: 'total' });
  return { from: answer.from, to: answer.to, dataDate: answer.meta.data_date };
}

/**
 * The period the tiles and the ranking show: the URL's, within the server's months; before the server has said
 * which months it has, within the months loaded.
 */
export function shownPeriod(
  state: Parameters<typeof readPeriod>[0],
  bounds: PeriodBounds | null,
  loaded: Map<string, Loaded>,
): PeriodView {
  if (bounds) return readPeriod(state, bounds);
  const last = lastMonth(loaded) ?? state.to ?? '';
  let first = last;
  for (const { cols } of loaded.values()) for (const p of cols.period) if (p.slice(0, 7) < first) first = p.slice(0, 7);
  return readPeriod(state, { from: first, to: last });
}
