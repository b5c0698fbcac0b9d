// Tổng quan: a tile for every target of the plan, triage first (the ones to act on, then on track, then the
// passed ones folded: overview/TriageTiles.tsx), the lagging communes, the live alerts and changes, the last
// month's changes and the map; on the wall screen the same in large type without controls. Live updates refetch
// the tiles in place and highlight the ones whose value changed. The first screen comes in one answer
// (GET /api/overview, overview/first-answer.ts): tiles, map, lagging list and changes without further round trips.
// A leader issues a directive from a tile; the overdue directives and tasks have their panel (web/src/work/).
import { useEffect } from 'react';
import { mapIndicator } from '../../../server/overview/rules.ts';
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
import { loadFirstScreen } from './overview/first-answer.ts';
import { countStatuses, lastCompleteMonth } from './overview/overview-data.ts';
import { TriageTiles } from './overview/TriageTiles.tsx';
import { FollowUpPanel } from '../work/FollowUp.tsx';
import { TargetDirective } from '../work/TargetDirective.tsx';

declare global {
  interface Window {
    /** performance.now() when every target tile of the Overview was first on screen, for npm run perf */
    __iocTilesAt?: number;
  }
}

export default function Overview({ state, update, wall }: ScreenProps) {
  const { t, lang, date } = useI18n();
  const key = `${state.unit}|${lang}`;
  // One answer: the tiles, the map's values and boundaries, the lagging list and the changes (the view's indicator
  // is asked for; another chosen later is asked for by the map and the list themselves). A live change asks again.
  const answer = useAsync(
    () => loadFirstScreen(state.unit, state.indicator),
    key,
    useLiveVersion({ units: [state.unit] }),
  );

  // While the answer loads, the layout is already there.
  const loaded = answer.status === 'ready' ? answer.data : undefined;
  const targets = loaded?.targets ?? [];
  useEffect(() => {
    if (!loaded || window.__iocTilesAt !== undefined) return;
    // the tiles are in the document now: the next frame paints them
    const frame = requestAnimationFrame(() => (window.__iocTilesAt ??= performance.now()));
    return () => cancelAnimationFrame(frame);
  }, [loaded]);
  const flash = useFlashes(
    loaded ? targets.map((x) => [x.target_id, `${x.value}|${x.status}|${x.suppressed}`] as const) : null,
    key,
  );
  // A snapshot of the Overview freezes its targets table.
  useSnapshotPanel('overview-targets', [
    { id: 'overview:targets', title: t('overview.targets'), kind: 'targets', request: { unit: state.unit } },
  ]);
  if (answer.status === 'error') return <ErrorState error={answer.error} retry={answer.retry} />;
  const meta = loaded?.meta;
  const catalogue = loaded?.indicators ?? [];
  /** an indicator's own `disclosure` (count, rate, none): whether a panel's note on the method applies */
  const kind = (id: string | undefined) => catalogue.find((m) => m.id === id)?.disclosure;
  const counts = countStatuses(targets.map((x) => x.status));
  const month = lastCompleteMonth(meta?.data_date ?? new Date().toISOString().slice(0, 10));
  const rankable = targets.filter((x) => x.unit === 'percent');
  const indicator = mapIndicator(targets, state.indicator, (id) => catalogue.some((m) => m.id === id));

  return (
    <div className={wall ? 'overview overview--wall' : 'overview'}>
      <div className="screen-head">
        <div>
          <h1>
            {t('overview.heading')}
            {loaded && <> · {loaded.unit_name}</>}
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
                  action={
                    wall ? undefined : <TargetDirective target={x} unit={state.unit} unitName={loaded?.unit_name} />
                  }
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
              {loaded ? (
                <MapPanel
                  unit={state.unit}
                  indicator={indicator}
                  from={month}
                  to={month}
                  onSelect={wall ? undefined : (unit) => update({ unit })}
                  height={wall ? 420 : 320}
                />
              ) : (
                // the map waits for the one answer (its boundaries and values come with it)
                <div className="map-view" data-testid="map-pending" style={{ height: wall ? 420 : 320 }}>
                  <LoadingState />
                </div>
              )}
              {meta && <MethodNote disclosure={meta.disclosure} indicators={[kind(indicator)]} />}
            </section>
          )}
          {loaded && !wall && <FollowUpPanel unit={state.unit} />}
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
