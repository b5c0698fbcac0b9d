// Thủ tục hành chính / Procedures: KPIs of dossiers for the chosen period, monthly trends, the
// communes ranked on one KPI (?indicator=), filters field / procedure_level / channel in the URL,
// and the two linked bundles (births, deaths) in their own panel. Live changes of these indicators
// refresh the tiles and charts in place.
import { fetchIndicatorColumns, type UnitNode } from '../api/client.ts';
import { procedureFields, units } from '../app/data.ts';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import type { FilterKey } from '../state/view-state.ts';
import { FILTER_DEFS } from '../../../server/registry/filter-defs.ts';
import RankingChart from '../charts/ranking/RankingChart.tsx';
import TrendsChart from '../charts/trends/TrendsChart.tsx';
import type { TrendSeries } from '../charts/trends/trends-option.ts';
import { allowedFilters, panelDisclosure, rankingRows, trendSeries, type Loaded } from '../charts/ui/load-series.ts';
import { loadPanel } from '../charts/ui/load-panel.ts';
import { disclosureOf } from '../charts/withheld.ts';
import { MethodNote } from '../components/MethodNote.tsx';
import { PeriodTile } from '../charts/ui/period-tile.tsx';
import { AsyncView, Panel } from '../charts/ui/panel.tsx';
import type { PanelData } from '../components/export-query.ts';
import { findUnit, rankingParent } from '../charts/ui/units.ts';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { chartSpan, readPeriod } from '../components/period.ts';
import { periodBounds, shownPeriod } from '../components/period-bounds.ts';
import { fitGrid } from '../components/fit-grid.ts';
import '../styles/analyst.css';

const KPIS = [
  'dossiers_received',
  'dossiers_resolved',
  'pct_resolved_on_time',
  'dossiers_overdue',
  'pct_online_dossiers',
  'pct_onestop_dossiers_eid_authenticated',
  'pct_dossiers_no_proof_documents',
  'pct_results_digitized_with_pid',
  'pct_paid_online',
  'pct_satisfied',
  'avg_resolution_days',
];
const COUNTS = ['dossiers_received', 'dossiers_resolved', 'dossiers_overdue'];
const RATES = [
  'pct_resolved_on_time',
  'pct_online_dossiers',
  'pct_onestop_dossiers_eid_authenticated',
  'pct_dossiers_no_proof_documents',
  'pct_results_digitized_with_pid',
  'pct_paid_online',
  'pct_satisfied',
];
const BUNDLES = ['pct_births_linked_flow', 'pct_deaths_linked_flow', 'pct_bundles_completed'];
/** What the screen shows, for its live version: dossier indicators (of the unit, or of every unit for the ranking). */
const liveScope = (unit?: string) => ({ domains: ['procedures'], units: unit ? [unit] : undefined });
/** The filter menus: the values of `field` are the catalogue's (/api/procedures), the others the registry's. */
const FILTERS: { key: FilterKey; values?: readonly string[]; prefix: string }[] = [
  { key: 'field', prefix: 'field' },
  { key: 'procedure_level', values: FILTER_DEFS.procedure_level.values, prefix: 'level' },
  { key: 'channel', values: FILTER_DEFS.channel.values, prefix: 'channel' },
];

