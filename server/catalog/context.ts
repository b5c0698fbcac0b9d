// The JSON-LD @context of the data catalogue (GET /api/catalog, server/catalog/dcat.ts): short names for the W3C
// DCAT, Dublin Core, vCard, FOAF and CSVW terms the catalogue uses, and this server's own few terms (definitions,
// disclosure). Inline in every answer, so that a JSON-LD processor needs nothing from the network.
import type { BulkFormat } from '../contracts/open-data.ts';
import { MEDIA_TYPES } from '../bulk/writers.ts';

/** This project's terms: what DCAT has no word for (numerator, denominator, the disclosure method). */
export const IOC_VOCAB = 'urn:ioc06:vocab:';

const dcat = 'http://www.w3.org/ns/dcat#';
const dct = 'http://purl.org/dc/terms/';
const xsd = 'http://www.w3.org/2001/XMLSchema#';

/** A term whose value is an object per language: `{ "vi": "…", "en": "…" }`. */
const byLanguage = (id: string) => ({ '@id': id, '@container': '@language' });
const link = (id: string) => ({ '@id': id, '@type': '@id' });
const typed = (id: string, type: string) => ({ '@id': id, '@type': type });

export const CATALOG_CONTEXT = {
  dcat,
  dct,
  xsd,
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  csvw: 'http://www.w3.org/ns/csvw#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  ioc: IOC_VOCAB,
  Catalog: 'dcat:Catalog',
  Dataset: 'dcat:Dataset',
  Distribution: 'dcat:Distribution',
  PeriodOfTime: 'dct:PeriodOfTime',
  Organization: 'vcard:Organization',
  Agent: 'foaf:Agent',
  LicenseDocument: 'dct:LicenseDocument',
  title: byLanguage('dct:title'),
  description: byLanguage('dct:description'),
  identifier: 'dct:identifier',
  dataset: { '@id': 'dcat:dataset', '@container': '@set' },
  distribution: { '@id': 'dcat:distribution', '@container': '@set' },
  downloadURL: link('dcat:downloadURL'),
  accessURL: link('dcat:accessURL'),
  mediaType: link('dcat:mediaType'),
  format: 'dct:format',
  landingPage: link('dcat:landingPage'),
  homepage: link('foaf:homepage'),
  metadata: link('rdfs:seeAlso'),
  temporal: 'dct:temporal',
  startDate: typed('dcat:startDate', 'xsd:date'),
  endDate: typed('dcat:endDate', 'xsd:date'),
  temporalResolution: typed('dcat:temporalResolution', 'xsd:duration'),
  accrualPeriodicity: link('dct:accrualPeriodicity'),
  modified: typed('dct:modified', 'xsd:date'),
  license: link('dct:license'),
  publisher: 'dct:publisher',
  contactPoint: 'dcat:contactPoint',
  name: 'foaf:name',
  fn: 'vcard:fn',
  hasEmail: link('vcard:hasEmail'),
  keyword: byLanguage('dcat:keyword'),
  tableSchema: 'csvw:tableSchema',
  column: { '@id': 'csvw:column', '@container': '@list' },
  columnName: 'csvw:name',
  titles: byLanguage('csvw:titles'),
  datatype: 'csvw:datatype',
  domain: 'ioc:domain',
  kind: 'ioc:kind',
  numerator: 'ioc:numerator',
  denominator: 'ioc:denominator',
  measureUnit: 'ioc:measureUnit',
  disclosure: 'ioc:disclosure',
  method: 'ioc:method',
  note: byLanguage('ioc:note'),
  licenseName: 'ioc:licenseName',
  downloadFormat: 'ioc:downloadFormat',
  available: typed('ioc:available', 'xsd:boolean'),
  unavailableReason: byLanguage('ioc:unavailableReason'),
} as const;

/** How often the data change, as the EU's frequency authority table names it (DCAT-AP's vocabulary). */
export const FREQUENCY_IRI = {
  monthly: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
  continuous: 'http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT',
} as const;

/** A format's media type as an IRI of IANA's register (DCAT's dcat:mediaType), from what the download sends. */
const iana = (f: BulkFormat) => `https://www.iana.org/assignments/media-types/${MEDIA_TYPES[f].split(';')[0]}`;

/** Each download format: its media type and its name in both languages. */
export const FORMATS: Record<BulkFormat, { mediaType: string; format: string; vi: string; en: string }> = {
  csv: {
    mediaType: iana('csv'),
    format: 'CSV',
    vi: 'CSV (UTF-8 có BOM, mở được bằng Excel)',
    en: 'CSV (UTF-8 with BOM, opens in Excel)',
  },
  parquet: {
    mediaType: iana('parquet'),
    format: 'Parquet',
    vi: 'Parquet (đọc bằng pandas, DuckDB, Spark)',
    en: 'Parquet (read with pandas, DuckDB, Spark)',
  },
  arrow: {
    mediaType: iana('arrow'),
    format: 'Arrow IPC stream',
    vi: 'Arrow IPC (luồng, đọc bằng apache-arrow, pyarrow)',
    en: 'Arrow IPC (stream, read with apache-arrow, pyarrow)',
  },
};
