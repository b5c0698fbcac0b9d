// The licence every dataset is published under, the one place it is stated: the catalogue's dct:license
// (server/catalog/dcat.ts), the bulk downloads' metadata file (server/routes/bulk.ts) and docs/integration.md.
// Creative Commons Attribution 4.0: a licence written for data (the code's own licence, MIT in package.json, is for
// software): other agencies may reuse and republish the figures if they name the source.

export interface Licence {
  /** SPDX identifier */
  id: string;
  /** the licence's IRI, the one dct:license names */
  url: string;
  title: { vi: string; en: string };
}

export const DATA_LICENCE: Licence = {
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  title: { vi: 'Giấy phép Creative Commons Ghi công 4.0', en: 'Creative Commons Attribution 4.0' },
};
