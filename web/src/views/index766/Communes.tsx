// The communes of a district ranked by their 766 score: bars in grade colours on an axis that fits the scores (and
// says so when it does not start at 0), and the same ranking as a table whose names open the commune.
import { CommunesChart } from '../../charts/index766/Index766Charts.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { Index766Row } from './index766-api.ts';
import { pointsText, scoreAxisMin } from './index766-format.ts';
import { GradeBadge } from './parts.tsx';

const COLS = ['rank', 'unit', 'score', 'grade'] as const;

export function Communes(props: {
  /** ranked best first (rankedUnits) */
  rows: Index766Row[];
  highlight?: string;
  wall?: boolean;
  onUnit: (unit: string) => void;
}) {
  const i = useI18n();
  const { rows, wall } = props;
  const axisMin = scoreAxisMin(rows.map((r) => r.score));
  const label = (c: (typeof COLS)[number]) => i.t(`index766.col.${c}`);
  return (
    <>
      {!wall && <p className="i766-note">{i.t('index766.communes.hint')}</p>}
      <CommunesChart
        rows={rows.map((r) => ({ unit: r.unit, name: r.unit_name, score: r.score, grade: r.grade }))}
        axisMin={axisMin}
        highlight={props.highlight}
        wall={wall}
        onSelect={wall ? undefined : props.onUnit}
        label={i.t('index766.communes.label', { n: rows.length })}
      />
      {axisMin > 0 && <p className="i766-note">{i.t('index766.axis_from', { min: axisMin })}</p>}
      {!wall && (
        <details className="i766-ranking">
          <summary>{i.t('index766.communes.table')}</summary>
          <table className="data-table i766-table i766-table--ranking">
            <thead>
              <tr>
                {COLS.map((c) => (
                  <th key={c} scope="col" className={c === 'rank' || c === 'score' ? 'num' : undefined}>
                    {label(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.unit}>
                  <td data-label={label('rank')} className="num">
                    {r.rank ?? '—'}
                  </td>
                  <td data-label={label('unit')}>
                    <button type="button" className="i766-link" onClick={() => props.onUnit(r.unit)}>
                      {r.unit_name}
                    </button>
                  </td>
                  <td data-label={label('score')} className="num">
                    {r.score === null ? '—' : pointsText(i, r.score)}
                  </td>
                  <td data-label={label('grade')}>
                    <GradeBadge grade={r.grade} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
