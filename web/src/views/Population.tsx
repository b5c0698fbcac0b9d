// Dân cư / Population: the age pyramid at the latest month, structure ratios, births, deaths and
// migration by month, chip ID-card and VNeID coverage, and data quality ("đúng, đủ, sạch, sống");
// the period (a month, quarter, year or range: from / to / grain) and the filters sex and residence in
// the URL (the pyramid keeps both sexes; it shows the period's last month). The tiles compare with the
// previous period and the same period last year. Live changes refresh the tiles and charts in place.
import type { ReactNode } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import PyramidChart from '../charts/pyramid/PyramidChart.tsx';
import { loadPyramid } from '../charts/pyramid/load-pyramid.ts';
import TrendsChart from '../charts/trends/TrendsChart.tsx';
import type { TrendSeries } from '../charts/trends/trends-option.ts';
import { panelDisclosure, trendSeries, type Loaded } from '../charts/ui/load-series.ts';
import { loadPanel } from '../charts/ui/load-panel.ts';
import { MethodNote } from '../components/MethodNote.tsx';
import { PeriodTile } from '../charts/ui/period-tile.tsx';
import { AsyncView, Panel } from '../charts/ui/panel.tsx';
import type { PanelData } from '../components/export-query.ts';
import { FILTER_DEFS } from '../../../server/registry/filter-defs.ts';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { chartSpan, readPeriod, type PeriodView } from '../components/period.ts';
import { periodBounds, shownPeriod } from '../components/period-bounds.ts';
import { fitGrid } from '../components/fit-grid.ts';
import '../styles/analyst.css';

const STRUCTURE = ['population', 'dependency_ratio', 'ageing_index', 'sex_ratio', 'population_density'];
const VITAL = ['births', 'deaths', 'moves_in', 'moves_out', 'net_migration'];
const COVERAGE = ['pct_eligible_with_chip_id_card', 'pct_vneid_level1', 'pct_vneid_level2'];
const QUALITY = ['pct_records_complete', 'pct_citizens_with_personal_id'];
const SHOWN = [...STRUCTURE, ...VITAL, ...COVERAGE, ...QUALITY];
/** The filter menus, with the registry's values (server/registry/filter-defs.ts). */
const FILTERS = ['sex', 'residence'] as const;
/** What the screen shows, for its live version: population indicators of the unit. */
const liveScope = (unit: string) => ({ domains: ['population'], units: [unit] });

