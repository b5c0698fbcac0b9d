// The data catalogue as DCAT JSON-LD (W3C Data Catalog Vocabulary, the one government data portals use): one
// dcat:Dataset per dataset that can be taken out (server/bulk/datasets.ts listDatasets), with titles and
// descriptions in Vietnamese and English, definitions, coverage, frequency, data date, disclosure, licence, contact
// and a distribution per download format. Pure; the route (server/routes/catalog.ts) gives it the datasets the
// caller may see and the address readers reach the server at.
import { BULK_FORMATS, type DatasetInfo } from '../contracts/open-data.ts';
import type { CatalogDataset, CatalogDistribution, CatalogDocument } from '../contracts/catalog.ts';
import { CATALOG_CONTEXT, FORMATS, FREQUENCY_IRI } from './context.ts';
import type { Licence } from './licence.ts';

export interface CatalogOptions {
  /** the server's address as readers reach it (IOC_PUBLIC_URL, or the request's), without a trailing slash */
  base: string;
  contact: { name: string; email?: string };
  licence: Licence;
}

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Where a dataset is downloaded in a format: GET /api/bulk/:dataset?format= (server/routes/bulk.ts). */
export const downloadPath = (id: string, format: string): string =>
  `/api/bulk/${encodeURIComponent(id)}?format=${format}`;

function distributions(d: DatasetInfo, opts: CatalogOptions): CatalogDistribution[] {
  if (!d.available) return [];
  return BULK_FORMATS.map((f) => {
    const url = `${opts.base}${downloadPath(d.id, f)}`;
    return {
      '@id': url,
      '@type': 'Distribution',
      downloadFormat: f,
      title: { vi: FORMATS[f].vi, en: FORMATS[f].en },
      format: FORMATS[f].format,
      mediaType: FORMATS[f].mediaType,
      downloadURL: url,
      accessURL: url,
      license: opts.licence.url,
    };
  });
}

function dataset(d: DatasetInfo, opts: CatalogOptions, contactId: string): CatalogDataset {
  const id = encodeURIComponent(d.id);
  return {
    '@id': `${opts.base}/api/catalog#${id}`,
    '@type': 'Dataset',
    identifier: d.id,
    kind: d.kind,
    domain: d.domain,
    title: d.title,
    description: d.description,
    ...(d.numerator ? { numerator: d.numerator } : {}),
    ...(d.denominator ? { denominator: d.denominator } : {}),
    measureUnit: d.unit,
    ...(d.coverage
      ? {
          temporal: {
            '@type': 'PeriodOfTime',
            startDate: `${d.coverage.from}-01`,
            // the data date when it falls in the last month (a month still running), else that month's end
            endDate: d.data_date?.startsWith(d.coverage.to) ? d.data_date : monthEnd(d.coverage.to),
          },
        }
      : {}),
    temporalResolution: 'P1M',
    accrualPeriodicity: FREQUENCY_IRI[d.frequency],
    ...(d.data_date ? { modified: d.data_date } : {}),
    license: opts.licence.url,
    contactPoint: { '@id': contactId },
    landingPage: `${opts.base}/catalog?dataset=${id}`,
    metadata: `${opts.base}/api/bulk/${id}/metadata`,
    disclosure: { method: d.disclosure.method, note: d.disclosure.note },
    available: d.available,
    ...(d.unavailable_reason ? { unavailableReason: d.unavailable_reason } : {}),
    tableSchema: {
      column: d.columns.map((c) => ({ columnName: c.name, datatype: c.type, titles: c.title })),
    },
    distribution: distributions(d, opts),
  };
}

/** The catalogue of `datasets` (already those the caller may see). */
export function buildCatalog(datasets: readonly DatasetInfo[], opts: CatalogOptions): CatalogDocument {
  const contactId = `${opts.base}/api/catalog#contact`;
  const dates = datasets.flatMap((d) => (d.data_date ? [d.data_date] : [])).sort();
  return {
    '@context': CATALOG_CONTEXT,
    '@id': `${opts.base}/api/catalog`,
    '@type': 'Catalog',
    title: { vi: 'Danh mục dữ liệu của IOC Đề án 06', en: 'Data catalogue of the Đề án 06 IOC' },
    description: {
      vi:
        'Các bộ dữ liệu tổng hợp tải về được (CSV, Parquet, Arrow) bằng khóa API hoặc tài khoản được xuất dữ liệu: ' +
        'từng chỉ tiêu theo đơn vị và tháng, khối dân cư, khối hồ sơ thủ tục hành chính, các chỉ tiêu của kế hoạch ' +
        'và Chỉ số 766. Chỉ số liệu tổng hợp rời máy chủ, được bảo vệ như trên màn hình.',
      en:
        'The aggregate datasets that can be downloaded (CSV, Parquet, Arrow) with an API key or an account that may ' +
        "export: each indicator by unit and month, the population cube, the dossier cube, the plan's targets and " +
        'the Decision 766 index. Only aggregates leave the server, protected as on the screens.',
    },
    publisher: { '@type': 'Agent', name: opts.contact.name },
    contactPoint: {
      '@id': contactId,
      '@type': 'Organization',
      fn: opts.contact.name,
      ...(opts.contact.email ? { hasEmail: `mailto:${opts.contact.email}` } : {}),
    },
    license: opts.licence.url,
    licenseName: opts.licence.id,
    homepage: `${opts.base}/catalog`,
    ...(dates.length ? { modified: dates.at(-1) } : {}),
    dataset: datasets.map((d) => dataset(d, opts, contactId)),
  };
}
