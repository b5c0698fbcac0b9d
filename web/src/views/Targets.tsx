// Chỉ tiêu / Targets: every target of the plan for the unit, grouped, with value, goal, deadline, status,
// forecast at the deadline with its probability (one outlook from the server) and data month; the selected
// target (?target=) shows its trajectory as the server computed it and the communes ranked.
// Live changes refresh the table and the charts in place; a row whose value changed is highlighted.
import { useMemo } from 'react';
import { fetchIndicatorColumns, fetchTargets } from '../api/client.ts';
import type { IndicatorMeta, TargetAnswer, UnitNode } from '../api/client.ts';
import { forecastText } from './forecast/forecast-text.ts';
import { indicators, units } from '../app/data.ts';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { probabilityText, targetValueText } from '../components/target-text.ts';
import { rankingRows } from '../charts/ui/load-series.ts';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import { useFlashes } from '../live/use-flash.ts';
import RankingChart from '../charts/ranking/RankingChart.tsx';
import type { RankingInput } from '../charts/ranking/ranking-option.ts';
import TrajectoryChart from '../charts/trajectory/TrajectoryChart.tsx';
import { rankingWindow, targetFilters, targetTrajectory } from '../charts/trajectory/target-series.ts';
import { AsyncView, Panel } from '../charts/ui/panel.tsx';
import { findUnit, rankingParent } from '../charts/ui/units.ts';
import { disclosureOfMeta, isSmallBase, type DisclosureInfo } from '../charts/withheld.ts';
import { MethodNote } from '../components/MethodNote.tsx';
import { IndicatorSources } from '../components/IndicatorSources.tsx';
import { TargetTable } from './targets/TargetTable.tsx';
import { TargetDirective } from '../work/TargetDirective.tsx';

const GROUPS = ['tthc', 'cong_dan_so', 'du_lieu', 'lien_thong'];

