// The query of a panel's data export (GET /api/export/indicator.csv|xlsx): the indicators it shows
// and the request the screen made for them. Pure; tests/unit/web-export.test.ts.
export interface PanelData {
  /** the indicators shown; or, with `targets`, the plan's targets table of `unit` */
  indicators: string[];
  targets?: boolean;
  unit: string;
  from?: string;
  to?: string;
  by?: string;
  at?: string;
  filters?: Record<string, string | undefined>;
}

/** The query of one indicator of a panel. */
export function exportQuery(d: PanelData, indicator: string, lang?: string): string {
  const q = new URLSearchParams({ indicator, unit: d.unit });
  if (d.by) q.set('by', d.by);
  if (d.from) q.set('from', d.from);
  if (d.to) q.set('to', d.to);
  if (d.at) q.set('at', d.at);
  for (const [k, v] of Object.entries(d.filters ?? {})) if (v) q.set(k, v);
  if (lang === 'en') q.set('lang', 'en');
  return q.toString();
}

/** The panel's downloads: one CSV and one XLSX per indicator (or the targets table). */
export function exportLinks(d: PanelData, lang?: string): { key: string; csv: string; xlsx: string }[] {
  if (d.targets) {
    const q = new URLSearchParams({ unit: d.unit });
    if (lang === 'en') q.set('lang', 'en');
    return [{ key: 'targets', csv: `/api/export/targets.csv?${q}`, xlsx: `/api/export/targets.xlsx?${q}` }];
  }
  return d.indicators.map((id) => ({
    key: id,
    csv: `/api/export/indicator.csv?${exportQuery(d, id, lang)}`,
    xlsx: `/api/export/indicator.xlsx?${exportQuery(d, id, lang)}`,
  }));
}
