// Dự báo / Forecast: the unit's population projected to 2035 (cohort-component) under a scenario and
// the planner's own controls (fertility, life expectancy, net migration; all in the URL), the 2030
// pyramid over today's, totals by scenario, school-age and older people, and each target's forecast
// at its deadline with its ranges and probability (the outlook of /api/targets, the same on every screen).
// Each chart says its method and assumptions. The controls read numbers the Vietnamese way (1,8); the
// targets' table sorts by any column and becomes cards on a phone.
import { fetchPopulationForecast, fetchTargets, type PopulationForecast, type TargetAnswer } from '../api/client.ts';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { ProjectedPyramid, ScenarioFan } from '../charts/forecast/ForecastCharts.tsx';
import { AsyncView, Panel } from '../charts/ui/panel.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import { forecastText } from './forecast/forecast-text.ts';
import { groupsIn } from './forecast/groups.ts';
import { NumberInput } from '../components/NumberInput.tsx';
import { SortHeader, useSortable } from '../components/SortableTable.tsx';
import '../styles/analyst.css';

const SCENARIOS = ['low', 'medium', 'high'] as const;
const ROWS = [
  'total',
  'school_6_10',
  'school_11_14',
  'school_15_17',
  'working_15_64',
  'age_60_plus',
  'age_65_plus',
  'dependency_total',
  'dependency_old_age',
  'ageing_index',
] as const;
const RATIOS = new Set(['dependency_total', 'dependency_old_age', 'ageing_index']);
const PYRAMID_YEAR = 2030;

type Summary = PopulationForecast['yearly'][number];