export default function Targets({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const live = useLiveVersion({ units: [state.unit] });
  const answer = useAsync(() => fetchTargets(state.unit), `targets|${state.unit}`, live);
  // each indicator's own `disclosure` (count, rate, none): whether a table's note on the method applies
  const catalogue = useAsync(indicators, 'indicators');
  const kinds = new Map(catalogue.status === 'ready' ? catalogue.data.indicators.map((m) => [m.id, m.disclosure]) : []);
  const flash = useFlashes(
    answer.status === 'ready'
      ? answer.data.targets.map((x) => [x.target_id, `${x.value}|${x.status}|${x.suppressed}`] as const)
      : null,
    state.unit,
  );
  return (
    <div className="screen screen--targets">
      <AsyncView state={answer}>
        {(a) => {
          const selected = a.targets.find((t) => t.target_id === state.target);
          const disclosure = disclosureOfMeta(a.meta);
          return (
            <>
              <h1>
                {i.t('targets.title')} · {a.unit_name}
              </h1>
              <p className="screen__meta">
                {a.meta.data_date && i.t('screens.data_date', { date: i.date(a.meta.data_date) })}
                {a.meta.generated && ` · ${i.t('screens.generated')}`}
              </p>
              <p className="screen__meta">{i.t('targets.status_rule')}</p>
              {selected ? (
                <TargetDetail
                  key={`${selected.target_id}|${state.unit}`}
                  target={selected}
                  unit={state.unit}
                  unitName={a.unit_name}
                  disclosure={disclosure}
                  dataDate={a.meta.data_date}
                  wall={wall}
                  onClose={() => update({ target: undefined })}
                  onUnit={(unit) => update({ unit })}
                />
              ) : (
                <p>{i.t('targets.select_hint')}</p>
              )}
              {GROUPS.map((g) => {
                const rows = a.targets.filter((t) => t.group === g);
                return rows.length === 0 ? null : (
                  <TargetTable
                    key={g}
                    group={g}
                    rows={rows}
                    selected={state.target}
                    disclosure={disclosure}
                    kinds={kinds}
                    flash={flash}
                    exportUnit={g === GROUPS[0] && !wall ? state.unit : undefined}
                    onSelect={(id) => update({ target: id === state.target ? undefined : id })}
                  />
                );
              })}
            </>
          );
        }}
      </AsyncView>
    </div>
  );
}

interface DetailData {
  meta: IndicatorMeta | undefined;
  trajectory: ReturnType<typeof targetTrajectory> | null;
  ranking: RankingInput | null;
  communes: UnitNode[];
}

async function loadDetail(
  target: TargetAnswer,
  unit: string,
  dataDate: string | null,
  name: string,
): Promise<DetailData> {
  const [catalogue, tree] = await Promise.all([indicators(), units()]);
  const roots = tree.units as UnitNode[];
  const meta = catalogue.indicators.find((m) => m.id === target.indicator);
  if (!meta) return { meta, trajectory: null, ranking: null, communes: [] };
  const filters = targetFilters(target, meta);
  // the monthly values as the server computed them (12-month windows for flows), with the same outlook
  const answer = await fetchTargets(unit, target.target_id);
  const months = answer.trajectory?.months ?? [];
  const judged = answer.targets.find((x) => x.target_id === target.target_id) ?? target;
  const trajectory =
    answer.trajectory && months.length
      ? targetTrajectory(judged, answer.trajectory, name, disclosureOfMeta(answer.meta))
      : null;
  const parent = rankingParent(roots, unit);
  const place = findUnit(roots, parent);
  const communes = place?.node.children ?? [];
  const month = target.value_month ?? months[months.length - 1];
  let ranking: RankingInput | null = null;
  if (communes.length > 0 && month) {
    const byUnit = await fetchIndicatorColumns(meta.id, {
      unit: parent,
      by: 'unit',
      ...rankingWindow(meta, month),
      filters,
    });
    ranking = {
      rows: rankingRows(byUnit),
      indicator: meta.id,
      unit: target.unit === 'milestone' ? 'count' : target.unit,
      direction: meta.direction,
      target: target.target,
      comparator: target.comparator,
      deadlinePassed: dataDate !== null && target.deadline < dataDate,
      highlight: unit,
    };
  }
  return { meta, trajectory, ranking, communes };
}

function TargetDetail(props: {
  target: TargetAnswer;
  unit: string;
  unitName: string;
  disclosure: DisclosureInfo;
  dataDate: string | null;
  wall?: boolean;
  onClose: () => void;
  onUnit: (unit: string) => void;
}) {
  const { target: t, unit } = props;
  const i = useI18n();
  const title = i.lang === 'vi' ? t.title_vi : t.title_en;
  const name = i.t(t.window === '12_months' ? 'chart.value_12m' : 'chart.value_month');
  // the trajectory (this unit) and the ranking (its neighbours): every unit's change of the indicator
  const data = useAsync(
    () => loadDetail(t, unit, props.dataDate, name),
    `${t.target_id}|${unit}|${i.lang}`,
    useLiveVersion({ indicators: [t.indicator] }),
  );
  const targetText = useMemo(() => targetValueText(t.target, t.unit, i), [t, i]);
  return (
    <Panel
      title={i.t('targets.trajectory', { title: `${t.target_id} · ${title}` })}
      id="target-detail"
      wide
      picture={!props.wall}
      directive={false}
      data={
        props.wall || data.status !== 'ready' || !data.data.meta
          ? undefined
          : { indicators: [t.indicator], unit, by: 'month', filters: targetFilters(t, data.data.meta) }
      }
    >
      <p style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
        <StatusBadge status={t.status} />
        <span>
          {i.t(
            t.window !== '12_months'
              ? 'targets.window_month'
              : props.disclosure.method === 'cellkey'
                ? 'targets.window_12m_cellkey'
                : 'targets.window_12m',
          )}
        </span>
        {t.met_on && <span>{i.t('targets.met_on', { period: i.period(t.met_on) })}</span>}
        {t.forecast_at_deadline !== null && t.probability !== null && (
          <span>
            {i.t('targets.forecast', {
              value: targetValueText(t.forecast_at_deadline, t.unit, i),
              range: forecastText(t, t.unit, i).interval80,
              p: probabilityText(t.probability, i),
            })}
          </span>
        )}
        {!props.wall && <TargetDirective target={t} unit={unit} unitName={props.unitName} />}
        {!props.wall && (
          <button type="button" className="button" onClick={props.onClose}>
            {i.t('targets.close')}
          </button>
        )}
      </p>
      {t.status === 'suppressed' && (
        <p>
          {isSmallBase(null, props.disclosure)
            ? i.t('targets.withheld_small_base', { k: props.disclosure.minCell })
            : i.t('targets.suppressed')}
        </p>
      )}
      <AsyncView state={data}>
        {(d) =>
          !d.meta || !d.trajectory ? (
            <p role="note">{t.data_date === null ? i.t('targets.no_data') : i.t('targets.no_value')}</p>
          ) : (
            <>
              <TrajectoryChart
                input={d.trajectory}
                wall={props.wall}
                label={i.t('targets.trajectory_label', {
                  id: t.target_id,
                  target: targetText,
                  deadline: i.date(t.deadline),
                })}
              />
              {d.ranking && (
                <>
                  <h3 style={{ fontSize: '1em', marginTop: 16 }}>{i.t('targets.ranking', { title })}</h3>
                  {!props.wall && (
                    <p style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                      <span>{i.t('targets.ranking_hint')}</span>
                      <label>
                        {i.t('targets.choose_commune')}{' '}
                        <select
                          value={d.communes.some((c) => c.unit_id === unit) ? unit : ''}
                          onChange={(e) => e.target.value && props.onUnit(e.target.value)}
                        >
                          <option value="">—</option>
                          {d.communes.map((c) => (
                            <option key={c.unit_id} value={c.unit_id}>
                              {c.name}
                            </option>
                          ))}
                        </select>
                      </label>
                    </p>
                  )}
                  <RankingChart
                    input={d.ranking}
                    wall={props.wall}
                    onSelect={props.onUnit}
                    label={i.t('targets.ranking_label', { id: t.target_id, target: targetText })}
                  />
                </>
              )}
              <MethodNote disclosure={props.disclosure.method} indicators={[d.meta.disclosure]} />
              {!props.wall && <IndicatorSources sources={d.meta.sources} />}
            </>
          )
        }
      </AsyncView>
    </Panel>
  );
}
