// The panels of the 766 index screen once its answers are in: score, months, groups, indicators, losses, communes and
// portal. Each panel says unit, period and source, offers its data (the index's indicator queries, CSV / XLSX) and
// its chart as PNG; the monthly panel's data join a snapshot (the others' are the same queries over part of it).
import type { IndicatorMeta } from '../../api/client.ts';
import { GroupsChart, ScoreMonthsChart } from '../../charts/index766/Index766Charts.tsx';
import { gradeBands } from '../../charts/index766/index766-options.ts';
import { monthsBetween } from '../../charts/series.ts';
import { Panel } from '../../charts/ui/panel.tsx';
import { disclosureOfMeta } from '../../charts/withheld.ts';
import type { PanelData } from '../../components/export-query.ts';
import { MethodNote } from '../../components/MethodNote.tsx';
import { useI18n } from '../../i18n/index.ts';
import { GRADES } from '../../../../server/index766/rules.ts';
import type { Index766Answer } from './index766-api.ts';
import {
  forecastText,
  monthInProgress,
  nameIn,
  periodInProgress,
  rankedUnits,
  scoreAxisMin,
} from './index766-format.ts';
import { IndicatorTable } from './IndicatorTable.tsx';
import { Losses } from './Losses.tsx';
import { Portal } from './Portal.tsx';
import { Communes } from './Communes.tsx';
import { PanelInfo } from './parts.tsx';
import { ScoreHeader } from './ScoreHeader.tsx';

export interface Loaded {
  /** by=unit over the period: the unit, then its children */
  byUnit: Index766Answer;
  /** by=month over the period's year */
  byMonth: Index766Answer;
  dataMonth: string;
  /** /api/indicators by id: units, names and disclosure of the index's queries */
  catalogue: Map<string, IndicatorMeta>;
}

const BANDS = gradeBands(GRADES);

