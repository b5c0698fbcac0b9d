// Withheld values in the web app: the bridge a line draws across them (never at 0), the words by the server's reason
// or method, and when a panel carries the note on the cell-key method. The browser decides nothing: it reads what
// the server said.
import { describe, expect, it } from 'vitest';
import { makeI18n, MESSAGES } from '../../web/src/i18n/index.ts';
import {
  bridgeWithheld,
  disclosureOfMeta,
  escapeHtml,
  showsMethodNote,
  withheldLabel,
  withheldRule,
  withheldUnitLabel,
} from '../../web/src/charts/withheld.ts';
import { buildChoropleth, valuesByUnit } from '../../web/src/map/join.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');
const cellkey = { method: 'cellkey' as const, minCell: 5 };
const suppress = { method: 'suppress' as const, minCell: 5 };

describe('bridgeWithheld', () => {
  it('crosses a run of withheld points straight between the published neighbours', () => {
    const b = bridgeWithheld([10, null, null, 16, 20], [false, true, true, false, false]);
    expect(b.values).toEqual([10, 12, 14, 16, null]);
    expect(b.marked).toEqual([false, true, true, false, false]);
    expect(b.unplaced.some(Boolean)).toBe(false);
  });
  it('makes up no value at an end of the series: the point is left to a vertical mark', () => {
    const start = bridgeWithheld([null, 7, 8], [true, false, false]);
    expect(start.values).toEqual([null, null, null]);
    expect(start.unplaced).toEqual([true, false, false]);
    expect(bridgeWithheld([7, 8, 0], [false, false, true]).unplaced).toEqual([false, false, true]);
  });
  it('never reads the value at a withheld point (a 0 there is not drawn)', () => {
    const b = bridgeWithheld([4, 0, 6], [false, true, false]);
    expect(b.values).toEqual([4, 5, 6]);
  });
  it('leaves withheld points with no published neighbour unplaced, and a missing month a gap', () => {
    const b = bridgeWithheld([null, null, 5, null, 7], [true, false, false, false, false]);
    expect(b.unplaced).toEqual([true, false, false, false, false]);
    expect(b.values).toEqual([null, null, null, null, null]);
  });
  it('draws nothing when nothing is withheld', () => {
    const b = bridgeWithheld([1, 2, 3], [false, false, false]);
    expect(b.values).toEqual([null, null, null]);
    expect(b.marked.some(Boolean)).toBe(false);
  });
  it('joins runs separated by a single published point into one dashed stretch', () =>
    expect(bridgeWithheld([2, null, 4, null, 8], [false, true, false, true, false]).values).toEqual([2, 3, 4, 6, 8]));
});

describe('the words for a withheld value', () => {
  it("follows the server's reason, then its method", () => {
    expect(withheldLabel(vi, 'small_base', suppress)).toBe('Ẩn: mẫu số dưới 5');
    expect(withheldLabel(vi, null, cellkey)).toBe('Ẩn: mẫu số dưới 5');
    expect(withheldLabel(en, null, { method: 'cellkey', minCell: 10 })).toBe('Withheld: base below 10');
    expect(withheldLabel(vi, 'primary', cellkey)).toBe(MESSAGES.vi['suppressed.tooltip']);
    expect(withheldLabel(vi, null, { method: null, minCell: 5 })).toBe(MESSAGES.vi['suppressed.tooltip']);
  });
  it('states the rule: 1 to k−1 only in suppress mode', () => {
    expect(withheldRule(vi, null, suppress)).toContain('từ 1 đến 4');
    expect(withheldRule(vi, null, cellkey)).not.toContain('từ 1 đến');
    expect(withheldRule(vi, null, cellkey)).toContain('mẫu số dưới 5');
    expect(withheldRule(en, 'small_base', cellkey)).toContain('base is below 5');
  });
  it('labels withheld map units by the method', () => {
    expect(withheldUnitLabel(vi, cellkey)).toBe('Ẩn: mẫu số dưới 5');
    expect(withheldUnitLabel(vi, suppress)).toBe('Đã ẩn (số nhỏ)');
  });
  it('reads a meta without `disclosure` (an older server) as no method', () =>
    expect(disclosureOfMeta({ min_cell: 5 })).toEqual({ method: null, minCell: 5 }));
  it('escapes what a tooltip renders as HTML', () =>
    expect(escapeHtml('<b>"x" & y</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;'));
});

describe('the note on the cell-key method', () => {
  it('shows with cellkey for indicators about people only', () => {
    expect(showsMethodNote('cellkey', ['count'])).toBe(true);
    expect(showsMethodNote('cellkey', ['none', 'rate'])).toBe(true);
    expect(showsMethodNote('cellkey', ['none'])).toBe(false);
    expect(showsMethodNote('cellkey', [undefined])).toBe(false);
    expect(showsMethodNote('suppress', ['count'])).toBe(false);
    expect(showsMethodNote(null, ['count'])).toBe(false);
  });
  it('has the text in Vietnamese with its diacritics, and in English', () => {
    expect(MESSAGES.vi['disclosure.cellkey']).toBe(
      'Số liệu đã được làm nhiễu nhẹ để bảo vệ dữ liệu cá nhân: mỗi số đếm được cộng hoặc trừ vài đơn vị theo một ' +
        'bảng cố định, nên tổng có thể lệch vài đơn vị so với tổng các phần; số 1 và 2 không bao giờ được công bố.',
    );
    expect(MESSAGES.en['disclosure.cellkey']).toBe(
      'Figures carry a small fixed perturbation to protect personal data: each count is moved up or down by a few ' +
        'units by a fixed table, so a total may differ by a few units from the sum of its parts; 1 and 2 are never ' +
        'published.',
    );
  });
});

describe('withheld units on the map', () => {
  const geo = {
    type: 'FeatureCollection' as const,
    features: ['1', '2', '3'].map((code) => ({
      type: 'Feature' as const,
      properties: {
        code,
        gso_code: code,
        name: `Xã ${code}`,
        name_en: null,
        level: 'commune',
        parent_id: null,
        area_km2: 1,
      },
      geometry: { type: 'Polygon' as const, coordinates: [] },
    })),
  };
  const values = valuesByUnit({
    unit: ['1', '2', '3'],
    value: [40, null, 60],
    suppressed: [false, true, false],
    suppression: [null, 'small_base', null],
  });
  const ch = buildChoropleth(geo, values, 'equal', 'higher', 3);
  it("keeps the server's reason with a withheld unit, its value null (never 0)", () => {
    expect(ch.units[1]).toMatchObject({ suppressed: true, value: null, reason: 'small_base', cls: 'suppressed' });
    expect(ch.units[0].reason).toBeUndefined();
  });
  it('labels it by that reason even when the answer names no method', () =>
    expect(withheldUnitLabel(vi, { method: null, minCell: 5 }, ch.units[1].reason)).toBe('Ẩn: mẫu số dưới 5'));
});
