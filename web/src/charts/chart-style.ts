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
