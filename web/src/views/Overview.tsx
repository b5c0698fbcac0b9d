// Tổng quan: a tile for every target of the plan, triage first (the ones to act on, then on track, then the
// passed ones folded: overview/TriageTiles.tsx), the lagging communes, the live alerts and changes, the last
// month's changes and the map; on the wall screen the same in large type without controls. Live updates refetch
// the tiles in place and highlight the ones whose value changed.
import { useRef } from 'react';
import { fetchTargets, type TargetAnswer } from '../api/client.ts';
import { geo, indicators as loadCatalogue } from '../app/data.ts';
import { prefetchMapData } from '../map/map-data.ts';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import { useFlashes } from '../live/use-flash.ts';
import { KpiTile } from '../components/KpiTile.tsx';
import { MethodNote } from '../components/MethodNote.tsx';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { ExportMenu, panelPng } from '../components/ExportMenu.tsx';
import { useSnapshotPanel } from '../components/snapshot-registry.ts';
import { useI18n } from '../i18n/index.ts';
import { viewUrl } from '../state/view-state.ts';
import { Changes } from './overview/Changes.tsx';
import { Lagging } from './overview/Lagging.tsx';
import { LiveFeed } from './overview/LiveFeed.tsx';
import { MapPanel } from './overview/MapPanel.tsx';
import { countStatuses, lastCompleteMonth } from './overview/overview-data.ts';
import { TriageTiles } from './overview/TriageTiles.tsx';

/** The target the ranking starts on: one at risk, else one missed, else the first ranked by commune. */
function defaultRanked(targets: TargetAnswer[]): TargetAnswer | undefined {
  const rankable = targets.filter((x) => x.unit === 'percent' && x.status !== 'no_data');
  return rankable.find((x) => x.status === 'at_risk') ?? rankable.find((x) => x.status === 'missed') ?? rankable[0];
}

// Boundaries do not depend on the targets: ask for them with the Overview's chunk, the map reuses the answer.
void geo('commune').catch(() => undefined);

/** The indicator of the map and the ranking: the one in the URL if it is rankable, else defaultRanked's. */
function mapIndicator(targets: TargetAnswer[], chosen: string | undefined): string | undefined {
  const rankable = targets.filter((x) => x.unit === 'percent');
  return chosen && rankable.some((x) => x.indicator === chosen) ? chosen : defaultRanked(targets)?.indicator;
}

export default function Overview({ state, update, wall }: ScreenProps) {
  const { t, lang, date } = useI18n();
  const key = `${state.unit}|${lang}`;
  const prefetched = useRef('');
  const answer = useAsync(
    () =>
      Promise.all([fetchTargets(state.unit), loadCatalogue()]).then((r) => {
        // The map's values are asked for now, before React renders the tiles (the map is the slowest
        // panel); only on a first load: a live refresh of the map asks for itself.
        const first = mapIndicator(r[0].targets, state.indicator);
        const m = lastCompleteMonth(r[0].meta.data_date ?? new Date().toISOString().slice(0, 10));
        if (first && prefetched.current !== key)
          prefetchMapData({ level: 'commune', unit: state.unit, indicator: first, from: m, to: m });
        prefetched.current = key;
        return r;
      }),
    key,
    useLiveVersion({ units: [state.unit] }),
  );

  // While the targets load, the layout and the map are already there (the map's worker and style start).
  const loaded = answer.status === 'ready' ? answer.data : undefined;
  const targets = loaded?.[0].targets ?? [];
  const flash = useFlashes(
    loaded ? targets.map((x) => [x.target_id, `${x.value}|${x.status}|${x.suppressed}`] as const) : null,
    key,
  );
  // A snapshot of the Overview freezes its targets table.
  useSnapshotPanel('overview-targets', [
    { id: 'overview:targets', title: t('overview.targets'), kind: 'targets', request: { unit: state.unit } },
  ]);
  if (answer.status === 'error') return <ErrorState error={answer.error} retry={answer.retry} />;
  const meta = loaded?.[0].meta;
  const catalogue = loaded?.[1].indicators ?? [];
  /** an indicator's own `disclosure` (count, rate, none): whether a panel's note on the method applies */
  const kind = (id: string | undefined) => catalogue.find((m) => m.id === id)?.disclosure;
  const counts = countStatuses(targets.map((x) => x.status));
  const month = lastCompleteMonth(meta?.data_date ?? new Date().toISOString().slice(0, 10));
  const rankable = targets.filter((x) => x.unit === 'percent');
  const indicator = mapIndicator(targets, state.indicator);

  return (
    <div className={wall ? 'overview overview--wall' : 'overview'}>
      <div className="screen-head">
        <div>
          <h1>
            {t('overview.heading')}
            {loaded && <> · {loaded[0].unit_name}</>}
          </h1>
          {meta && (
            <p className="screen-head__sub">
              {t('overview.summary', counts)}
              {meta.data_date && <> · {t('app.data_date', { date: date(meta.data_date) })}</>}
            </p>
          )}
        </div>
        {!wall && <UnitPicker value={state.unit} onChange={(unit) => update({ unit })} />}
      </div>
      <div className="overview__grid">
        <section className="overview__targets" aria-labelledby="targets-h">
          <h2 id="targets-h">{t('overview.targets')}</h2>
          {!meta && <LoadingState />}
          {meta && (
            <TriageTiles
              targets={targets}
              state={state}
              update={update}
              wall={wall}
              tile={(x, level) => (
                <KpiTile
                  key={x.target_id}
                  target={x}
                  minCell={meta.min_cell}
                  disclosure={meta.disclosure}
                  flash={flash(x.target_id)}
                  level={level}
                  href={wall ? undefined : viewUrl({ ...state, screen: 'targets', target: x.target_id })}
                />
              )}
            />
          )}
          {meta && <MethodNote disclosure={meta.disclosure} indicators={targets.map((x) => kind(x.indicator))} />}
        </section>
        <div className="overview__side">
          {(!loaded || indicator) && (
            <section className="panel panel--map" aria-labelledby="map-h">
              <div className="ioc-panel__head">
                <h2 id="map-h">{t('overview.map')}</h2>
                {!wall && loaded && indicator && (
                  <ExportMenu
                    title={`${t('overview.map')} ${indicator}`}
                    lang={lang}
                    png={() => panelPng(document.querySelector<HTMLElement>('.panel--map [data-testid="map"]'))}
                    data={{ indicators: [indicator], unit: state.unit, by: 'unit', from: month, to: month }}
                  />
                )}
              </div>
              <MapPanel
                unit={state.unit}
                indicator={indicator}
                from={month}
                to={month}
                onSelect={wall ? undefined : (unit) => update({ unit })}
                height={wall ? 420 : 320}
              />
              {meta && <MethodNote disclosure={meta.disclosure} indicators={[kind(indicator)]} />}
            </section>
          )}
          {loaded && <LiveFeed unit={state.unit} targets={targets} catalogue={catalogue} wall={wall} />}
          {loaded && indicator && (
            <Lagging
              unit={state.unit}
              month={month}
              indicator={indicator}
              choices={rankable}
              catalogue={catalogue}
              onIndicator={wall ? undefined : (id) => update({ indicator: id })}
            />
          )}
          {loaded && <Changes unit={state.unit} month={month} catalogue={catalogue} />}
        </div>
      </div>
    </div>
  );
}