export function Index766Body({
  loaded,
  wall,
  onUnit,
}: {
  loaded: Loaded;
  wall?: boolean;
  onUnit: (u: string) => void;
}) {
  const i = useI18n();
  const { byUnit: a, byMonth: m, catalogue } = loaded;
  const row = a.rows.find((r) => r.unit === a.unit) ?? a.rows[0];
  if (!row) return <p role="note">{i.t('index766.score.none')}</p>;
  const disclosure = disclosureOfMeta(a.meta);
  const queries = [...new Set(a.indicators.flatMap((d) => d.query))];
  const note = (
    <MethodNote disclosure={disclosure.method} indicators={queries.map((q) => catalogue.get(q)?.disclosure)} />
  );
  const name = (q: string) => {
    if (q === 'index766') return i.t('index766.export.score');
    const meta = catalogue.get(q);
    return meta ? nameIn(i.lang, meta) : q;
  };
  /** A panel's CSV / XLSX: the index's indicator queries for this request (none on the wall). */
  const exports = (by: string, from: string, to: string, unit = a.unit): PanelData | undefined =>
    wall ? undefined : { indicators: queries, unit, from, to, by };
  /** The same, with the index answer shown (the unit, then its children, over the period) listed first. */
  const withScore = (): PanelData | undefined => {
    const d = exports('total', a.from, a.to);
    return d && { ...d, index766: { period: a.period, by: a.by } };
  };
  const period = i.period(a.period);
  const year = m.period.slice(0, 4);
  const inProgress = monthInProgress(a.data_date);
  const f = m.forecast;
  const drawn =
    f && f.method === 'damped_logit' && f.score !== null ? { score: f.score, low: f.low, high: f.high } : null;
  // months after the data date have no dossiers yet: no bar, whatever the catalogue alone would score
  const monthRows = m.rows
    .filter((r) => r.period <= m.data_date.slice(0, 7))
    .map((r) => ({ period: r.period, score: r.score, grade: r.grade }));
  const monthsMin = scoreAxisMin([...monthRows.map((r) => r.score), drawn?.score, drawn?.low]);
  const defs = new Map(a.groups.map((g) => [g.id, g]));
  const kids = rankedUnits(a.rows, a.unit);
  // the screen's own "Giao việc" (about the index) stands for its panels'
  const common = { snapshot: false, label: name, picture: !wall, directive: false };
  return (
    <>
      <Panel
        title={i.t('index766.score.title', { period })}
        id="i766-score"
        wide
        data={withScore()}
        {...common}
        picture={false}
      >
        <PanelInfo unit={a.unit_name} period={a.period} />
        <ScoreHeader answer={a} row={row} partial={periodInProgress(a.period, a.data_date)} />
        {note}
      </Panel>
      <div className="i766-grid">
        <Panel
          title={i.t('index766.months.title', { year })}
          id="i766-months"
          data={exports('month', m.from, m.to)}
          {...common}
          snapshot
        >
          <PanelInfo unit={m.unit_name} period={m.period} />
          <ScoreMonthsChart
            input={{
              months: monthsBetween(`${year}-01`, `${year}-12`),
              rows: monthRows,
              inProgress,
              dataDate: a.data_date,
              forecast: drawn,
              bands: BANDS,
              axisMin: monthsMin,
            }}
            wall={wall}
            label={i.t('index766.months.label', {
              unit: m.unit_name,
              year,
              forecast: forecastText(i, f, year, loaded.dataMonth),
            })}
          />
          {inProgress && monthRows.some((r) => r.period === inProgress && r.score !== null) && (
            <p className="i766-note">{i.t('index766.months.partial_note', { date: i.date(a.data_date) })}</p>
          )}
          <p className="i766-note">{forecastText(i, f, year, loaded.dataMonth)}</p>
          {monthsMin > 0 && <p className="i766-note">{i.t('index766.axis_from', { min: monthsMin })}</p>}
          {note}
        </Panel>
        <Panel
          title={i.t('index766.groups.title', { period })}
          id="i766-groups"
          data={exports('total', a.from, a.to)}
          {...common}
        >
          <PanelInfo unit={a.unit_name} period={a.period} />
          <GroupsChart
            groups={row.groups.map((g) => {
              const def = defs.get(g.id);
              return {
                name: `${g.id}. ${def ? nameIn(i.lang, def) : g.id}`,
                points: g.points,
                max: g.max,
                full: def?.max ?? g.max,
              };
            })}
            wall={wall}
            label={i.t('index766.groups.label')}
          />
          {note}
        </Panel>
      </div>
      <Panel
        title={i.t('index766.table.title', { period })}
        id="i766-indicators"
        wide
        data={withScore()}
        {...common}
        picture={false}
      >
        <PanelInfo unit={a.unit_name} period={a.period} />
        <IndicatorTable answer={a} row={row} catalogue={catalogue} disclosure={disclosure} />
        <p className="i766-note">{i.t('index766.status_note')}</p>
        {a.indicators.some((d) => d.observed) && <p className="i766-note">{i.t('index766.observed_note')}</p>}
        {note}
      </Panel>
      <div className="i766-grid">
        <Panel
          title={i.t('index766.losses.title', { period })}
          id="i766-losses"
          data={exports('total', a.from, a.to)}
          {...common}
          picture={false}
        >
          <PanelInfo unit={a.unit_name} period={a.period} />
          <Losses answer={a} />
          {note}
        </Panel>
        {kids.length > 0 && (
          <Panel
            title={i.t('index766.communes.title', { period })}
            id="i766-communes"
            data={exports('unit', a.from, a.to)}
            {...common}
          >
            <PanelInfo unit={a.unit_name} period={a.period} />
            <Communes rows={kids} highlight={a.unit} wall={wall} onUnit={onUnit} />
            {note}
          </Panel>
        )}
        {a.portal.length > 0 && (
          <Panel title={i.t('index766.portal.title')} id="i766-portal">
            <PanelInfo unit={a.unit_name} period={a.period} source="index766.portal.source" />
            <Portal answer={a} />
          </Panel>
        )}
      </div>
    </>
  );
}