export default function Population({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const filters = { sex: state.filters.sex, residence: state.filters.residence };
  // the charts' months: the period, at least the twelve months up to its end (the tiles take the period's)
  const chart = chartSpan(state);
  const key = JSON.stringify([state.unit, chart, filters]);
  const data = useAsync(
    () => loadPanel(SHOWN, state.unit, filters, chart.from, chart.to),
    key,
    useLiveVersion(liveScope(state.unit)),
  );
  const bounds = useAsync(
    () => periodBounds('population', state.unit),
    `bounds|population|${state.unit}`,
    useLiveVersion(liveScope(state.unit)),
  );
  const compare = (view: PeriodView) =>
    bounds.status === 'ready' ? { mode: view.mode, first: bounds.data.from } : undefined;

  /** What a panel's CSV / XLSX holds: its indicators, month by month, as the screen asked (none on the wall). */
  const exports = (ids: string[]): PanelData | undefined =>
    wall ? undefined : { indicators: ids, unit: state.unit, from: chart.from, to: chart.to, by: 'month', filters };
  const trend = (loaded: Map<string, Loaded>, ids: string[]): TrendSeries[] =>
    ids.flatMap((id) => {
      const l = loaded.get(id);
      return l ? [trendSeries(i.t(`kpi.${id}`), l.cols, l.meta)] : [];
    });
  /** A trends chart's input: its lines and the words for a withheld month (the server's method and k). */
  const trends = (loaded: Map<string, Loaded>, ids: string[], unit: string) => ({
    series: trend(loaded, ids),
    unit,
    disclosure: panelDisclosure(loaded, ids),
  });
  /** The note on the method under a panel (only with cellkey, for indicators about people). */
  const note = (loaded: Map<string, Loaded>, ids: string[]) => {
    const d = panelDisclosure(loaded, ids);
    return <MethodNote disclosure={d.method} indicators={d.indicators} />;
  };
  const tiles = (loaded: Map<string, Loaded>, ids: string[], view: PeriodView) =>
    ids.map((id) => {
      const { from, to } = view;
      const l = loaded.get(id);
      if (!l) return null;
      const flow = l.meta.time === 'sum';
      return (
        <PeriodTile
          key={id}
          loaded={l}
          unit={state.unit}
          from={from}
          to={to}
          filters={filters}
          label={i.t(`kpi.${id}`)}
          note={flow ? i.period(view.period) : i.period(to)}
          compare={compare(view)}
        />
      );
    });

  return (
    <div className="screen screen--population">
      <h1>{i.t('population.title')}</h1>
      {!wall && (
        <div className="analyst-filters">
          {bounds.status === 'ready' && (
            <PeriodPicker
              view={readPeriod(state, bounds.data)}
              bounds={bounds.data}
              dataDate={bounds.data.dataDate ?? undefined}
              onChange={(p) => update(p)}
            />
          )}
          <fieldset className="analyst-filters">
            <legend className="visually-hidden">{i.t('screens.filters')}</legend>
            {FILTERS.map((key) => (
              <span key={key} className="field">
                <label htmlFor={`pop-filter-${key}`}>{i.t(`population.filter.${key}`)}</label>
                <select
                  id={`pop-filter-${key}`}
                  value={state.filters[key] ?? ''}
                  onChange={(e) => update({ filters: { ...state.filters, [key]: e.target.value || undefined } })}
                >
                  <option value="">{i.t('screens.all')}</option>
                  {FILTER_DEFS[key].values.map((v) => (
                    <option key={v} value={v}>
                      {i.t(`population.${key}.${v}`)}
                    </option>
                  ))}
                </select>
              </span>
            ))}
          </fieldset>
        </div>
      )}
      <AsyncView state={data}>
        {(loaded) => {
          const view = shownPeriod(state, bounds.status === 'ready' ? bounds.data : null, loaded);
          const to = view.to;
          const pop = loaded.get('population');
          return (
            <>
              <p className="screen__meta">
                {pop?.cols.data_date && i.t('screens.data_date', { date: i.date(pop.cols.data_date) })}
                {pop?.cols.generated && ` · ${i.t('screens.generated')}`}
              </p>
              <div style={fitGrid(wall ? 700 : 460)}>
                <PyramidPanel
                  unit={state.unit}
                  month={to}
                  residence={filters.residence}
                  sexFiltered={!!filters.sex}
                  wall={wall}
                  note={note(loaded, ['population'])}
                />
                <Panel
                  title={i.t('population.structure')}
                  id="pop-structure"
                  data={exports([...STRUCTURE, ...QUALITY])}
                >
                  <div style={fitGrid(150)}>{tiles(loaded, STRUCTURE, view)}</div>
                  <h3 style={{ fontSize: '1em' }}>{i.t('population.quality')}</h3>
                  <div style={fitGrid(150)}>{tiles(loaded, QUALITY, view)}</div>
                  {note(loaded, [...STRUCTURE, ...QUALITY])}
                </Panel>
                <Panel title={i.t('population.vital')} id="pop-vital" wide data={exports(VITAL)} picture={!wall}>
                  <div style={fitGrid(150)}>{tiles(loaded, VITAL, view)}</div>
                  <TrendsChart
                    input={trends(loaded, VITAL, 'persons')}
                    wall={wall}
                    label={i.t('population.vital_label')}
                  />
                  {note(loaded, VITAL)}
                </Panel>
                <Panel title={i.t('population.coverage')} id="pop-coverage" data={exports(COVERAGE)} picture={!wall}>
                  <div style={fitGrid(150)}>{tiles(loaded, COVERAGE, view)}</div>
                  <TrendsChart
                    input={trends(loaded, COVERAGE, 'percent')}
                    wall={wall}
                    label={i.t('population.coverage_label')}
                  />
                  {note(loaded, COVERAGE)}
                </Panel>
                <Panel title={i.t('population.quality')} id="pop-quality" data={exports(QUALITY)} picture={!wall}>
                  <TrendsChart
                    input={trends(loaded, QUALITY, 'percent')}
                    wall={wall}
                    label={i.t('population.quality_label')}
                  />
                  {note(loaded, QUALITY)}
                </Panel>
              </div>
            </>
          );
        }}
      </AsyncView>
    </div>
  );
}

function PyramidPanel({
  unit,
  month,
  residence,
  sexFiltered,
  wall,
  note,
}: {
  unit: string;
  month: string;
  residence?: string;
  sexFiltered: boolean;
  wall?: boolean;
  /** the note on the disclosure method (the screen's population answer says which) */
  note?: ReactNode;
}) {
  const i = useI18n();
  const data = useAsync(
    () => loadPyramid(unit, month, residence),
    JSON.stringify([unit, month, residence]),
    useLiveVersion(liveScope(unit)),
  );
  const period = i.period(month);
  return (
    <Panel title={i.t('population.pyramid', { period })} id="pop-pyramid" picture={!wall}>
      {sexFiltered && <p style={{ fontSize: '0.85em', color: '#4b5563' }}>{i.t('population.pyramid_sex_note')}</p>}
      <AsyncView state={data}>
        {(input) => <PyramidChart input={input} wall={wall} label={i.t('population.pyramid_label', { period })} />}
      </AsyncView>
      {note}
    </Panel>
  );
}
