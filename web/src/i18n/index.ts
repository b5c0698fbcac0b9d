// Every string the screens show comes from a catalogue here, Vietnamese first, English as a switch.
// Catalogues are split by area (messages/*.ts) so that each part of the app keeps its own.
import { createContext, useContext } from 'react';
import type { Lang } from '../state/view-state.ts';
import auth from './messages/auth.ts';
import common from './messages/common.ts';
import forecast from './messages/forecast.ts';
import imports from './messages/imports.ts';
import index766 from './messages/index766.ts';
import live from './messages/live.ts';
import map from './messages/map.ts';
import screens from './messages/screens.ts';
import triage from './messages/triage.ts';
import layout from './messages/layout.ts';
import charts from './messages/charts.ts';
import analyst from './messages/analyst.ts';
import share from './messages/share.ts';
import wire from './messages/wire.ts';
import first from './messages/first.ts';
import panels from './messages/panels.ts';
import nation from './messages/nation.ts';
import briefs from './messages/briefs.ts';
import catalog from './messages/catalog.ts';
import keys from './messages/keys.ts';
import work from './messages/work.ts';
import tasks from './messages/tasks.ts';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPeriod,
  formatTime,
  formatValue,
} from './format.ts';

export type Catalogue = { vi: Record<string, string>; en: Record<string, string> };

const CATALOGUES: Catalogue[] = [
  common,
  map,
  screens,
  live,
  forecast,
  auth,
  imports,
  index766,
  triage,
  layout,
  charts,
  analyst,
  share,
  wire,
  first,
  panels,
  nation,
  briefs,
  catalog,
  keys,
  work,
  tasks,
];
export const MESSAGES: Record<Lang, Record<string, string>> = {
  vi: Object.fromEntries(CATALOGUES.flatMap((c) => Object.entries(c.vi))),
  en: Object.fromEntries(CATALOGUES.flatMap((c) => Object.entries(c.en))),
};

/** A message with {name} placeholders filled; a missing key shows as the key itself (and a test fails). */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export interface I18n {
  lang: Lang;
  t: (key: string, params?: Record<string, string | number>) => string;
  number: (v: number, digits?: number) => string;
  value: (v: number, unit: string) => string;
  date: (iso: string) => string;
  period: (p: string) => string;
  /** hh:mm:ss of an ISO instant, Vietnam time */
  time: (iso: string) => string;
  /** dd/mm/yyyy hh:mm:ss of an ISO instant, Vietnam time */
  dateTime: (iso: string) => string;
  /** a file size: 512 B, 12,3 kB, 4,1 MB */
  bytes: (n: number) => string;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    number: (v, digits) => formatNumber(v, lang, digits),
    value: (v, unit) => formatValue(v, unit, lang),
    date: (iso) => formatDate(iso, lang),
    period: (p) => formatPeriod(p, lang),
    time: (iso) => formatTime(iso, lang),
    dateTime: (iso) => formatDateTime(iso),
    bytes: (n) => formatBytes(n, lang),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('vi'));
export const useI18n = (): I18n => useContext(I18nContext);
