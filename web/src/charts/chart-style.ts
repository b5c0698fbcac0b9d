// Shared sizes for the option builders: laptop or wall (fonts readable from across a room).
export interface ChartOptions {
  wall?: boolean;
}

export function fontSizes(wall = false) {
  return wall ? { axis: 22, title: 28, legend: 22, label: 20 } : { axis: 12, title: 14, legend: 12, label: 11 };
}

export const SERIES_COLORS = ['#2f6fd6', '#d08700', '#1a7f37', '#8e44ad', '#c62828', '#00838f', '#6d4c41'];

/** the grey dotted line at a suppressed month */
export const SUPPRESSED_LINE = { type: 'dotted' as const, color: '#8a8f98', width: 2 };

/** Chart widths (px) at which the plot's top is set again for the legend, which wraps to more rows when narrower. */
const WIDTHS = [1600, 1300, 1100, 900, 760, 640, 540, 460, 400, 370, 340, 320, 280];

/**
 * A plain legend item's width: icon, gap, its text, gap to the next (ECharts' defaults). Vietnamese words in the
 * default sans-serif measure about 0.44 em a letter; 0.48 errs on the side of one row too many (a gap above the
 * plot) rather than one too few (the legend over the plot).
 */
const itemWidth = (name: string, font: number) => 25 + 5 + Math.ceil(name.length * font * 0.48) + 10;

/** The rows a plain (never paged) legend of these names takes on a chart this wide. */
export function legendRows(names: readonly string[], width: number, font: number): number {
  const room = width - 20;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = itemWidth(name, font);
    if (x > 0 && x + w > room) {
      rows += 1;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/**
 * Where the plot starts below a full legend (every entry shown, wrapped to as many rows as it needs) at the chart's
 * width: the grid's top for a wide chart, and ECharts media rules that move it down on narrower ones. `below`: the
 * room kept between the legend and the plot (a label above the plot needs some).
 */
export function legendLayout(names: readonly string[], font: number, below: number) {
  const row = Math.max(14, Math.round(font * 1.35)) + 10;
  const top = (width: number) => 5 + legendRows(names, width, font) * row + below;
  // each rule holds down to the next, narrower width: its rows are counted there (the safe side)
  return {
    top: top(WIDTHS[0]),
    media: [
      { option: { grid: { top: top(WIDTHS[0]) } } },
      ...WIDTHS.slice(0, -1).map((w, k) => ({ query: { maxWidth: w }, option: { grid: { top: top(WIDTHS[k + 1]) } } })),
    ],
  };
}
