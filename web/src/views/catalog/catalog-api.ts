// The data catalogue for the screen "Danh mục dữ liệu" (views/Catalog.tsx): GET /api/catalog (DCAT JSON-LD in its
// own compact form, server/contracts/catalog.ts) and the pure helpers that search it and group it by domain. The
// page shows what the server sends: no definition, date or link is made here.
import type { CatalogDataset, CatalogDocument } from '../../../../server/contracts/catalog.ts';
import type { KeyDomain } from '../../../../server/contracts/open-data.ts';
import { get } from '../../api/client.ts';

export type { CatalogDataset, CatalogDocument };

export const fetchCatalog = async (): Promise<CatalogDocument> =>
  (await (await get('/api/catalog', 'application/ld+json')).json()) as CatalogDocument;

/** The order of the groups on the page. */
export const DOMAIN_ORDER: readonly KeyDomain[] = ['population', 'procedures', 'targets', 'index'];

/** Lower case without diacritics (đ → d): "dan so" finds "Dân số". */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** Whether a dataset matches every word of a search, each the start of a word of its titles, descriptions, id or
 *  definitions, in either language, with or without diacritics ("ho so" finds "hồ sơ", not "month"). */
export function matches(d: CatalogDataset, query: string): boolean {
  const words = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return true;
  const text = [d.identifier, d.title.vi, d.title.en, d.description.vi, d.description.en, d.numerator, d.denominator];
  const tokens = fold(text.join(' ')).split(/[^\p{L}\p{N}]+/u);
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

/** The datasets by domain, in DOMAIN_ORDER, each group as the catalogue orders it; empty groups left out. */
export function groupByDomain(datasets: readonly CatalogDataset[]): [KeyDomain, CatalogDataset[]][] {
  return DOMAIN_ORDER.map((k) => [k, datasets.filter((d) => d.domain === k)] as [KeyDomain, CatalogDataset[]]).filter(
    ([, list]) => list.length > 0,
  );
}

/** A download link on this page's own server (the catalogue's URLs carry the address it was asked at). */
export const localHref = (url: string): string => {
  const u = new URL(url, window.location.origin);
  return `${u.pathname}${u.search}`;
};

/** The anchor of a dataset on the page (also the catalogue's landing page: /catalog?dataset=<id>). */
export const anchorOf = (id: string): string => `dataset-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
