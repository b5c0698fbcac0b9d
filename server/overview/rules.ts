// The Overview's choices, one source for the server's first-screen answer (server/overview/first-screen.ts) and
// the web app (web/src/views/Overview.tsx, overview/overview-data.ts, map/map-data.ts): which month it reads,
// which indicator its map and ranking start on, which indicators the "changes" panel compares, and how a map
// fills the units its parent's answer does not cover. Pure: no server or browser imports.
import { addMonths } from '../contracts/months.ts';

/** Indicators whose month-on-month change per commune the feed reports (rates: a partial count is not a change). */
export const KEY_INDICATORS = [
  'pct_online_dossiers',
  'pct_resolved_on_time',
  'pct_online_dossiers_eid_authenticated',
  'pct_dossiers_no_proof_documents',
  'pct_eligible_with_chip_id_card',
  'pct_vneid_level2',
] as const;

/**
 * A day on which no unit has children: asked `by=unit` with it, a unit reports itself (the server's rule:
 * no children valid that day → the unit). Used for units the parent's answer does not cover, e.g. the
 * communes of 2025-07, which have no parent in the store, and the province in the country view.
 */
export const SELF_DAY = '2100-01-01';

/** At most this many units a map asks for one by one (the rest stay without a value). */
export const MAX_SINGLE = 30;

/** The last month the data cover completely: the data date's month if it is the month's last day. */
export function lastCompleteMonth(dataDate: string): string {
  const [y, m, d] = dataDate.slice(0, 10).split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const month = `${y}-${String(m).padStart(2, '0')}`;
  return d >= lastDay ? month : addMonths(month, -1);
}

/** The fields of a target the choice of the map's indicator reads. */
export interface RankableTarget {
  indicator: string;
  unit: string;
  status: string;
}

/** The target the ranking starts on: one at risk, else one missed, else the first ranked by commune. */
export function defaultRanked<T extends RankableTarget>(targets: readonly T[]): T | undefined {
  const rankable = targets.filter((x) => x.unit === 'percent' && x.status !== 'no_data');
  return rankable.find((x) => x.status === 'at_risk') ?? rankable.find((x) => x.status === 'missed') ?? rankable[0];
}

/**
 * The indicator of the map and the ranking: the one chosen if it is rankable, else defaultRanked's; only targets
 * whose indicator the catalogue has (`known`) count (a target no indicator of the store measures cannot be mapped).
 */
export function mapIndicator(
  targets: readonly RankableTarget[],
  chosen: string | undefined,
  known: (id: string) => boolean,
): string | undefined {
  const measured = targets.filter((x) => known(x.indicator));
  const rankable = measured.filter((x) => x.unit === 'percent');
  return chosen && rankable.some((x) => x.indicator === chosen) ? chosen : defaultRanked(measured)?.indicator;
}