export default function Forecast({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const custom = state.tfr !== undefined || state.e0 !== undefined || state.mig !== undefined;
  const scenario = state.scenario ?? 'medium';
  const live = useLiveVersion({ units: [state.unit] });
  const projections = useAsync(
    () =>
      Promise.all([
        Promise.all(SCENARIOS.map((s) => fetchPopulationForecast(state.unit, { scenario: s }))),
        custom
          ? fetchPopulationForecast(state.unit, { scenario, tfr: state.tfr, e0: state.e0, mig: state.mig })
          : Promise.resolve(null),
      ] as const),
    JSON.stringify([state.unit, scenario, state.tfr, state.e0, state.mig]),
    live,
  );
  const targets = useAsync(() => fetchTargets(state.unit), `forecast-targets|${state.unit}`, live);

  return (
    <div className="screen screen--forecast">
      <AsyncView state={projections}>
        {([[low, medium, high], own]) => {
          const byName = { low, medium, high };
          const chosen = own ?? byName[scenario];
          const text = (f: PopulationForecast) =>
            i.t('forecast.scenario_text', {
              tfr: i.number(f.controls.tfr, 2),
              e0: i.number(f.controls.e0, 1),
              mig: i.number(f.controls.net_migration, 1),
            });
          const base = groupsIn(chosen, chosen.base_year);
          const future = groupsIn(chosen, PYRAMID_YEAR);
          const end = chosen.yearly[chosen.yearly.length - 1]?.year ?? 2035;
          const fan = [
            ...SCENARIOS.map((s) => ({ name: i.t(`forecast.scenario.${s}`), f: byName[s] })),
            ...(own ? [{ name: i.t('forecast.scenario.custom'), f: own }] : []),
          ].map(({ name, f }) => ({ name, years: f.yearly.map((y) => y.year), totals: f.yearly.map((y) => y.total) }));
          const years = [chosen.base_year, 2030, 2035].filter(
            (y, k, a) => a.indexOf(y) === k && chosen.yearly.some((s) => s.year === y),
          );
          const row = (y: number) => chosen.yearly.find((s) => s.year === y) as Summary;
          return (
            <>
              <div className="screen-head">
                <div>
                  <h1>{i.t('forecast.title', { unit: chosen.unit_name })}</h1>
                  <p className="screen__meta">
                    {chosen.meta.data_date && i.t('screens.data_date', { date: i.date(chosen.meta.data_date) })}
                    {chosen.meta.generated && ` · ${i.t('screens.generated')}`}
                  </p>
                </div>
                {!wall && <UnitPicker value={state.unit} onChange={(unit) => update({ unit })} />}
              </div>
              {!wall && (
                <form
                  className="forecast-controls"
                  aria-label={i.t('forecast.controls')}
                  onSubmit={(e) => e.preventDefault()}
                >
                  <span className="field">
                    <label htmlFor="forecast-scenario">{i.t('forecast.scenario')}</label>
                    <select
                      id="forecast-scenario"
                      value={scenario}
                      onChange={(e) =>
                        update({
                          scenario: e.target.value === 'medium' ? undefined : (e.target.value as 'low' | 'high'),
                        })
                      }
                    >
                      {SCENARIOS.map((s) => (
                        <option key={s} value={s}>
                          {i.t(`forecast.scenario.${s}`)}
                        </option>
                      ))}
                    </select>
                  </span>
                  <NumberInput
                    label={i.t('forecast.tfr')}
                    value={state.tfr ?? byName[scenario].controls.tfr}
                    digits={2}
                    min={0.5}
                    max={6}
                    onChange={(tfr) => update({ tfr })}
                  />
                  <NumberInput
                    label={i.t('forecast.e0')}
                    value={state.e0 ?? byName[scenario].controls.e0}
                    digits={1}
                    min={40}
                    max={95}
                    onChange={(e0) => update({ e0 })}
                  />
                  <NumberInput
                    label={i.t('forecast.mig')}
                    value={state.mig ?? byName[scenario].controls.net_migration}
                    digits={1}
                    min={-50}
                    max={50}
                    onChange={(mig) => update({ mig })}
                  />
                  {custom && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => update({ tfr: undefined, e0: undefined, mig: undefined })}
                    >
                      {i.t('forecast.reset')}
                    </button>
                  )}
                </form>
              )}
              <div className="analyst-forecast-grid">
                <Panel title={i.t('forecast.pyramid', { future: future.year, base: base.year })} picture={!wall}>
                  <ProjectedPyramid
                    wall={wall}
                    label={i.t('forecast.pyramid', { future: future.year, base: base.year })}
                    pair={{
                      today: { male: base.male, female: base.female },
                      future: { male: future.male, female: future.female },
                      todayLabel: String(base.year),
                      futureLabel: String(future.year),
                    }}
                  />
                  <p className="panel__note">
                    {i.t('forecast.method', {
                      base: i.period(chosen.base_month),
                      tfr: i.number(chosen.controls.tfr, 2),
                      e0: i.number(chosen.controls.e0, 1),
                      e0f: i.number(chosen.assumptions.e0_female, 1),
                      e0m: i.number(chosen.assumptions.e0_male, 1),
                      mig: i.number(chosen.controls.net_migration, 1),
                      srb: i.number(chosen.assumptions.sex_ratio_at_birth * 100, 1),
                    })}
                  </p>
                </Panel>
                <Panel title={i.t('forecast.fan', { end })} picture={!wall}>
                  <ScenarioFan wall={wall} series={fan} label={i.t('forecast.fan', { end })} />
                  <p className="panel__note">
                    {i.t('forecast.fan_note', {
                      low: text(low),
                      medium: text(medium),
                      high: text(high),
                      custom: own ? `, ${i.t('forecast.scenario.custom').toLowerCase()} (${text(own)})` : '',
                    })}
                  </p>
                </Panel>
              </div>
              <Panel title={i.t('forecast.groups')} wide>
                <div className="table-scroll">
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{i.t('forecast.groups.indicator')}</th>
                        {years.map((y) => (
                          <th key={y} scope="col" className="num">
                            {y}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {ROWS.map((r) => (
                        <tr key={r}>
                          <th scope="row">{i.t(`forecast.row.${r}`)}</th>
                          {years.map((y) => {
                            const v = row(y)[r];
                            return (
                              <td key={y} className="num">
                                {v === null ? '—' : i.number(v, RATIOS.has(r) ? 1 : 0)}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="panel__note">{i.t('forecast.groups_note')}</p>
              </Panel>
            </>
          );
        }}
      </AsyncView>
      <Panel title={i.t('forecast.targets')} wide>
        <AsyncView state={targets}>
          {(plain) => (
            <>
              <TargetsTable targets={plain.targets} />
              <p className="panel__note">{i.t('forecast.targets_note')}</p>
              <p className="panel__note">{i.t('targets.status_rule')}</p>
            </>
          )}
        </AsyncView>
      </Panel>
    </div>
  );
}

const COLUMNS = [
  'target',
  'deadline',
  'now',
  'forecast',
  'interval80',
  'interval95',
  'probability',
  'pace',
  'status',
] as const;

/** Each target's outlook at its deadline; sorted by a click on a header, cards of labelled lines on a phone. */
function TargetsTable({ targets }: { targets: TargetAnswer[] }) {
  const i = useI18n();
  const s = useSortable(targets, {
    target: (t) => t.target_id,
    deadline: (t) => t.deadline,
    now: (t) => (t.suppressed ? null : t.value),
    forecast: (t) => t.forecast_at_deadline,
    probability: { value: (t) => t.probability, first: 'desc' },
    pace: (t) => t.pace_needed,
    status: (t) => i.t(`status.${t.status}`),
  });
  const col = (c: (typeof COLUMNS)[number]) => i.t(`forecast.col.${c}`);
  return (
    <table className="data-table sortable--cards forecast-targets">
      <thead>
        <tr>
          {COLUMNS.map((c) =>
            c === 'interval80' || c === 'interval95' ? (
              <th key={c} scope="col" className="num">
                {col(c)}
              </th>
            ) : (
              <SortHeader key={c} {...s.header(c)} className={c === 'target' ? undefined : 'num'}>
                {col(c)}
              </SortHeader>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {s.rows.map((t) => {
          const tx = forecastText(t, t.unit, i);
          return (
            <tr key={t.target_id}>
              <th scope="row">
                {t.target_id} · {i.lang === 'vi' ? t.title_vi : t.title_en}
              </th>
              <td className="num" data-label={col('deadline')}>
                {i.date(t.deadline)}
              </td>
              <td className="num" data-label={col('now')}>
                {t.suppressed
                  ? i.t('suppressed.short')
                  : t.value === null
                    ? '—'
                    : i.value(t.value, t.unit === 'milestone' ? 'count' : t.unit)}
              </td>
              <td className="num" data-label={col('forecast')}>
                {tx.forecast}
              </td>
              <td className="num" data-label={col('interval80')}>
                {tx.interval80}
              </td>
              <td className="num" data-label={col('interval95')}>
                {tx.interval95}
              </td>
              <td className="num" data-label={col('probability')}>
                {tx.probability}
              </td>
              <td className="num" data-label={col('pace')}>
                {tx.pace}
              </td>
              <td className="num" data-label={col('status')}>
                <StatusBadge status={t.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
