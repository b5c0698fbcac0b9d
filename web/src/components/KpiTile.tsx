// One target of the plan as a tile: value now (or at the deadline), target, deadline, status colour, and
// the forecast at the deadline with the probability of meeting it (the outlook the status comes from).
import type { Disclosure, TargetAnswer } from '../api/client.ts';
import { useI18n } from '../i18n/index.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { SuppressedValue } from './SuppressedValue.tsx';
import { comparatorSign, probabilityText, targetValueText } from './target-text.ts';

/** `flash`: the highlight of a value that just changed (live/use-flash.ts). */
export function KpiTile({
  target,
  minCell,
  disclosure,
  href,
  flash = '',
}: {
  target: TargetAnswer;
  minCell: number;
  /** the server's method (the words of a withheld value); absent from an older server */
  disclosure?: Disclosure | null;
  href?: string;
  flash?: string;
}) {
  const i18n = useI18n();
  const { t, lang, date, period } = i18n;
  const title = lang === 'vi' ? target.title_vi : target.title_en;
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
      <h3 id={`tile-${target.target_id}`} className="kpi-tile__title">
        {href ? <a href={href}>{title}</a> : title}
      </h3>
      <p className="kpi-tile__value">
        {target.suppressed ? (
          <SuppressedValue minCell={minCell} disclosure={disclosure} />
        ) : target.value === null ? (
          '—'
        ) : (
          targetValueText(target.value, target.unit, i18n)
        )}
      </p>
      <ul className="kpi-tile__facts">
        <li>{t('tile.target', { target: goal })}</li>
        <li>{t('tile.deadline', { date: date(target.deadline) })}</li>
        {target.value_month && <li>{t('tile.as_of', { period: period(target.value_month) })}</li>}
        {target.forecast_at_deadline !== null && target.probability !== null && (
          <li className="kpi-tile__forecast">
            {t('tile.forecast', {
              value: targetValueText(target.forecast_at_deadline, target.unit, i18n),
              p: probabilityText(target.probability, i18n),
            })}
          </li>
        )}
      </ul>
    </article>
  );
}
