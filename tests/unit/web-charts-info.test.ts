// The line under each chart (charts/chart-info.ts): unit, period, the month in progress or the data date, source,
// and the note when the value axis does not start at 0; and the legend's rows (charts/chart-style.ts), which move the
// plot down so that a full legend never covers it.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { chartInfoParts, monthSpan, sourceWords, unitWords } from '../../web/src/charts/chart-info.ts';
import { legendLayout, legendRows } from '../../web/src/charts/chart-style.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');

describe('chartInfoParts', () => {
  it('says unit, period, the month in progress and the source, in that order', () =>
    expect(
      chartInfoParts(vi, {
        unit: 'percent',
        period: '2022-01..2026-12',
        partial: { month: '2026-12', dataDate: '2026-12-04' },
        dataDate: '2026-12-04',
        sources: ['dossiers', 'dossiers'],
      }),
    ).toEqual([
      'Đơn vị tính: %',
      'Kỳ: Tháng 1/2022 – Tháng 12/2026',
      'Tháng 12/2026 chưa hết tháng, số liệu đến ngày 04/12/2026 (vẽ nét đứt, điểm rỗng)',
      'Nguồn: hồ sơ thủ tục hành chính',
    ]));
  it('says the data date when no month is in progress, and the axis note', () =>
    expect(
      chartInfoParts(vi, {
        unit: 'persons',
        period: '2026-12',
        dataDate: '2026-12-31',
        sources: ['people', 'population_counts'],
        axisNote: 'Trục bắt đầu từ 90 %, không từ 0',
      }),
    ).toEqual([
      'Đơn vị tính: người',
      'Kỳ: Tháng 12/2026',
      'Số liệu đến ngày 31/12/2026',
      'Nguồn: bản ghi nhân khẩu, bảng tổng hợp dân số',
      'Trục bắt đầu từ 90 %, không từ 0',
    ]));
  it('takes a source in words, and English', () => {
    expect(chartInfoParts(en, { unit: 'count', period: '2026..2036', source: 'a projection' })).toEqual([
      'Unit: count',
      'Period: 2026 – 2036',
      'Source: a projection',
    ]);
  });
  it('says nothing it does not know', () => {
    expect(chartInfoParts(vi, {})).toEqual([]);
    expect(unitWords(vi, 'furlongs')).toBeNull();
    expect(sourceWords(vi, [])).toBeNull();
  });
  it('spans months', () => {
    expect(monthSpan(['2026-01', '2026-12'])).toBe('2026-01..2026-12');
    expect(monthSpan(['2026-12'])).toBe('2026-12');
    expect(monthSpan([])).toBeNull();
  });
});

describe('legendRows', () => {
  // an item is 25 (icon) + 5 + ⌈letters × 12 × 0.48⌉ + 10 px at 12 px: "abcde" 5 letters → 40 + 29 = 69 px
  const five = ['abcde', 'abcde', 'abcde', 'abcde'];
  it.each([
    [400, 1], // 4 × 69 = 276 ≤ 380
    [290, 2], // 3 × 69 = 207 ≤ 270, the fourth (276) wraps
    [180, 2], // 2 × 69 = 138 ≤ 160
    [150, 4], // 69 + 69 > 130
  ])('at %d px: %d rows', (width, rows) => expect(legendRows(five, width, 12)).toBe(rows));
  it('moves the plot down on narrower charts, never up', () => {
    const names = [
      'Giải quyết đúng hạn',
      'Tiếp nhận trực tuyến',
      'Xác thực định danh điện tử (một cửa)',
      'Tái sử dụng',
    ];
    const { top, media } = legendLayout(names, 12, 12);
    const tops = media.slice(1).map((m) => m.option.grid.top);
    expect(media[0]).toEqual({ option: { grid: { top } } });
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(tops.at(-1)!).toBeGreaterThan(top);
    // widest query first: ECharts applies every match in order, the narrowest last
    const widths = media.slice(1).map((m) => (m as { query: { maxWidth: number } }).query.maxWidth);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
  });
});
