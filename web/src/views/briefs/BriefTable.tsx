// The briefs kept, as a table (BriefList.tsx): period with its summary paragraph (two lines, all of it on
// request), unit, number, when it was made, data date, PDF size, the state of its e-mails and the PDF to open
// or download. Sorted by a click on a column's header; on a phone each brief is a card (briefs.css).
import { useEffect, useRef, useState } from 'react';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { useI18n } from '../../i18n/index.ts';
import { deliveryState, vnDateTime } from './brief-format.ts';
import { briefPdfUrl, type BriefSummary } from './briefs-api.ts';
import './briefs.css';

/** A summary longer than this may not fit two lines of its cell: it gets its "read all" button. */
const LONG_SUMMARY = 110;

export function BriefTable({
  briefs,
  title,
  linked = null,
}: {
  briefs: BriefSummary[];
  title: string;
  /** the brief a link opened: marked, its summary whole, scrolled to */
  linked?: string | null;
}) {
  const i = useI18n();
  const { t } = i;
  const linkedRow = useRef<HTMLTableRowElement>(null);
  const found = linked !== null && briefs.some((b) => b.id === linked);
  useEffect(() => {
    if (found) linkedRow.current?.scrollIntoView({ block: 'center' });
  }, [found]);
  const period = (b: BriefSummary) => (i.lang === 'vi' ? b.period.label_vi : b.period.label_en);
  const s = useSortable(briefs, {
    period: { value: (b) => `${b.period.from}|${b.period.kind}`, first: 'desc' },
    unit: (b) => b.unit_name,
    created: { value: (b) => b.created_at, first: 'desc' },
    data_date: { value: (b) => b.data_date, first: 'desc' },
    size: { value: (b) => b.bytes, first: 'desc' },
  });
  const col = (c: string) => t(`briefs.col.${c}`);
  return (
    <TableScroll label={title}>
      <table className="data-table sortable--cards briefs-table">
        <thead>
          <tr>
            <SortHeader {...s.header('period')}>{col('period')}</SortHeader>
            <SortHeader {...s.header('unit')}>{col('unit')}</SortHeader>
            <th scope="col">{col('number')}</th>
            <SortHeader {...s.header('created')}>{col('created')}</SortHeader>
            <SortHeader {...s.header('data_date')}>{col('data_date')}</SortHeader>
            <SortHeader {...s.header('size')} className="num">
              {col('size')}
            </SortHeader>
            <th scope="col">{col('mail')}</th>
            <th scope="col">{col('pdf')}</th>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((b) => {
            const mail = deliveryState(b.deliveries);
            const names = { number: b.number, period: period(b) };
            return (
              <tr
                key={b.id}
                data-brief={b.id}
                ref={b.id === linked ? linkedRow : undefined}
                className={b.id === linked ? 'briefs-table__linked' : undefined}
                aria-current={b.id === linked ? 'true' : undefined}
              >
                <th scope="row" className="briefs-table__period">
                  <span className="briefs-table__label">{period(b)}</span>
                  <span className="briefs-table__made">
                    {t(b.schedule ? 'briefs.made.schedule' : 'briefs.made.hand')}
                    {b.lang === 'en' && ` · ${t('briefs.made.lang_en')}`}
                  </span>
                  <Summary text={b.summary} number={b.number} open={b.id === linked} />
                </th>
                <td data-label={col('unit')}>{b.unit_name}</td>
                <td data-label={col('number')} className="nowrap">
                  {b.number}
                </td>
                <td data-label={col('created')} className="nowrap">
                  {vnDateTime(b.created_at)}
                </td>
                <td data-label={col('data_date')}>{i.date(b.data_date)}</td>
                <td data-label={col('size')} className="num">
                  {i.bytes(b.bytes)}
                </td>
                <td data-label={col('mail')}>
                  <span className={`briefs-mail briefs-mail--${mail}`}>{t(`briefs.mail.${mail}`)}</span>
                  {b.deliveries.length > 0 && (
                    <span className="briefs-table__to">{[...new Set(b.deliveries.map((d) => d.to))].join(', ')}</span>
                  )}
                </td>
                <td data-label={col('pdf')}>
                  <span className="briefs-links">
                    <a
                      href={briefPdfUrl(b.id)}
                      target="_blank"
                      rel="noopener"
                      aria-label={t('briefs.pdf.open_label', names)}
                    >
                      {t('briefs.pdf.open')}
                    </a>
                    <a
                      href={briefPdfUrl(b.id, true)}
                      download={`bao-cao-${b.unit}-${b.period.id}.pdf`}
                      aria-label={t('briefs.pdf.download_label', names)}
                    >
                      {t('briefs.pdf.download')}
                    </a>
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

/** The summary paragraph in two lines (its whole text as the tooltip), or whole after "read all". */
function Summary({ text, number, open: opened = false }: { text: string; number: string; open?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(opened);
  if (!text) return null;
  const long = text.length > LONG_SUMMARY;
  return (
    <span className="briefs-summary">
      <span className={`briefs-summary__text${long && !open ? ' briefs-summary__text--clamped' : ''}`} title={text}>
        {text}
      </span>
      {long && (
        <button
          type="button"
          className="button--link briefs-summary__toggle"
          aria-expanded={open}
          aria-label={t(open ? 'briefs.summary.less_label' : 'briefs.summary.more_label', { number })}
          onClick={() => setOpen((o) => !o)}
        >
          {t(open ? 'briefs.summary.less' : 'briefs.summary.more')}
        </button>
      )}
    </span>
  );
}