export default function Procedures({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const filters = {
    field: state.filters.field,
    procedure_level: state.filters.procedure_level,
    channel: state.filters.channel,
  };
  // the charts' months: the period, at least the twelve months up to its end (the tiles sum the period's)
  const chart = chartSpan(state);
  const key = JSON.stringify([state.unit, chart, filters]);
  const data = useAsync(
    () => loadPanel([...KPIS, ...BUNDLES], state.unit, filters, chart.from, chart.to),
    key,
    useLiveVersion(liveScope(state.unit)),
  );
  const bounds = useAsync(
    () => periodBounds(KPIS[0], state.unit),
    `bounds|procedures|${state.unit}`,
    useLiveVersion(liveScope(state.unit)),
  );
  const ranked = KPIS.includes(state.indicator ?? '') ? state.indicator! : 'pct_resolved_on_time';
  const catalogue = useAsync(procedureFields, 'procedure-fields');
  // by label, "other" last; a value of the URL stays in its menu until the catalogue has come
  const known = catalogue.status === 'ready' ? catalogue.data : [];
  const label = (v: string) => i.t(`field.${v}`);
  const fields = [...new Set([...known, ...(state.filters.field ? [state.filters.field] : [])])].sort(
    (a, b) => Number(a === 'other') - Number(b === 'other') || label(a).localeCompare(label(b), i.lang),
  );

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

  return (
    <div className="screen screen--procedures">
      <h1>{i.t('procedures.title')}</h1>
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
            {FILTERS.map((f) => (
              <span key={f.key} className="field">
                <label htmlFor={`proc-filter-${f.key}`}>{i.t(`procedures.filter.${f.key}`)}</label>
                <select
                  id={`proc-filter-${f.key}`}
                  value={state.filters[f.key] ?? ''}
                  onChange={(e) => update({ filters: { ...state.filters, [f.key]: e.target.value || undefined } })}
                >
                  <option value="">{i.t('screens.all')}</option>
                  {(f.values ?? fields).map((v) => (
                    <option key={v} value={v}>
                      {i.t(`${f.prefix}.${v}`)}
                    </option>
                  ))}
                </select>
              </span>
            ))}
            <span className="analyst-filters__note">{i.t('procedures.filter_note')}</span>
          </fieldset>
        </div>
      )}
      <AsyncView state={data}>
        {(loaded) => {
          const view = shownPeriod(state, bounds.status === 'ready' ? bounds.data : null, loaded);
          const { from, to } = view;
          const period = i.period(view.period);
          const compare = bounds.status === 'ready' ? { mode: view.mode, first: bounds.data.from } : undefined;
          const first = loaded.values().next().value;
          /** A panel's CSV / XLSX: its indicators by month over the screen's period and filters (none on the wall). */
          const exports = (ids: string[], f?: string, t?: string): PanelData | undefined =>
            wall
              ? undefined
              : { indicators: ids, unit: state.unit, from: f ?? chart.from, to: t ?? chart.to, by: 'month', filters };
          return (
            <>
              <p className="screen__meta">
                {first?.cols.data_date && i.t('screens.data_date', { date: i.date(first.cols.data_date) })}
                {first?.cols.generated && ` · ${i.t('screens.generated')}`}
              </p>
              <Panel title={i.t('procedures.kpis', { period })} id="proc-kpis" wide data={exports(KPIS, from, to)}>
                <div style={fitGrid(150)}>
                  {KPIS.map((id) => {
                    const l = loaded.get(id);
                    if (!l) return null;
                    return (
                      <PeriodTile
                        key={id}
                        loaded={l}
                        unit={state.unit}
                        from={from}
                        to={to}
                        filters={filters}
                        label={i.t(`kpi.${id}`)}
                        compare={compare}
                        selected={id === ranked}
                        onSelect={wall ? undefined : () => update({ indicator: id })}
                      />
                    );
                  })}
                </div>
                {note(loaded, KPIS)}
              </Panel>
              <div style={{ ...fitGrid(wall ? 700 : 460), marginTop: 12 }}>
                <Panel title={i.t('procedures.trend_counts')} id="proc-counts" data={exports(COUNTS)} picture={!wall}>
                  <TrendsChart
                    input={trends(loaded, COUNTS, 'count')}
                    wall={wall}
                    label={i.t('procedures.trend_counts')}
                  />
                  {note(loaded, COUNTS)}
                </Panel>
                <Panel title={i.t('procedures.trend_rates')} id="proc-rates" data={exports(RATES)} picture={!wall}>
                  <TrendsChart
                    input={trends(loaded, RATES, 'percent')}
                    wall={wall}
                    label={i.t('procedures.trend_rates')}
                  />
                  {note(loaded, RATES)}
                </Panel>
                <Panel
                  title={i.t('procedures.trend_days')}
                  id="proc-days"
                  data={exports(['avg_resolution_days'])}
                  picture={!wall}
                >
                  <TrendsChart
                    input={trends(loaded, ['avg_resolution_days'], 'days')}
                    wall={wall}
                    label={i.t('procedures.trend_days')}
                  />
                  {note(loaded, ['avg_resolution_days'])}
                </Panel>
                <Panel title={i.t('procedures.bundles')} id="proc-bundles" data={exports(BUNDLES)} picture={!wall}>
                  <div style={fitGrid(150)}>
                    {BUNDLES.map((id) => {
                      const l = loaded.get(id);
                      if (!l) return null;
                      return (
                        <PeriodTile
                          key={id}
                          loaded={l}
                          unit={state.unit}
                          from={from}
                          to={to}
                          filters={filters}
                          label={i.t(`kpi.${id}`)}
                          compare={compare}
                        />
                      );
                    })}
                  </div>
                  <TrendsChart
                    input={trends(loaded, BUNDLES, 'percent')}
                    wall={wall}
                    height={wall ? 360 : 240}
                    label={i.t('procedures.bundles_label')}
                  />
                  {note(loaded, BUNDLES)}
                </Panel>
                <ProcedureRanking
                  id={ranked}
                  loaded={loaded.get(ranked)}
                  unit={state.unit}
                  from={from}
                  to={to}
                  filters={filters}
                  wall={wall}
                  onUnit={(unit) => update({ unit })}
                />
              </div>
            </>
          );
        }}
      </AsyncView>
    </div>
  );
}

function ProcedureRanking(props: {
  id: string;
  loaded?: Loaded;
  unit: string;
  from: string;
  to: string;
  filters: Record<string, string | undefined>;
  wall?: boolean;
  onUnit: (unit: string) => void;
}) {
  const i = useI18n();
  const { loaded, unit, from, to } = props;
  const name = i.t(`kpi.${props.id}`);
  const data = useAsync(
    async () => {
      if (!loaded) return null;
      const roots = (await units()).units as UnitNode[];
      const parent = rankingParent(roots, unit);
      if (!(findUnit(roots, parent)?.node.children ?? []).length) return null;
      const cols = await fetchIndicatorColumns(props.id, {
        unit: parent,
        by: 'unit',
        from,
        to,
        filters: allowedFilters(loaded.meta, props.filters),
      });
      return { rows: rankingRows(cols), disclosure: disclosureOf(cols) };
    },
    JSON.stringify([props.id, unit, from, to, props.filters, !!loaded]),
    useLiveVersion(liveScope()),
  );
  return (
    <Panel title={i.t('procedures.ranking', { name })} id="proc-ranking" wide picture={!props.wall}>
      <AsyncView state={data}>
        {(ranked) =>
          ranked && loaded ? (
            <>
              <RankingChart
                input={{
                  rows: ranked.rows,
                  indicator: props.id,
                  unit: loaded.meta.unit,
                  direction: loaded.meta.direction,
                  highlight: unit,
                }}
                wall={props.wall}
                onSelect={props.onUnit}
                label={i.t('procedures.ranking_label', { name, period: i.period(`${from}..${to}`) })}
              />
              <MethodNote disclosure={ranked.disclosure.method} indicators={[loaded.meta.disclosure]} />
            </>
          ) : (
            <p>{i.t('procedures.select_kpi')}</p>
          )
        }
      </AsyncView>
    </Panel>
  );
}
