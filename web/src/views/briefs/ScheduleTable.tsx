// The schedules as a table (Schedules.tsx): when ("Thứ Hai hằng tuần, 07:00"), unit, the subscriber (for an
// administrator), e-mail, next and last slot in Vietnam's time, running or paused, and the actions: pause or
// resume, unsubscribe. Sorted by a click on a column's header; on a phone each schedule is a card (briefs.css).
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { useI18n } from '../../i18n/index.ts';
import { slotText } from './brief-format.ts';
import type { Schedule } from './briefs-api.ts';
import './briefs.css';

interface Props {
  schedules: Schedule[];
  title: string;
  /** an administrator sees whose each schedule is */
  showAccount: boolean;
  busy: string | null;
  onToggle: (s: Schedule) => void;
  onCancel: (s: Schedule) => void;
}

export function ScheduleTable({ schedules, title, showAccount, busy, onToggle, onCancel }: Props) {
  const i = useI18n();
  const { t } = i;
  const label = (s: Schedule) => (i.lang === 'vi' ? s.label_vi : s.label_en);
  const sorted = useSortable(schedules, {
    when: (s) => label(s),
    unit: (s) => s.unit_name,
    account: (s) => s.account,
    next: (s) => s.next_slot,
    last: { value: (s) => s.last_run?.slot ?? null, first: 'desc' },
    active: (s) => (s.active ? 0 : 1),
  });
  const col = (c: string) => t(`briefs.schedules.col.${c}`);
  return (
    <TableScroll label={title}>
      <table className="data-table sortable--cards schedules-table">
        <thead>
          <tr>
            <SortHeader {...sorted.header('when')}>{col('when')}</SortHeader>
            <SortHeader {...sorted.header('unit')}>{col('unit')}</SortHeader>
            {showAccount && <SortHeader {...sorted.header('account')}>{col('account')}</SortHeader>}
            <th scope="col">{col('email')}</th>
            <SortHeader {...sorted.header('next')}>{col('next')}</SortHeader>
            <SortHeader {...sorted.header('last')}>{col('last')}</SortHeader>
            <SortHeader {...sorted.header('active')}>{col('active')}</SortHeader>
            <th scope="col">{col('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.rows.map((s) => {
            const names = { label: label(s), unit: s.unit_name };
            return (
              <tr key={s.id} data-schedule={s.id}>
                <th scope="row">{label(s)}</th>
                <td data-label={col('unit')}>{s.unit_name}</td>
                {showAccount && (
                  <td data-label={col('account')}>
                    <code>{s.account}</code>
                  </td>
                )}
                <td data-label={col('email')} className="briefs-table__email">
                  {s.email ?? <span className="muted">{t('briefs.schedules.no_email')}</span>}
                </td>
                <td data-label={col('next')}>
                  {s.active && s.next_slot ? (
                    slotText(s.next_slot, i)
                  ) : (
                    <span className="muted">{t('briefs.schedules.no_next')}</span>
                  )}
                </td>
                <td data-label={col('last')}>
                  {s.last_run ? (
                    <>
                      {slotText(s.last_run.slot, i)}
                      {s.last_run.state !== 'done' && (
                        <span className={`brief-run brief-run--${s.last_run.state}`}>
                          {' '}
                          {s.last_run.state === 'failed'
                            ? t('briefs.schedules.run_failed', { error: s.last_run.error ?? '' })
                            : t('briefs.schedules.run_running')}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="muted">{t('briefs.schedules.never')}</span>
                  )}
                </td>
                <td data-label={col('active')}>
                  <span className={`account-status account-status--${s.active ? 'active' : 'disabled'}`}>
                    {t(s.active ? 'briefs.schedules.active' : 'briefs.schedules.paused')}
                  </span>
                </td>
                <td data-label={col('actions')}>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      disabled={busy === s.id}
                      onClick={() => onToggle(s)}
                      aria-label={t(s.active ? 'briefs.schedules.pause_label' : 'briefs.schedules.resume_label', names)}
                    >
                      {t(s.active ? 'briefs.schedules.pause' : 'briefs.schedules.resume')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      disabled={busy === s.id}
                      onClick={() => onCancel(s)}
                      aria-label={t('briefs.schedules.cancel_label', names)}
                    >
                      {t('briefs.schedules.cancel')}
                    </button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
