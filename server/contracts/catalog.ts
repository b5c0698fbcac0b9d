// The data catalogue's answer (GET /api/catalog, built by server/catalog/dcat.ts) as this server writes it: DCAT
// JSON-LD in the compact form of its own @context (server/catalog/context.ts). The catalogue page
// (web/src/views/Catalog.tsx) reads these types; any JSON-LD processor reads the same document through the context.
import type { Bilingual, BulkFormat, DatasetInfo, KeyDomain } from './open-data.ts';

export interface CatalogContact {
  '@id': string;
  '@type': 'Organization';
  fn: string;
  /** mailto: IRI, when IOC_CONTACT_EMAIL is set */
  hasEmail?: string;
}

export interface CatalogDistribution {
  '@id': string;
  '@type': 'Distribution';
  /** the server's own name of the format (the `format=` of the download) */
  downloadFormat: BulkFormat;
  title: Bilingual;
  format: string;
  mediaType: string;
  downloadURL: string;
  accessURL: string;
  license: string;
}

export interface CatalogColumn {
  columnName: string;
  datatype: DatasetInfo['columns'][number]['type'];
  titles: Bilingual;
}

export interface CatalogDataset {
  '@id': string;
  '@type': 'Dataset';
  identifier: string;
  kind: DatasetInfo['kind'];
  domain: KeyDomain;
  title: Bilingual;
  description: Bilingual;
  numerator?: string;
  denominator?: string;
  measureUnit: string;
  temporal?: { '@type': 'PeriodOfTime'; startDate: string; endDate: string };
  temporalResolution: 'P1M';
  accrualPeriodicity: string;
  modified?: string;
  license: string;
  contactPoint: { '@id': string };
  landingPage: string;
  metadata: string;
  disclosure: { method: string; note: Bilingual };
  available: boolean;
  unavailableReason?: Bilingual;
  tableSchema: { column: CatalogColumn[] };
  distribution: CatalogDistribution[];
}

export interface CatalogDocument {
  '@context': Record<string, unknown>;
  '@id': string;
  '@type': 'Catalog';
  title: Bilingual;
  description: Bilingual;
  publisher: { '@type': 'Agent'; name: string };
  contactPoint: CatalogContact;
  license: string;
  /** the licence's name (its SPDX identifier) */
  licenseName: string;
  homepage: string;
  modified?: string;
  dataset: CatalogDataset[];
}
