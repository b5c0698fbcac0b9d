// Withheld values as the charts, tiles and map show them: the words (by the server's reason, or by its method when a
// reason is not sent), whether a panel carries the note on the cell-key method, and the dashed bridge a line chart
// draws across withheld points. The browser decides nothing about disclosure: it shows what the server sent. Pure;
// tested in tests/unit/web-charts-withheld.test.ts.
import type { Disclosure, IndicatorColumns, Suppression } from '../api/client.ts';
import type { I18n } from '../i18n/index.ts';

/** The server's disclosure method (null: not said, an older server: suppression texts) and its threshold k. */
export interface DisclosureInfo {
  method: Disclosure | null;
  minCell: number;
}

/** k when an answer does not say (the server's default IOC_MIN_CELL). */
export const DEFAULT_MIN_CELL = 5;

/** The method and k of an answer read from Arrow. */
export function disclosureOf(cols: Pick<IndicatorColumns, 'disclosure' | 'min_cell'>): DisclosureInfo {
  return { method: cols.disclosure, minCell: cols.min_cell ?? DEFAULT_MIN_CELL };
}

/** The method and k of a JSON answer's meta (a meta from an older server has no `disclosure`). */
export function disclosureOfMeta(meta: { min_cell: number; disclosure?: Disclosure } | undefined): DisclosureInfo {
  return { method: meta?.disclosure ?? null, minCell: meta?.min_cell ?? DEFAULT_MIN_CELL };
}

/** True when a withheld value is a rate on a published base below k (cellkey's only reason to withhold). */
export function isSmallBase(reason: Suppression | undefined, info: DisclosureInfo | undefined): boolean {
  return reason === 'small_base' || (!reason && info?.method === 'cellkey');
}

/** A short line for a withheld value (chart tooltips, the map's legend and list): "Ẩn: mẫu số dưới 5". */
export function withheldLabel(i: I18n, reason: Suppression | undefined, info: DisclosureInfo | undefined): string {
  return isSmallBase(reason, info)
    ? i.t('withheld.small_base', { k: info?.minCell ?? DEFAULT_MIN_CELL })
    : i.t('suppressed.tooltip');
}

/**
 * A withheld unit's label in the map's legend, list and profile, by the server's reason or method: "Ẩn: mẫu số dưới 5"
 * (small_base, cellkey), "Đã ẩn (số nhỏ)" (suppress).
 */
export function withheldUnitLabel(i: I18n, info: DisclosureInfo | undefined, reason?: Suppression): string {
  return isSmallBase(reason, info)
    ? i.t('withheld.small_base', { k: info?.minCell ?? DEFAULT_MIN_CELL })
    : i.t('map.suppressed');
}

/** The rule behind a withheld value, one or two sentences (the hidden mark's tooltip). */
export function withheldRule(i: I18n, reason: Suppression | undefined, info: DisclosureInfo | undefined): string {
  const k = info?.minCell ?? DEFAULT_MIN_CELL;
  return isSmallBase(reason, info) ? i.t('withheld.small_base.rule', { k }) : i.t('suppressed.rule', { k, k1: k - 1 });
}

/**
 * Whether a panel shows the note on the cell-key method: the server says cellkey and at least one of the panel's
 * indicators is about people (its `disclosure` is count or rate; 'none': catalogue and milestones are exact).
 */
export function showsMethodNote(method: Disclosure | null | undefined, indicators: (string | undefined)[]): boolean {
  return method === 'cellkey' && indicators.some((d) => d !== undefined && d !== 'none');
}

export interface Bridge {
  /**
   * The dashed line's values: across each run of withheld points between two published values, straight from the
   * one before to the one after; null elsewhere.
   */
  values: (number | null)[];
  /** a withheld point the bridge crosses: drawn as a hollow marker (never at 0 unless its neighbours are) */
  marked: boolean[];
  /**
   * a withheld point the bridge cannot cross (at an end of the series, or beside a month without data): no value is
   * made up for it, it is drawn as a grey vertical line
   */
  unplaced: boolean[];
}

/** The bridge of a line over withheld points; `values` may hold anything at a withheld point (it is not read). */
export function bridgeWithheld(values: (number | null | undefined)[], withheld: boolean[]): Bridge {
  const n = values.length;
  const out: (number | null)[] = Array<number | null>(n).fill(null);
  const marked = Array<boolean>(n).fill(false);
  const unplaced = Array<boolean>(n).fill(false);
  const published = (k: number): number | null => {
    const v = k >= 0 && k < n && !withheld[k] ? values[k] : null;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  for (let a = 0; a < n; a++) {
    if (!withheld[a]) continue;
    let b = a;
    while (b + 1 < n && withheld[b + 1]) b++;
    const before = published(a - 1);
    const after = published(b + 1);
    for (let k = a; k <= b; k++) {
      if (before === null || after === null) unplaced[k] = true;
      else {
        out[k] = before + ((after - before) * (k - a + 1)) / (b - a + 2);
        marked[k] = true;
      }
    }
    if (before !== null && after !== null) {
      out[a - 1] = before;
      out[b + 1] = after;
    }
    a = b;
  }
  return { values: out, marked, unplaced };
}

/** HTML-escaped text for a tooltip that ECharts renders as HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** One entry of an axis tooltip's params (the part the formatters read). */
export interface TooltipParam {
  seriesIndex: number;
  seriesName: string;
  dataIndex: number;
  marker?: string;
}

/**
 * An axis tooltip: the period, then one line per series that has something to say at it (`line` returns null to
 * leave a series out, e.g. the dashed bridges, whose values are placements, not data).
 */
export function axisTooltip(
  labels: string[],
  line: (seriesIndex: number, dataIndex: number) => string | null,
): (raw: unknown) => string {
  return (raw) => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const row = params[0]?.dataIndex ?? -1;
    const lines = params.flatMap((p) => {
      const text = line(p.seriesIndex, p.dataIndex);
      return text === null ? [] : [`${p.marker ?? ''}${escapeHtml(p.seriesName)}: <b>${escapeHtml(text)}</b>`];
    });
    return [escapeHtml(labels[row] ?? ''), ...lines].join('<br/>');
  };
}

/**
 * The ECharts line of a bridge: dashed, in the series' colour and under its name (one legend entry, shown and hidden
 * together), a hollow marker at each withheld point; left out of tooltips (the series' own line says "withheld").
 */
export function bridgeSeries(name: string, bridge: Bridge, color: string, wall = false): Record<string, unknown> {
  // smaller markers on a long axis, where months are a few pixels apart
  const size = wall ? 14 : bridge.values.length > 36 ? 6 : 8;
  return {
    type: 'line',
    name,
    data: bridge.values.map((v, k) =>
      v === null ? null : bridge.marked[k] ? { value: v, symbol: 'emptyCircle', symbolSize: size } : v,
    ),
    symbol: 'none',
    showSymbol: true,
    showAllSymbol: true,
    connectNulls: false,
    silent: true,
    tooltip: { show: false },
    lineStyle: { type: 'dashed', width: wall ? 3 : 1.5, color },
    itemStyle: { color, borderWidth: wall ? 3 : 1.5 },
    emphasis: { disabled: true },
  };
}
