// One group of the Targets screen's table (views/Targets.tsx): id, target, value, goal, deadline, status,
// forecast at the deadline with its probability, and the data month. On a laptop a table that scrolls inside
// its panel when the window is narrow; on a phone each target is a card of labelled lines (targets.css).
import type { TargetAnswer } from '../../api/client.ts';
import { Panel } from '../../charts/ui/panel.tsx';
import type { DisclosureInfo } from '../../charts/withheld.ts';
import { MethodNote } from '../../components/MethodNote.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { SuppressedValue } from '../../components/SuppressedValue.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { comparatorSign, targetValueText } from '../../components/target-text.ts';
import { useI18n } from '../../i18n/index.ts';
import { forecastText } from '../forecast/forecast-text.ts';
import './targets.css';

const COLS = ['id', 'title', 'value', 'target', 'deadline', 'status', 'forecast', 'data_date'] as const;

interface TableProps {
  group: string;
  rows: TargetAnswer[];
  selected?: string;
  disclosure: DisclosureInfo;
  /** each indicator's own `disclosure` (count, rate, none) */
  kinds: Map<string, string>;
  flash: (id: string) => string;
  exportUnit?: string;
  onSelect: (id: string) => void;
}

export function TargetTable({ group, rows, selected, disclosure, kinds, flash, exportUnit, onSelect }: TableProps) {
  const i = useI18n();
  const title = i.t(`targets.group.${group}`);
  const label = (c: (typeof COLS)[number]) => i.t(`targets.col.${c}`);
  // The first table offers the whole targets table (every group) as CSV / XLSX.
  return (
    <Panel
      title={title}
      id={`group-${group}`}
      data={exportUnit ? { indicators: [], targets: true, unit: exportUnit } : undefined}
    >
      <TableScroll label={title}>
        <table className="data-table targets-table">
          <thead>
            <tr>
              {COLS.map((c) => (
                <th key={c} scope="col" className={c === 'title' || c === 'id' ? undefined : 'num'}>
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr
                key={t.target_id}
                className={
                  [flash(t.target_id), t.target_id === selected && 'targets-row--selected'].filter(Boolean).join(' ') ||
                  undefined
                }
                aria-selected={t.target_id === selected}
              >
                <td className="targets-table__id">
                  <button
                    type="button"
                    className="button button--link"
                    aria-pressed={t.target_id === selected}
                    aria-label={i.t('targets.open', { id: t.target_id })}
                    onClick={() => onSelect(t.target_id)}
                  >
                    {t.target_id}
                  </button>
                </td>
                <td className="targets-table__title">
                  {i.lang === 'vi' ? t.title_vi : t.title_en}
                  {t.status === 'no_data' && (
                    <span className="targets-table__note">
                      {t.value_month === null && t.data_date === null
                        ? i.t('targets.no_data')
                        : i.t('targets.no_value')}
                    </span>
                  )}
                </td>
                <td className="num" data-label={label('value')}>
                  {t.suppressed ? (
                    <SuppressedValue minCell={disclosure.minCell} disclosure={disclosure.method} />
                  ) : t.value === null ? (
                    '—'
                  ) : (
                    targetValueText(t.value, t.unit, i)
                  )}
                </td>
                <td className="num" data-label={label('target')}>
                  {t.comparator === 'done'
                    ? i.t('targets.milestone_done')
                    : `${comparatorSign(t.comparator)} ${targetValueText(t.target, t.unit, i)}`}
                </td>
                <td className="num" data-label={label('deadline')}>
                  {i.date(t.deadline)}
                </td>
                <td className="num targets-table__status">
                  <StatusBadge status={t.status} />
                </td>
                <td className="num" data-label={label('forecast')}>
                  <ForecastCell target={t} />
                </td>
                <td className="num" data-label={label('data_date')}>
                  {t.value_month ? i.period(t.value_month) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <MethodNote disclosure={disclosure.method} indicators={rows.map((t) => kinds.get(t.indicator))} />
    </Panel>
  );
}

/** The forecast at the deadline and the probability of meeting it (or met / missed once passed). */
function ForecastCell({ target }: { target: TargetAnswer }) {
  const i = useI18n();
  const tx = forecastText(target, target.unit, i);
  if (target.forecast_at_deadline === null) return <span>{tx.probability !== '—' ? tx.probability : tx.forecast}</span>;
  return (
    <span
      title={
        `${i.t('forecast.col.interval80')}: ${tx.interval80} · ` + `${i.t('forecast.col.interval95')}: ${tx.interval95}`
      }
    >
      {tx.forecast} <small>({i.t('forecast.probability', { p: tx.probability })})</small>
    </span>
  );
}
