// Arithmetic on the API's months (MonthSchema: YYYY-MM; a YYYY-MM-DD date reads as its month), the one
// rule for the server (target status, forecasts), the event pipeline's cube months and the web's charts.

/** Months since January of year 0: consecutive months differ by 1 (the day of a YYYY-MM-DD is ignored). */
export function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

/** The YYYY-MM of a month index. */
export function monthOfIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** YYYY-MM plus n months (n may be negative). */
export function addMonths(ym: string, n: number): string {
  return monthOfIndex(monthIndex(ym) + n);
}
