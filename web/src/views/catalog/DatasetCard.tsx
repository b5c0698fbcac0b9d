// One dataset of the screen "Danh mục dữ liệu": its title and description in the reader's language, the definitions,
// unit, period, frequency, data date and protection; folded, its id, licence, contact, the protection in words and
// the columns; for those who may export the CSV, Parquet and Arrow links (or why it cannot be downloaded).
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { anchorOf, localHref, type CatalogDataset, type CatalogDocument } from './catalog-api.ts';

function frequencyKey(iri: string): string {
  if (iri.endsWith('/MONTHLY')) return 'catalog.frequency.monthly';
  if (iri.endsWith('/UPDATE_CONT') || iri.endsWith('/CONT')) return 'catalog.frequency.continuous';
  return 'catalog.frequency.other';
}

interface Props {
  dataset: CatalogDataset;
  catalog: CatalogDocument;
  /** whether the account may download (export) */
  canExport: boolean;
  /** the dataset a link opened (/catalog?dataset=…): marked */
  linked: boolean;
}

export function DatasetCard({ dataset: d, catalog, canExport, linked }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const anchor = anchorOf(d.identifier);
  const row = (label: string, value: ReactNode, wide = false) => (
    <div className={wide ? 'catalog-item__row catalog-item__row--wide' : 'catalog-item__row'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const email = catalog.contactPoint.hasEmail?.replace(/^mailto:/, '');
  return (
    <article
      className={`catalog-item${linked ? ' catalog-item--linked' : ''}`}
      id={anchor}
      aria-labelledby={`${anchor}-title`}
    >
      <h3 id={`${anchor}-title`}>{d.title[lang]}</h3>
      <p className="catalog-item__desc">{d.description[lang]}</p>
      <dl className="catalog-item__facts">
        {d.numerator && row(t('catalog.field.numerator'), d.numerator, true)}
        {d.denominator && row(t('catalog.field.denominator'), d.denominator, true)}
        {row(t('catalog.field.unit'), t(`catalog.unit.${d.measureUnit}`))}
        {row(
          t('catalog.field.coverage'),
          d.temporal
            ? t('catalog.coverage', {
                from: i18n.period(d.temporal.startDate.slice(0, 7)),
                to: i18n.period(d.temporal.endDate.slice(0, 7)),
              })
            : t('catalog.coverage.none'),
        )}
        {row(t('catalog.field.frequency'), t(frequencyKey(d.accrualPeriodicity)))}
        {row(t('catalog.field.date'), d.modified ? i18n.date(d.modified) : '—')}
        {row(t('catalog.field.disclosure'), t(`catalog.disclosure.${d.disclosure.method}`))}
      </dl>
      <details className="catalog-item__more">
        <summary>{t('catalog.more', { n: d.tableSchema.column.length })}</summary>
        <dl className="catalog-item__facts">
          {row(t('catalog.field.id'), <code>{d.identifier}</code>)}
          {row(
            t('catalog.field.licence'),
            <a href={d.license} rel="license noopener" target="_blank">
              {catalog.licenseName}
            </a>,
          )}
          {row(t('catalog.field.disclosure'), d.disclosure.note[lang], true)}
          {row(
            t('catalog.field.contact'),
            <>
              {catalog.contactPoint.fn}
              {email && (
                <>
                  {' – '}
                  <a href={`mailto:${email}`}>{email}</a>
                </>
              )}
            </>,
            true,
          )}
        </dl>
        <h4>{t('catalog.columns', { n: d.tableSchema.column.length })}</h4>
        <ul>
          {d.tableSchema.column.map((c) => (
            <li key={c.columnName}>
              <code>{c.columnName}</code> ({t(`catalog.type.${c.datatype}`)}): {c.titles[lang]}
            </li>
          ))}
        </ul>
      </details>
      {!d.available && d.unavailableReason && (
        <p className="catalog-item__unavailable">{t('catalog.unavailable', { reason: d.unavailableReason[lang] })}</p>
      )}
      {canExport && d.distribution.length > 0 && (
        <p className="catalog-item__downloads">
          <span className="catalog-item__label">{t('catalog.field.download')}:</span>
          {d.distribution.map((x) => (
            <a
              key={x.downloadFormat}
              className="button button--small"
              href={localHref(x.downloadURL)}
              download
              aria-label={t('catalog.download.label', { format: x.format, title: d.title[lang] })}
              title={x.title[lang]}
            >
              {x.format}
            </a>
          ))}
          <a href={localHref(d.metadata)} target="_blank" rel="noopener">
            {t('catalog.metadata')}
          </a>
        </p>
      )}
    </article>
  );
}
