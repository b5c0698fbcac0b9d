// Panel downloads in the web app: file names without diacritics, the export query of each
// indicator (the same request the screen made), the targets table link, and snapshot panels.
import { describe, expect, it } from 'vitest';
import { exportLinks, exportQuery, viewExportUrl } from '../../web/src/components/export-query.ts';
import { shareIdOf } from '../../web/src/auth/ShareNotice.tsx';
import { fileName } from '../../web/src/components/ExportMenu.tsx';
import { snapshotPanels } from '../../web/src/components/snapshot-registry.ts';

describe('fileName', () => {
  it.each([
    ['Chỉ tiêu Đề án 06 · Huyện Nam Sách', 'csv', 'Chi-tieu-De-an-06-Huyen-Nam-Sach.csv'],
    ['Tháp dân số Tháng 11/2026', 'png', 'Thap-dan-so-Thang-11-2026.png'],
    ['   ', 'xlsx', 'ioc06.xlsx'],
  ])('%s → %s', (title, ext, expected) => expect(fileName(title, ext)).toBe(expected));
});

describe('export links', () => {
  const data = {
    indicators: ['births', 'deaths'],
    unit: '291',
    from: '2022-01',
    to: '2022-12',
    by: 'month',
    filters: { sex: 'F', residence: undefined },
  };
  it('one query per indicator with the screen’s period and filters (empty filters left out)', () => {
    const q = new URLSearchParams(exportQuery(data, 'deaths', 'en'));
    expect(Object.fromEntries(q)).toEqual({
      indicator: 'deaths',
      unit: '291',
      by: 'month',
      from: '2022-01',
      to: '2022-12',
      sex: 'F',
      lang: 'en',
    });
    const links = exportLinks(data);
    expect(links.map((l) => l.key)).toEqual(['births', 'deaths']);
    expect(links[0].csv.startsWith('/api/export/indicator.csv?indicator=births&')).toBe(true);
    expect(links[1].xlsx.startsWith('/api/export/indicator.xlsx?indicator=deaths&')).toBe(true);
  });
  it('the targets table of a unit', () => {
    expect(exportLinks({ indicators: [], targets: true, unit: '10633' })).toEqual([
      { key: 'targets', csv: '/api/export/targets.csv?unit=10633', xlsx: '/api/export/targets.xlsx?unit=10633' },
    ]);
  });
  it('the Decision 766 index answer first, then the indicators', () => {
    const links = exportLinks({ indicators: ['a'], unit: '291', index766: { period: '2022-Q4', by: 'unit' } }, 'en');
    expect(links.map((l) => l.key)).toEqual(['index766', 'a']);
    expect(links[0]).toEqual({
      key: 'index766',
      csv: '/api/export/index766.csv?unit=291&period=2022-Q4&by=unit&lang=en',
      xlsx: '/api/export/index766.xlsx?unit=291&period=2022-Q4&by=unit&lang=en',
    });
  });
  it('snapshot panels: one per indicator, or the targets', () => {
    const p = snapshotPanels('pop-vital', 'Sinh, tử', data);
    expect(p.map((x) => x.id)).toEqual(['pop-vital:births', 'pop-vital:deaths']);
    expect(p[0]).toMatchObject({
      kind: 'indicator',
      request: { indicator: 'births', unit: '291', filters: { sex: 'F' } },
    });
    expect(snapshotPanels('t', 'Chỉ tiêu', { indicators: [], targets: true, unit: '291' })).toEqual([
      { id: 't:targets', title: 'Chỉ tiêu', kind: 'targets', request: { unit: '291' } },
    ]);
  });
});

describe('whole-view export URL (issue 17)', () => {
  const query = (url: string) => Object.fromEntries(new URL(url, 'http://x.invalid').searchParams);
  it("a PDF in landscape with the app's typeface unless Times New Roman is chosen; a PNG without either", () => {
    expect(viewExportUrl('pdf', '/targets?unit=291').split('?')[0]).toBe('/api/export/view.pdf');
    expect(query(viewExportUrl('pdf', '/targets?unit=291'))).toEqual({
      path: '/targets?unit=291',
      orientation: 'landscape',
    });
    expect(query(viewExportUrl('pdf', '/?unit=10633', { font: 'times' }))).toEqual({
      path: '/?unit=10633',
      orientation: 'landscape',
      font: 'times',
    });
    expect(query(viewExportUrl('pdf', '/', { font: 'app', orientation: 'portrait' }))).toEqual({
      path: '/',
      orientation: 'portrait',
    });
    expect(query(viewExportUrl('png', '/map?unit=291', { font: 'times' }))).toEqual({ path: '/map?unit=291' });
  });
});

describe('the share link a sign-in leads back to', () => {
  it.each([
    ['?next=%2Fs%2FAbC_12-xYz9', 'AbC_12-xYz9'],
    ['?next=/s/k5lCYXVxZdLI&lang=en', 'k5lCYXVxZdLI'],
    ['?next=%2Ftargets', null],
    ['?next=%2Fs%2Fab', null],
    ['?next=%2Fs%2Fabcdefgh%2Fx', null],
    ['?next=https%3A%2F%2Fevil.example%2Fs%2Fabcdefgh', null],
    ['', null],
  ])('%s → %s', (search, id) => expect(shareIdOf(search)).toBe(id));
});
