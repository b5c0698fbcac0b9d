// The indicator picker's options: grouped by domain in the order asked, sorted by name in the language shown,
// filtered by every word of a search without diacritics or case, the chosen indicator kept in its group.
import { describe, expect, it } from 'vitest';
import { indicatorGroups, type PickerItem } from '../../web/src/components/indicator-groups.ts';

const item = (id: string, domain: string, name_vi: string, name_en: string): PickerItem => ({
  id,
  domain,
  name_vi,
  name_en,
});
const CATALOGUE = [
  item('pct_vneid_level2', 'population', 'Tỷ lệ công dân có tài khoản định danh điện tử VNeID mức 2', 'Level-2 VNeID'),
  item('population', 'population', 'Dân số', 'Population'),
  item('births', 'population', 'Số trẻ sinh ra', 'Births'),
  item('dossiers_received', 'procedures', 'Số hồ sơ thủ tục hành chính tiếp nhận', 'Dossiers received'),
  item('pct_online_dossiers', 'procedures', 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', 'Share of dossiers filed online'),
  item('index766_3_3', 'index766', 'Tỷ lệ hồ sơ trực tuyến', 'Online dossiers (766)'),
  item('deaths', 'population', 'Số người chết', 'Deaths'),
];
const ids = (gs: ReturnType<typeof indicatorGroups>) => gs.map((g) => [g.domain, g.items.map((m) => m.item.id)]);

describe('indicatorGroups', () => {
  it('groups by domain in the order asked and sorts each group by its Vietnamese name', () => {
    expect(ids(indicatorGroups(CATALOGUE, { lang: 'vi', domains: ['population', 'procedures'] }))).toEqual([
      ['population', ['population', 'deaths', 'births', 'pct_vneid_level2']],
      ['procedures', ['dossiers_received', 'pct_online_dossiers']],
    ]);
  });

  it('takes every domain of the catalogue, in its order, when none is named; English names sort in English', () => {
    const groups = indicatorGroups(CATALOGUE, { lang: 'en' });
    expect(groups.map((g) => g.domain)).toEqual(['population', 'procedures', 'index766']);
    expect(groups[0].items.map((m) => m.item.name_en)).toEqual(['Births', 'Deaths', 'Level-2 VNeID', 'Population']);
  });

  it.each([
    ['ho so', ['dossiers_received', 'pct_online_dossiers', 'index766_3_3']],
    ['HỒ SƠ trực tuyến', ['pct_online_dossiers', 'index766_3_3']],
    ['vneid muc 2', ['pct_vneid_level2']],
    ['  so  tre ', ['births']],
    ['deaths', ['deaths']],
    ['766', ['index766_3_3']],
    ['dinh danh', ['pct_vneid_level2']],
    ['không có gì', []],
  ])('"%s" finds %j whatever the accents and case', (query, found) => {
    const groups = indicatorGroups(CATALOGUE, { lang: 'vi', query });
    expect(groups.flatMap((g) => g.items.map((m) => m.item.id)).sort()).toEqual([...found].sort());
    expect(groups.every((g) => g.items.length > 0)).toBe(true);
  });

  it('keeps the chosen indicator in its group, marked as no match, so the list still holds the value shown', () => {
    const groups = indicatorGroups(CATALOGUE, { lang: 'vi', query: 'ho so', keep: 'population' });
    const population = groups.find((g) => g.domain === 'population')!;
    expect(population.items).toEqual([{ item: CATALOGUE[1], match: false }]);
    expect(groups.flatMap((g) => g.items).filter((m) => m.match)).toHaveLength(3);
  });
});
