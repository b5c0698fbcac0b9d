// "Tình trạng gửi thư" of the screen "Báo cáo định kỳ", for administrators: every e-mail of their units' briefs
// (to, unit, period, state, tries, last error, next try) and "Gửi lại" for one that failed for good. Sorted by a
// click on a column's header; on a phone each e-mail is a card (briefs.css).
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { useI18n } from '../../i18n/index.ts';
import { deliveryState, vnDateTime } from './brief-format.ts';
import { fetchDeliveries, retryDelivery, type Delivery } from './briefs-api.ts';
import './briefs.css';

type Note = { ok: boolean; text: string } | null;

export function Deliveries() {
  const { t } = useI18n();
  const id = useId();
  const [version, setVersion] = useState(0);
  const list = useAsync(fetchDeliveries, 'briefs-deliveries', String(version));
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (d: Delivery) => {
    setBusy(d.id);
    setNote(null);
    try {
      const after = await retryDelivery(d.id);
      setNote({ ok: true, text: t('briefs.deliveries.retried', { to: d.to, state: stateText(after, t) }) });
    } catch (err) {
      setNote({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(null);
      setVersion((v) => v + 1);
    }
  };

  const title = t('briefs.deliveries.title');
  return (
    <section className="panel briefs-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="panel__note">{t('briefs.deliveries.lead')}</p>
      <p className={`admin-note${note && !note.ok ? ' admin-note--error' : ''}`} aria-live="polite">
        {note?.text}
      </p>
      <AsyncView state={list}>
        {(deliveries) =>
          deliveries.length === 0 ? (
            <p className="muted">{t('briefs.deliveries.empty')}</p>
          ) : (
            <DeliveryTable deliveries={deliveries} title={title} busy={busy} onRetry={(d) => void retry(d)} />
          )
        }
      </AsyncView>
    </section>
  );
}

/** A delivery's state in words: "Đã gửi lúc 07/12/2026 07:00", "Đang chờ gửi lại", "Lỗi". */
function stateText(d: Delivery, t: (key: string, p?: Record<string, string>) => string): string {
  if (d.state === 'sent')
    return d.sent_at ? t('briefs.deliveries.sent_at', { at: vnDateTime(d.sent_at) }) : t('briefs.mail.sent');
  return t(`briefs.mail.${deliveryState([d])}`);
}

interface TableProps {
  deliveries: Delivery[];
  title: string;
  busy: string | null;
  onRetry: (d: Delivery) => void;
}

function DeliveryTable({ deliveries, title, busy, onRetry }: TableProps) {
  const i = useI18n();
  const { t } = i;
  const s = useSortable(deliveries, {
    to: (d) => d.to,
    unit: (d) => d.unit_name,
    period: (d) => d.period_label,
    state: (d) => ['failed', 'pending', 'sent'].indexOf(d.state),
    attempts: { value: (d) => d.attempts, first: 'desc' },
    next: (d) => d.next_attempt_at,
  });
  const col = (c: string) => t(`briefs.deliveries.col.${c}`);
  return (
    <TableScroll label={title}>
      <table className="data-table sortable--cards deliveries-table">
        <thead>
          <tr>
            <SortHeader {...s.header('to')}>{col('to')}</SortHeader>
            <SortHeader {...s.header('unit')}>{col('unit')}</SortHeader>
            <SortHeader {...s.header('period')}>{col('period')}</SortHeader>
            <SortHeader {...s.header('state')}>{col('state')}</SortHeader>
            <SortHeader {...s.header('attempts')} className="num">
              {col('attempts')}
            </SortHeader>
            <th scope="col">{col('error')}</th>
            <SortHeader {...s.header('next')}>{col('next')}</SortHeader>
            <th scope="col">{col('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <th scope="row" className="briefs-table__email">
                {d.to}
              </th>
              <td data-label={col('unit')}>{d.unit_name}</td>
              <td data-label={col('period')}>{d.period_label}</td>
              <td data-label={col('state')}>
                <span className={`briefs-mail briefs-mail--${deliveryState([d])}`}>{stateText(d, t)}</span>
              </td>
              <td data-label={col('attempts')} className="num">
                {i.number(d.attempts, 0)}
              </td>
              <td data-label={col('error')} className="briefs-table__error">
                {d.last_error ?? '—'}
              </td>
              <td data-label={col('next')}>
                {d.state === 'pending' && d.next_attempt_at ? vnDateTime(d.next_attempt_at) : '—'}
              </td>
              <td data-label={d.state === 'failed' ? col('actions') : undefined}>
                {d.state === 'failed' && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={busy === d.id}
                    onClick={() => onRetry(d)}
                    aria-label={t('briefs.deliveries.retry_label', { to: d.to, period: d.period_label })}
                  >
                    {t('briefs.deliveries.retry')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
