// One directive as a card: its number, status and whether it is overdue (the server's), what to do, the office and
// the unit, the due date, the indicator's value when it was issued against its value now (a withheld value says
// so, never 0) and the expected effect; its detail opens under it (DirectiveDetail.tsx).
import { useId } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { Directive, WorkValue } from '../../work/api.ts';
import { DirectiveDetail } from './DirectiveDetail.tsx';
import { valueShown } from './tasks-view.ts';
import { OverdueBadge, WorkBadge } from './WorkBadge.tsx';

export function DirectiveCard({
  directive: d,
  open,
  onToggle,
  onChanged,
}: {
  directive: Directive;
  open: boolean;
  onToggle: (open: boolean) => void;
  onChanged: (d: Directive) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const indicator = i18n.lang === 'en' ? (d.indicator_title_en ?? d.indicator_title_vi) : d.indicator_title_vi;
  return (
    <article
      className={`directive-card${d.overdue ? ' directive-card--overdue' : ''}`}
      data-directive={d.id}
      aria-labelledby={`${id}-title`}
    >
      <div className="task-card__head">
        <span className="task-card__id">{t('tasks.directive.number', { id: d.id })}</span>
        <WorkBadge status={d.status} />
        {d.overdue && <OverdueBadge />}
        {d.progress !== null && (
          <span className="task-card__progress">{t('tasks.task.progress', { n: i18n.number(d.progress, 0) })}</span>
        )}
      </div>
      <h3 id={`${id}-title`} className="task-card__title">
        {d.title}
      </h3>
      <dl className="task-card__facts">
        <div>
          <dt>{t('tasks.directive.office')}</dt>
          <dd>
            {d.office_name} · {d.unit_name}
          </dd>
        </div>
        <div>
          <dt>{t('tasks.directive.due')}</dt>
          <dd>{i18n.date(d.due)}</dd>
        </div>
        {indicator && (
          <div className="directive-card__values">
            <dt>{t('tasks.directive.indicator')}</dt>
            <dd>
              <span className="directive-card__indicator">{indicator}</span>
              {t('tasks.directive.at_issue')} <Value v={d.value_at_issue} measure={d.measure} />
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden">; </span>
              {t('tasks.directive.now')} <Value v={d.value_now} measure={d.measure} />
            </dd>
          </div>
        )}
        {(d.expected || d.expected_value !== null) && (
          <div>
            <dt>{t('tasks.directive.expected')}</dt>
            <dd>
              {[
                d.expected,
                d.expected_value !== null && d.measure
                  ? t('tasks.directive.expected_value', { value: i18n.value(d.expected_value, d.measure) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
        )}
      </dl>
      <button
        type="button"
        className="button--link task-card__toggle"
        aria-expanded={open}
        aria-controls={`${id}-detail`}
        onClick={() => onToggle(!open)}
      >
        {t(open ? 'tasks.directive.less' : d.actions.length ? 'tasks.directive.more_act' : 'tasks.directive.more', {
          id: d.id,
        })}
      </button>
      <div id={`${id}-detail`} hidden={!open}>
        {open && <DirectiveDetail directive={d} onChanged={onChanged} />}
      </div>
    </article>
  );
}

/** An indicator's value in its unit and its month; withheld says so (never 0); none is a dash. */
function Value({ v, measure }: { v: WorkValue | null; measure: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const s = valueShown(v);
  if (!s) return <strong className="directive-value">{t('tasks.value.none')}</strong>;
  const month = i18n.period(s.month);
  if (s.kind === 'withheld')
    return (
      <strong className="directive-value directive-value--withheld" title={t('suppressed.tooltip')}>
        {t('tasks.value.withheld_month', { month })}
      </strong>
    );
  return (
    <strong className="directive-value">
      {t('tasks.value.month', { value: i18n.value(s.value, measure ?? ''), month })}
    </strong>
  );
}
