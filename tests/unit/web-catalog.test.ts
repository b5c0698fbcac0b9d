// The catalogue page's search and grouping (web/src/views/catalog/catalog-api.ts), table-driven: a search matches
// word starts in either language with or without diacritics; groups come in the page's order, empty ones left out.
import { describe, expect, it } from 'vitest';
import { fold, groupByDomain, matches, type CatalogDataset } from '../../web/src/views/catalog/catalog-api.ts';

const dataset = (identifier: string, domain: CatalogDataset['domain'], vi: string, en: string) =>
  ({
    identifier,
    domain,
    title: { vi, en },
    description: { vi: '', en: '' },
    numerator: 'dossiers resolved during the month',
  }) as CatalogDataset;

const ON_TIME = dataset('indicator.pct_resolved_on_time', 'procedures', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'On time');
const BIRTHS = dataset('indicator.births', 'population', 'Số trẻ sinh ra', 'Births');
const CUBE = dataset('population_cube', 'population', 'Khối dân số', 'Population cube');
const INDEX = dataset('index766', 'index', 'Chỉ số 766', 'Decision 766 index');

describe('catalogue search', () => {
  it('folds Vietnamese letters', () => {
    expect(fold('Đúng HẠN, Hồ sơ')).toBe('dung han, ho so');
  });
  it.each([
    ['', true],
    ['hồ sơ', true],
    ['ho so dung han', true],
    ['HO SO', true],
    ['pct_resolved', true],
    ['resolved during', true],
    ['on time', true],
    ['han dung', true],
    ['uyet', false], // inside "quyết": only the start of a word matches
    ['month x', false],
    ['births', false],
  ])('"%s" → %s', (q, expected) => {
    expect(matches(ON_TIME, q)).toBe(expected);
  });
  it('groups by domain in the page order, leaving out empty groups', () => {
    expect(groupByDomain([INDEX, BIRTHS, ON_TIME, CUBE]).map(([d, l]) => [d, l.map((x) => x.identifier)])).toEqual([
      ['population', ['indicator.births', 'population_cube']],
      ['procedures', ['indicator.pct_resolved_on_time']],
      ['index', ['index766']],
    ]);
  });
});
