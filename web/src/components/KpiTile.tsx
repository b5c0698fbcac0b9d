// One target of the plan as a tile: value now (or at the deadline), the change since the previous month, target,
// deadline, status colour, and the forecast at the deadline with the probability of meeting it (the outlook the
// status comes from). Every number is the server's (GET /api/targets).
import type { ReactNode } from 'react';
import type { Disclosure, TargetAnswer } from '../api/client.ts';
import { useI18n } from '../i18n/index.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { SuppressedValue } from './SuppressedValue.tsx';
import { changeText, comparatorSign, probabilityText, targetValueText } from './target-text.ts';
import '../styles/triage.css';

const ARROWS = { up: '▲', down: '▼', flat: '=' } as const;

/**
 * `flash`: the highlight of a value that just changed (live/use-flash.ts); `level`: the title's heading level;
 * `action`: a button at the tile's foot ("Giao việc", work/TargetDirective.tsx).
 */
export function KpiTile({
  target,
  minCell,
  disclosure,
  href,
  flash = '',
  level = 3,
  action,
}: {
  target: TargetAnswer;
  minCell: number;
  /** the server's method (the words of a withheld value); absent from an older server */
  disclosure?: Disclosure | null;
  href?: string;
  flash?: string;
  level?: 3 | 4 | 5;
  action?: ReactNode;
}) {
  const i18n = useI18n();
  const { t, lang, date, period } = i18n;
  const title = lang === 'vi' ? target.title_vi : target.title_en;
  const Heading = `h${level}` as const;
  const change = changeText(target, i18n);
  const goal =
    target.comparator === 'done'
      ? t('milestone.done')
      : `${comparatorSign(target.comparator)} ${targetValueText(target.target, target.unit, i18n)}`;
  return (
    <article
      className={`kpi-tile status-edge--${target.status} ${flash}`.trim()}
      data-target={target.target_id}
      aria-labelledby={`tile-${target.target_id}`}
    >
      <header className="kpi-tile__head">
        <span className="kpi-tile__id">{target.target_id}</span>
        <StatusBadge status={target.status} />
      </header>
      <Heading id={`tile-${target.target_id}`} className="kpi-tile__title">
        {href ? <a href={href}>{title}</a> : title}
      </Heading>
      <p className="kpi-tile__value">
        {target.suppressed ? (
          <SuppressedValue minCell={minCell} disclosure={disclosure} />
        ) : target.value === null ? (
          '—'
        ) : (
          targetValueText(target.value, target.unit, i18n)
        )}
      </p>
      {change && (
        <p className={`kpi-tile__change kpi-tile__change--${change.tone}`}>
          <span className="kpi-tile__arrow" aria-hidden="true">
            {ARROWS[change.direction]}
          </span>{' '}
          {change.word && <span className="visually-hidden">{change.word} </span>}
          {change.text}
        </p>
      )}
      <ul className="kpi-tile__facts">
        <li className="kpi-tile__fact--target">{t('tile.target', { target: goal })}</li>
        <li className="kpi-tile__fact--deadline">{t('tile.deadline', { date: date(target.deadline) })}</li>
        {target.value_month && (
          <li className="kpi-tile__fact--as-of">{t('tile.as_of', { period: period(target.value_month) })}</li>
        )}
        {target.forecast_at_deadline !== null && target.probability !== null && (
          <li className="kpi-tile__forecast">
            {t('tile.forecast', {
              value: targetValueText(target.forecast_at_deadline, target.unit, i18n),
              p: probabilityText(target.probability, i18n),
            })}
          </li>
        )}
      </ul>
      {action && <div className="kpi-tile__actions">{action}</div>}
    </article>
  );
}
