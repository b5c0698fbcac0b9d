// The canonical key of a view (issue 21): the web app's query string of a view's exact state (screen, unit,
// indicator, period, grain, day, target, filters), every key checked against an allow-list and its value against
// its form, then written in one order, so that two spellings of one view are one key and a comment is found from
// any of them. An unknown key, a repeated key or a value of the wrong form is a 400 that names it. Pure: the
// caller checks that the unit, indicator and target exist and lie in scope.
import { FILTER_DEFS, FILTER_LIST, isFilterName, type FilterDef } from '../registry/filter-defs.ts';
import { badRequest } from '../errors.ts';

/** The keys a view may hold, in the key's order (the filters follow, in the registry's order). */
export const VIEW_KEYS = ['screen', 'unit', 'indicator', 'target', 'from', 'to', 'by', 'at'] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const FORMS: Record<(typeof VIEW_KEYS)[number], { test: RegExp; vi: string; en: string }> = {
  screen: { test: /^[a-z][a-z0-9_-]{0,31}$/, vi: 'tên màn hình (chữ thường)', en: 'a screen name (lower case)' },
  unit: { test: /^[A-Za-z0-9@._-]{1,40}$/, vi: 'mã đơn vị', en: 'a unit id' },
  indicator: { test: /^[a-z][a-z0-9_]{0,79}$/, vi: 'mã chỉ tiêu', en: 'an indicator id' },
  target: { test: /^[A-Za-z0-9_-]{1,40}$/, vi: 'mã mục tiêu', en: 'a target id' },
  from: { test: MONTH, vi: 'tháng YYYY-MM', en: 'a month YYYY-MM' },
  to: { test: MONTH, vi: 'tháng YYYY-MM', en: 'a month YYYY-MM' },
  by: { test: /^(month|quarter|year|unit)$/, vi: 'month, quarter, year hoặc unit', en: 'month, quarter, year or unit' },
  at: { test: DAY, vi: 'ngày YYYY-MM-DD', en: 'a day YYYY-MM-DD' },
};

export interface ViewKey {
  /** the canonical query string: screen=…&unit=…[&indicator=…]… */
  key: string;
  screen: string;
  unit: string;
  indicator: string | null;
  target: string | null;
  from: string | null;
  to: string | null;
  /** "2025-01…2026-11", one month, or null when the view has no period */
  period: string | null;
  values: Record<string, string>;
}

function filterOk(def: FilterDef, v: string): boolean {
  if (def.kind === 'choice') return def.values.includes(v);
  if (def.kind === 'integer') return /^\d{1,3}$/.test(v) && Number(v) >= def.minimum && Number(v) <= def.maximum;
  if (def.pattern && !new RegExp(def.pattern).test(v)) return false;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return v.length >= (def.minLength ?? 1) && v.length <= (def.maxLength ?? 64) && !/[<>\u0000-\u001f]/.test(v);
}

const bad = (vi: string, en: string) => badRequest(`Khóa màn hình (view): ${vi}`, `View key: ${en}`);

/** Reads a view's query string (with or without a leading "?") into its canonical key. */
export function parseViewKey(raw: string): ViewKey {
  const text = raw.trim().replace(/^\?/, '');
  if (text === '') throw bad('trống.', 'empty.');
  let params: URLSearchParams;
  try {
    // a malformed escape makes URLSearchParams keep it as is: refused below by the forms
    params = new URLSearchParams(text);
  } catch {
    throw bad('không đọc được.', 'not readable.');
  }
  const values: Record<string, string> = {};
  for (const [k, v] of params) {
    const known = (VIEW_KEYS as readonly string[]).includes(k) || isFilterName(k);
    if (!known) {
      const allowed = [...VIEW_KEYS, ...FILTER_LIST.map((f) => f.name)].join(', ');
      throw bad(
        `không có khóa "${k.slice(0, 40)}" (được dùng: ${allowed}).`,
        `unknown key "${k.slice(0, 40)}" (allowed: ${allowed}).`,
      );
    }
    if (Object.hasOwn(values, k)) throw bad(`khóa "${k}" lặp lại.`, `key "${k}" is repeated.`);
    const value = v.trim();
    if (value === '') continue;
    values[k] = value;
  }
  for (const k of VIEW_KEYS) {
    const v = values[k];
    if (v === undefined) continue;
    const form = FORMS[k];
    if (!form.test.test(v) || (k === 'at' && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v))
      throw bad(
        `"${k}" phải là ${form.vi} (nhận "${v.slice(0, 40)}").`,
        `"${k}" must be ${form.en} (got "${v.slice(0, 40)}").`,
      );
  }
  for (const f of FILTER_LIST) {
    const v = values[f.name];
    if (v !== undefined && !filterOk(FILTER_DEFS[f.name], v))
      throw bad(
        `bộ lọc "${f.name}" không nhận giá trị "${v.slice(0, 40)}".`,
        `filter "${f.name}" cannot be "${v.slice(0, 40)}".`,
      );
  }
  if (!values.screen) throw bad('thiếu "screen".', '"screen" is missing.');
  if (!values.unit) throw bad('thiếu "unit".', '"unit" is missing.');
  if (values.from && values.to && values.from > values.to)
    throw bad(
      `khoảng thời gian sai: ${values.from} sau ${values.to}.`,
      `empty period: ${values.from} after ${values.to}.`,
    );
  const ordered = [...VIEW_KEYS, ...FILTER_LIST.map((f) => f.name)].filter((k) => values[k] !== undefined);
  const key = ordered.map((k) => `${k}=${encodeURIComponent(values[k])}`).join('&');
  const from = values.from ?? null;
  const to = values.to ?? null;
  const period = from && to ? (from === to ? from : `${from}…${to}`) : from ? `${from}…` : to ? `…${to}` : null;
  return {
    key,
    screen: values.screen,
    unit: values.unit,
    indicator: values.indicator ?? null,
    target: values.target ?? null,
    from,
    to,
    period,
    values: Object.fromEntries(ordered.map((k) => [k, values[k]])),
  };
}
