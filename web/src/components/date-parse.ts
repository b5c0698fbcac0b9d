// Reading a date typed as dd/mm/yyyy (also d/m/yyyy, with - or . between, or an ISO yyyy-mm-dd pasted), checked
// against the calendar (31/02 and 29/02 of a common year are refused); kept as ISO yyyy-mm-dd. Pure, no locale:
// the same in every browser. Tests: tests/unit/web-analyst-parse.test.ts. Used by components/DateInput.tsx.

export type DateParse =
  | { ok: true; iso: string }
  /** empty: nothing typed; format: not dd/mm/yyyy; year: outside 1900–2100; month: not 1–12; day: not in the month */
  | { ok: false; reason: 'empty' | 'format' | 'year' | 'month' | 'day' };

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseDate(text: string): DateParse {
  const s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  const dmy = DMY.exec(s);
  const iso = dmy ? null : ISO.exec(s);
  if (!dmy && !iso) return { ok: false, reason: 'format' };
  const [d, m, y] = dmy ? [dmy[1], dmy[2], dmy[3]].map(Number) : [iso![3], iso![2], iso![1]].map(Number);
  if (y < 1900 || y > 2100) return { ok: false, reason: 'year' };
  if (m < 1 || m > 12) return { ok: false, reason: 'month' };
  if (d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: 'day' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ok: true, iso: `${y}-${pad(m)}-${pad(d)}` };
}

/** yyyy-mm-dd → dd/mm/yyyy, whatever the browser's language ('' for anything else). */
export function dayText(iso: string | undefined): string {
  const m = iso ? ISO.exec(iso.slice(0, 10)) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
