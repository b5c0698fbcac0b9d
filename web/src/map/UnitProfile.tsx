// The profile of a unit clicked on the map: name, population, a few of its targets and its age pyramid; a leader
// issues a directive about the unit and the map's indicator from it (work/GiveDirective.tsx).
import { lazy, Suspense } from 'react';
import {
  fetchIndicatorColumns,
  fetchTargets,
  type IndicatorColumns,
  type IndicatorMeta,
  type Suppression,
  type TargetAnswer,
} from '../api/client.ts';
import { trendSeries } from '../charts/ui/load-series.ts';
import { disclosureOf, withheldUnitLabel, type DisclosureInfo } from '../charts/withheld.ts';
import { MethodNote } from '../components/MethodNote.tsx';
import { indicatorCatalogue } from './map-data.ts';
import { useAsync } from '../app/use-async.ts';
import { loadPyramid } from '../charts/pyramid/load-pyramid.ts';
import type { PyramidInput } from '../charts/pyramid/pyramid-option.ts';
import { useI18n } from '../i18n/index.ts';
import { GiveDirective } from '../work/GiveDirective.tsx';

const PyramidChart = lazy(() => import('../charts/pyramid/PyramidChart.tsx'));
const TrendsChart = lazy(() => import('../charts/trends/TrendsChart.tsx'));

/** The plan's coverage rates shown as the unit's trends (all percent: one axis). */
const TREND_IDS = ['pct_eligible_with_chip_id_card', 'pct_vneid_level2', 'pct_online_dossiers'];

interface Trend {
  meta: IndicatorMeta | undefined;
  id: string;
  cols: IndicatorColumns;
}
interface Profile {
  name: string;
  population: { value: number | null; suppressed: boolean; reason: Suppression; month: string };
  targets: TargetAnswer[];
  pyramid: PyramidInput;
  trends: Trend[];
  /** the server's method and k (the words for a withheld value, the note on the method) */
  disclosure: DisclosureInfo;
  /** the `disclosure` of the indicators shown (count, rate, none) */
  kinds: (string | undefined)[];
}

async function loadProfile(unit: string, to?: string): Promise<Profile> {
  const [pop, targets, catalogue, trendCols] = await Promise.all([
    fetchIndicatorColumns('population', { unit, by: 'month', from: to, to }),
    fetchTargets(unit).catch(() => undefined),
    indicatorCatalogue(),
    Promise.all(TREND_IDS.map((id) => fetchIndicatorColumns(id, { unit, by: 'month' }))),
  ]);
  const last = pop.period.length - 1;
  const month = pop.period[last] ?? to ?? '';
  const ranked = (targets?.targets ?? []).filter((t) => t.status !== 'no_data');
  return {
    name: targets?.unit_name ?? pop.unit_name[last] ?? unit,
    population: {
      value: pop.value[last] ?? null,
      suppressed: pop.suppressed[last] ?? false,
      reason: pop.suppression[last] ?? null,
      month,
    },
    targets: ranked.slice(0, 5),
    pyramid: await loadPyramid(unit, month),
    trends: TREND_IDS.map((id, k) => ({ id, meta: catalogue.find((m) => m.id === id), cols: trendCols[k] })),
    disclosure: disclosureOf(pop),
    kinds: ['population', ...TREND_IDS].map((id) => catalogue.find((m) => m.id === id)?.disclosure),
  };
}

export function UnitProfile({
  unit,
  to,
  indicator,
  onClose,
}: {
  unit: string;
  to?: string;
  /** the indicator the map shows: what a directive from here is about */
  indicator?: string;
  onClose: () => void;
}) {
  const i = useI18n();
  const data = useAsync(() => loadProfile(unit, to), `${unit}|${to}`);
  return (
    <section className="map-profile" aria-labelledby="map-profile-title" data-testid="unit-profile">
      <header>
        <h2 id="map-profile-title">{data.status === 'ready' ? data.data.name : i.t('map.profile')}</h2>
        {data.status === 'ready' && (
          <GiveDirective
            context={{ unit_id: unit, source: 'map', indicator }}
            subject={i.t('work.subject.unit', { unit: data.data.name })}
            unitName={data.data.name}
          />
        )}
        <button type="button" className="button" onClick={onClose}>
          {i.t('map.profile.close')}
        </button>
      </header>
      {data.status === 'loading' && <p role="status">{i.t('map.loading')}</p>}
      {data.status === 'error' && <p role="alert">{data.error.message}</p>}
      {data.status === 'ready' && (
        <>
          <dl className="map-profile__facts">
            <dt>
              {i.t('map.profile.population')} ({i.period(data.data.population.month)})
            </dt>
            <dd>
              {data.data.population.suppressed
                ? withheldUnitLabel(i, data.data.disclosure, data.data.population.reason)
                : data.data.population.value === null
                  ? i.t('map.noData')
                  : i.number(data.data.population.value, 0)}
            </dd>
          </dl>
          <h3>{i.t('map.profile.targets')}</h3>
          {data.data.targets.length === 0 ? (
            <p>{i.t('map.profile.none')}</p>
          ) : (
            <ul className="map-profile__targets">
              {data.data.targets.map((t) => (
                <li key={t.target_id}>
                  <span>{i.lang === 'en' ? t.title_en : t.title_vi}</span>{' '}
                  <strong className={`status-badge status--${t.status}`}>
                    {t.suppressed
                      ? withheldUnitLabel(i, data.data.disclosure)
                      : t.value === null
                        ? '–'
                        : i.value(t.value, t.unit)}{' '}
                    · {i.t(`map.status.${t.status}`)}
                  </strong>
                </li>
              ))}
            </ul>
          )}
          <h3>{i.t('map.profile.pyramid')}</h3>
          <Suspense fallback={<p role="status">{i.t('map.loading')}</p>}>
            <PyramidChart input={data.data.pyramid} label={`${i.t('map.profile.pyramid')}, ${data.data.name}`} />
          </Suspense>
          <h3>{i.t('map.profile.trends')}</h3>
          <Suspense fallback={<p role="status">{i.t('map.loading')}</p>}>
            <TrendsChart
              height={240}
              label={`${i.t('map.profile.trends')}, ${data.data.name}`}
              input={{
                unit: 'percent',
                disclosure: data.data.disclosure,
                series: data.data.trends.map(({ id, meta, cols }) =>
                  trendSeries(meta ? (i.lang === 'en' ? meta.name_en : meta.name_vi) : id, cols, meta),
                ),
              }}
            />
          </Suspense>
          <MethodNote disclosure={data.data.disclosure.method} indicators={data.data.kinds} />
        </>
      )}
    </section>
  );
}
