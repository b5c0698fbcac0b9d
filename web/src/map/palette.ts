// Colour-blind-safe sequential palettes (ColorBrewer, Cynthia Brewer, Apache-2.0) chosen by an indicator's
// direction: the darkest class is the best when higher is better, the worst when lower is better.

export type Direction = 'higher' | 'lower' | 'none';

/** ColorBrewer schemes, 3 to 7 classes; all marked colour-blind safe by ColorBrewer. */
const SCHEMES: Record<'YlGnBu' | 'YlOrRd' | 'Purples', Record<number, string[]>> = {
  YlGnBu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  },
  YlOrRd: {
    3: ['#ffeda0', '#feb24c', '#f03b20'],
    4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
    5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
    6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
    7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
  },
  Purples: {
    3: ['#efedf5', '#bcbddc', '#756bb1'],
    4: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#6a51a3'],
    5: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
    6: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#756bb1', '#54278f'],
    7: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#4a1486'],
  },
};

/** Fills for units without a class: no data (light grey) and suppressed small counts (darker grey). */
export const NO_DATA_COLOR = '#d9d9d9';
export const SUPPRESSED_COLOR = '#969696';

/** k colours (1 ≤ k ≤ 7) from light (low values) to dark (high values). */
export function palette(direction: Direction, k: number): string[] {
  const scheme = SCHEMES[direction === 'higher' ? 'YlGnBu' : direction === 'lower' ? 'YlOrRd' : 'Purples'];
  if (k <= 0) return [];
  if (k === 1) return [scheme[3][1]];
  if (k === 2) return [scheme[3][0], scheme[3][2]];
  return scheme[Math.min(7, k)];
}
