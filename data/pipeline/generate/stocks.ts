// Month-end stocks of a commune kept as difference arrays: a person present over [from, to) adds 1
// to every month whose last day falls in that interval. Used for the fertility exposure of each
// month and for the dossier volumes and e-identity shares.
import type { Window } from './calendar.ts';

export class Series {
  readonly diff: Float64Array;
  private cache: Float64Array | null = null;
  constructor(readonly length: number) {
    this.diff = new Float64Array(length + 1);
  }
  /** Value at the end of month i (prefix sum of the differences). */
  at(i: number): number {
    let s = 0;
    for (let k = 0; k <= i; k++) s += this.diff[k];
    return s;
  }
  /** All month-end values, computed once the series is complete. */
  values(): Float64Array {
    if (this.cache) return this.cache;
    const out = new Float64Array(this.length);
    let s = 0;
    for (let k = 0; k < this.length; k++) out[k] = s += this.diff[k];
    return (this.cache = out);
  }
}

export class MonthStocks {
  readonly population: Series;
  readonly cardAge: Series;
  readonly vneid: Series;
  readonly women: Series[];

  constructor(private readonly win: Window) {
    const n = win.months.length;
    this.population = new Series(n);
    this.cardAge = new Series(n);
    this.vneid = new Series(n);
    this.women = Array.from({ length: 7 }, () => new Series(n));
  }

  /** Counts someone present from day `from` (inclusive) to day `to` (exclusive) in the month-end stocks. */
  add(series: Series, from: number, to: number): void {
    if (to <= from) return;
    const n = this.win.months.length;
    const a = Math.max(0, Math.min(n, this.win.monthOf(from)));
    // someone still present after the data date counts in the last (possibly partial) month
    const b = to > this.win.end ? n : Math.max(0, Math.min(n, this.win.monthOf(to)));
    if (b <= a) return;
    series.diff[a]++;
    series.diff[b]--;
  }

  /** Women by fertility group (15–19 … 45–49) at the end of month i. */
  womenAtEnd(i: number): number[] {
    return this.women.map((s) => s.at(i));
  }
}
