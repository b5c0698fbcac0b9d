// What an import would change, before it is written: per file a card with its kind, format, sheet,
// rows (and rows skipped, with the notes why), the columns read (store column ← header), the units and
// months it covers, rows added / replaced / unchanged, the indicators it can feed and, for aggregate
// tables, the largest changes of a cell; above them the months and indicators of the whole import.
import { useId, useMemo, type ReactNode } from 'react';
import { indicators } from '../../app/data.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { unitLabels } from '../../auth/session.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import type { ImportFile, ImportFilePreview, ImportPreview as Preview, MonthRange } from './imports-api.ts';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';

/** Units named on a card before "and n more". */
const SHOWN_UNITS = 6;

/** A label of the catalogue, or the word itself when the catalogue has none (a kind the screen does not know). */
export const labelOr = (i: I18n, key: string, word: string): string => {
  const text = i.t(key);
  return text === key ? word : text;
};
const months = (i: I18n, m: MonthRange | null) =>
  m ? (m.from === m.to ? i.period(m.from) : i.period(`${m.from}..${m.to}`)) : i.t('imports.none');

export function ImportPreview({ preview, files }: { preview: Preview; files: readonly ImportFile[] }) {
  const i = useI18n();
  const { t } = i;
  const id = useId();
  const catalogue = useAsync(indicators, 'indicators');
  const names = useMemo(() => {
    const list = catalogue.status === 'ready' ? catalogue.data.indicators : [];
    return new Map(list.map((m) => [m.id, i.lang === 'en' ? m.name_en : m.name_vi]));
  }, [catalogue, i.lang]);
  const skipped = files.filter((f) => f.status !== 'new');
  const rows = preview.files.reduce((s, f) => s + f.rows, 0);
  return (
    <section className="import-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('imports.preview', { files: i.number(preview.files.length, 0), rows: i.number(rows, 0) })}
      </h3>
      <p className="import-preview__sum">{t('imports.preview_months', { months: months(i, preview.months) })}</p>
      <div className="import-preview__sum">
        <strong>{t('imports.preview_indicators')}:</strong> <Indicators ids={preview.indicators} names={names} />
      </div>
      {skipped.length > 0 && (
        <ul className="import-skipped">
          {skipped.map((f) => (
            <li key={f.name}>
              {f.name}: {t(`imports.file.${f.status}`)}
            </li>
          ))}
        </ul>
      )}
      <ul className="import-cards">
        {preview.files.map((f) => (
          <li key={`${f.file}|${f.sheet ?? ''}`}>
            <FileCard f={f} names={names} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Indicators({ ids, names }: { ids: readonly string[]; names: Map<string, string> }) {
  const { t } = useI18n();
  if (ids.length === 0) return <span>{t('imports.none')}</span>;
  return (
    <ul className="import-tags">
      {ids.map((x) => (
        <li key={x} title={x}>
          {names.get(x) ?? x}
        </li>
      ))}
    </ul>
  );
}

function FileCard({ f, names }: { f: ImportFilePreview; names: Map<string, string> }) {
  const i = useI18n();
  const { t } = i;
  const me = useMe();
  const labels = useMemo(() => unitLabels(me?.units ?? []), [me]);
  const unitNames = f.units.slice(0, SHOWN_UNITS).map((u) => labels.get(u) ?? u);
  const more = f.unit_count - unitNames.length;
  const fact = (key: string, value: ReactNode) => (
    <div className="import-card__fact">
      <dt>{t(key)}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <article className="import-card">
      <h4 className="import-card__title">
        {f.file}
        {f.sheet && <span className="muted"> · {f.sheet}</span>}
      </h4>
      <dl className="import-card__facts">
        {fact('imports.f.kind', labelOr(i, `imports.kind.${f.kind}`, f.kind))}
        {fact('imports.f.format', f.format.toUpperCase())}
        {f.sheet && fact('imports.f.sheet', f.sheet)}
        {fact('imports.f.rows', i.number(f.rows, 0))}
        {f.skipped_rows > 0 && fact('imports.f.skipped', i.number(f.skipped_rows, 0))}
        {fact('imports.f.months', months(i, f.months))}
        {fact(
          'imports.f.changes',
          t(f.counted === 'cells' ? 'imports.changes_cells' : 'imports.changes', {
            added: i.number(f.changes.added, 0),
            replaced: i.number(f.changes.replaced, 0),
            unchanged: i.number(f.changes.unchanged, 0),
          }),
        )}
        {fact(
          'imports.f.units',
          <>
            {t('imports.f.units_n', { n: i.number(f.unit_count, 0) })}
            {unitNames.length > 0 && `: ${unitNames.join(', ')}`}
            {more > 0 && ` ${t('imports.f.units_more', { n: i.number(more, 0) })}`}
          </>,
        )}
        {fact('imports.f.feeds', <Indicators ids={f.feeds} names={names} />)}
      </dl>
      {f.notes.length > 0 && (
        <div className="import-card__notes">
          <h5>{t('imports.f.notes')}</h5>
          <ul>
            {f.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {f.columns.length > 0 && (
        <details className="import-card__columns">
          <summary>{t('imports.f.columns')}</summary>
          <ul>
            {f.columns.map((c) => (
              <li key={c.column}>
                <code>{c.column}</code> ← {c.header}
              </li>
            ))}
          </ul>
        </details>
      )}
      {f.largest.length > 0 && <Largest f={f} />}
    </article>
  );
}

function Largest({ f }: { f: ImportFilePreview }) {
  const i = useI18n();
  const { t } = i;
  const value = (v: number | null) => (v === null ? '—' : i.number(v, 0));
  const title = t('imports.largest', { file: f.file });
  const s = useSortable(f.largest, {
    unit: (c) => c.unit_name || c.unit,
    month: (c) => c.month,
    cell: (c) => c.cell,
    column: (c) => c.column,
    // "— → 12": a cell that had no value changed by its new value
    change: { value: (c) => Math.abs((c.new ?? 0) - (c.old ?? 0)), first: 'desc' },
  });
  return (
    <div className="table-scroll import-scroll" role="region" aria-label={title} tabIndex={0}>
      <table className="data-table import-largest">
        <caption>{title}</caption>
        <thead>
          <tr>
            <SortHeader {...s.header('unit')}>{t('imports.largest.unit')}</SortHeader>
            <SortHeader {...s.header('month')}>{t('imports.largest.month')}</SortHeader>
            <SortHeader {...s.header('cell')}>{t('imports.largest.cell')}</SortHeader>
            <SortHeader {...s.header('column')}>{t('imports.largest.column')}</SortHeader>
            <SortHeader {...s.header('change')} className="num">
              {t('imports.largest.change')}
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((c, n) => (
            <tr key={n}>
              <td>{c.unit_name || c.unit}</td>
              <td className="nowrap">{i.period(c.month)}</td>
              <td>{c.cell}</td>
              <td>
                <code>{c.column}</code>
              </td>
              <td className="num">
                {value(c.old)} → {value(c.new)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
