// The query of a panel's data export (GET /api/export/indicator.csv|xlsx): the indicators it shows
// and the request the screen made for them; and the URL of a whole-view export (GET /api/export/view.pdf|png)
// with the PDF's typeface. Pure; tests/unit/web-export.test.ts.
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
  /** also the Decision 766 index answer of `unit` for this period (GET /api/export/index766), listed first */
  index766?: { period: string; by: 'unit' | 'month' };
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
  const index766 = d.index766 ? [index766Link(d.unit, d.index766, lang)] : [];
  return [
    ...index766,
    ...d.indicators.map((id) => ({
      key: id,
      csv: `/api/export/indicator.csv?${exportQuery(d, id, lang)}`,
      xlsx: `/api/export/indicator.xlsx?${exportQuery(d, id, lang)}`,
    })),
  ];
}

/** The index answer's download (key 'index766'): its unit, period and rows (by) as the screen asked for them. */
function index766Link(unit: string, a: { period: string; by: string }, lang?: string) {
  const q = new URLSearchParams({ unit, period: a.period, by: a.by });
  if (lang === 'en') q.set('lang', 'en');
  return { key: 'index766', csv: `/api/export/index766.csv?${q}`, xlsx: `/api/export/index766.xlsx?${q}` };
}

/** The PDF's typeface: the app's own, or Times New Roman (Decree 30/2020's administrative format). */
export type PdfFont = 'app' | 'times';
export const PDF_FONTS: readonly PdfFont[] = ['app', 'times'];

/**
 * The whole view at `path` (an app path with its query) as a PDF (landscape unless asked otherwise, in the
 * chosen typeface) or a PNG, rendered by the server.
 */
export function viewExportUrl(
  format: 'pdf' | 'png',
  path: string,
  opts: { font?: PdfFont; orientation?: 'portrait' | 'landscape' } = {},
): string {
  const q = new URLSearchParams({ path });
  if (format === 'pdf') {
    q.set('orientation', opts.orientation ?? 'landscape');
    if (opts.font && opts.font !== 'app') q.set('font', opts.font);
  }
  return `/api/export/view.${format}?${q}`;
}
