// What a whole-view export prints around the screen: the Vietnamese administrative header (national
// motto, unit, title, place and date, filters, data date, generated-data notice), the page header and
// footer templates, and the print CSS. Pure; used by server/export/render.ts.

export type Lang = 'vi' | 'en';

export interface ViewHeader {
  /** the unit the view is about (the `unit` query parameter, or the default unit) */
  unitName: string;
  /** the place in "Nam Sách, ngày … tháng … năm …" */
  place: string;
  date: Date;
  /** newest data date of the store (YYYY-MM-DD), or null */
  dataDate: string | null;
  generated: boolean;
  /** the view's filters, already labelled ("Đơn vị: Nam Trung") */
  filters: string[];
  lang: Lang;
}

const LABELS: Record<string, { vi: string; en: string }> = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  from: { vi: 'Từ tháng', en: 'From' },
  to: { vi: 'Đến tháng', en: 'To' },
  grain: { vi: 'Kỳ', en: 'Grain' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  age_min: { vi: 'Tuổi từ', en: 'Age from' },
  age_max: { vi: 'Tuổi đến', en: 'Age to' },
  residence: { vi: 'Cư trú', en: 'Residence' },
  procedure_level: { vi: 'Mức độ thủ tục', en: 'Procedure level' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  channel: { vi: 'Kênh nộp', en: 'Channel' },
  classes: { vi: 'Phân lớp', en: 'Classes' },
  at: { vi: 'Ngày địa giới', en: 'Boundaries on' },
  layer: { vi: 'Lớp ranh giới', en: 'Layer' },
  scenario: { vi: 'Kịch bản', en: 'Scenario' },
  tfr: { vi: 'TFR', en: 'TFR' },
  e0: { vi: 'Tuổi thọ e0', en: 'Life expectancy e0' },
  mig: { vi: 'Di cư thuần (‰)', en: 'Net migration (‰)' },
};

/** The labelled filters of a view path; `unitName` resolves the unit id. Unknown keys are left out. */
export function describeFilters(
  search: URLSearchParams,
  lang: Lang,
  unitName: (id: string) => string | undefined,
): string[] {
  const out: string[] = [];
  for (const [key, value] of search) {
    const label = LABELS[key];
    if (!label || !value) continue;
    const shown = key === 'unit' ? (unitName(value) ?? value) : value;
    out.push(`${label[lang]}: ${shown}`);
  }
  return out;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The place of a unit's documents: its name without its level ("Xã Nam Trung" → "Nam Trung"). */
export const placeName = (unitName: string): string =>
  unitName.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn)\s+/u, '');

/**
 * The issuing authority of a unit's documents, its People's Committee: "UBND Xã Nam Trung" (names carry their level,
 * "Huyện Nam Sách", "Xã Nam Trung"; the heading prints it in capitals), "People’s Committee of Nam Trung Commune".
 */
export function issuerOf(unit: { name: string; name_en: string | null }, lang: Lang): string {
  return lang === 'en' ? `People’s Committee of ${unit.name_en || unit.name}` : `UBND ${unit.name}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "Nam Sách, ngày 05 tháng 03 năm 2026" (the form of Decree 30/2020/NĐ-CP), or its English form: the
 * day in Vietnam (UTC+7, no daylight saving), whatever the server's time zone.
 */
export function placeAndDate(place: string, d: Date, lang: Lang): string {
  const vn = new Date(d.getTime() + 7 * 3_600_000);
  const [y, m, day] = [vn.getUTCFullYear(), two(vn.getUTCMonth() + 1), two(vn.getUTCDate())];
  if (lang === 'en') return `${place}, ${y}-${m}-${day}`;
  return `${place}, ngày ${day} tháng ${m} năm ${y}`;
}

const dmy = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;

/** The header block put above the screen's content; `title` is the screen's h1. */
export function headerHtml(h: ViewHeader, title: string): string {
  const en = h.lang === 'en';
  const e = escapeHtml;
  const lines = [
    h.filters.length > 0 ? `<p>${en ? 'Filters' : 'Bộ lọc'}: ${e(h.filters.join('; '))}</p>` : '',
    h.dataDate ? `<p>${en ? 'Data as of' : 'Số liệu đến ngày'} ${e(dmy(h.dataDate))}</p>` : '',
    h.generated
      ? `<p class="ioc-admin__generated"><strong>${en ? 'Simulated data' : 'Dữ liệu mô phỏng'}:</strong> ${
          en
            ? 'figures made by the demo generator, not real data.'
            : 'số liệu do bộ sinh dữ liệu tạo ra để trình diễn, không phải số liệu thật.'
        }</p>`
      : '',
  ].join('');
  // The motto stays in Vietnamese in both languages: it is the form of every official document.
  return `<div class="ioc-admin" data-export-header>
  <div class="ioc-admin__row">
    <div class="ioc-admin__org"><p>${e(h.unitName.toLocaleUpperCase('vi'))}</p><hr></div>
    <div class="ioc-admin__nation"><p class="ioc-admin__state">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>\
<p class="ioc-admin__motto">Độc lập - Tự do - Hạnh phúc</p><hr>
      <p class="ioc-admin__date">${e(placeAndDate(h.place, h.date, h.lang))}</p></div>
  </div>
  <p class="ioc-admin__title">${e(title)}</p>
  <div class="ioc-admin__meta">${lines}</div>
</div>`;
}

/** The PDF's type: the app's own (Noto Sans), or Times New Roman as Decree 30/2020's administrative format asks. */
export type PdfFont = 'app' | 'times';

/** Times New Roman where it is installed; else Liberation Serif (the same metrics, Debian's fonts-liberation2). */
export const TIMES_STACK = "'Times New Roman', 'Liberation Serif', serif";
export const APP_STACK = "'Noto Sans', sans-serif";
export const fontStack = (font: PdfFont = 'app'): string => (font === 'times' ? TIMES_STACK : APP_STACK);

/** Chromium's page header: the title, small. Templates need their own font size (the default is 0). */
export const pageHeaderTemplate = (title: string, font: PdfFont = 'app'): string =>
  `<div style="font-family:${escapeHtml(fontStack(font))};font-size:8px;color:#555;width:100%;padding:0 12mm;` +
  `text-align:right">${escapeHtml(title)}</div>`;

/** "Trang 2/5" at the bottom of every page. */
export const pageFooterTemplate = (lang: Lang, font: PdfFont = 'app'): string =>
  `<div style="font-family:${escapeHtml(fontStack(font))};font-size:9px;color:#333;width:100%;text-align:center">${
    lang === 'en' ? 'Page' : 'Trang'
  } <span class="pageNumber"></span>/<span class="totalPages"></span></div>`;

/**
 * CSS for an exported view (html.ioc-export, PDF and PNG; the PDF is also printed with the app's print
 * styles, web/src/styles/print.css, which hold the same rules for the browser's own print): no navigation,
 * no controls (buttons, zoom, pickers; a select shows its chosen value as text), an empty live panel left
 * out, the screen's h1 hidden (the header block above says the title, once), tiles in more columns, panels
 * never cut across pages, table headers repeated. Noto Sans (every Vietnamese diacritic; Chromium embeds it).
 */
export const EXPORT_CSS = `
html.ioc-export, html.ioc-export body { font-family: 'Noto Sans', sans-serif; background: #fff; }
html.ioc-export .skip-link, html.ioc-export .app-header, html.ioc-export .app-nav, html.ioc-export .app-footer,
html.ioc-export .lang-switch, html.ioc-export [data-live-status], html.ioc-export .export-menu,
html.ioc-export .view-actions, html.ioc-export .map-exports, html.ioc-export .unit-picker,
html.ioc-export button:not(table button):not(.button--link), html.ioc-export .maplibregl-ctrl-group,
html.ioc-export input[type="search"], html.ioc-export input:placeholder-shown,
html.ioc-export .live-feed:not(:has(li)), html.ioc-export [data-export-title] { display: none !important; }
html.ioc-export select, html.ioc-export input:not([type="checkbox"]):not([type="radio"]) {
 appearance: none; border: 0 !important; background: none !important; padding: 0; color: inherit; }
html.ioc-export table button, html.ioc-export .button--link {
 appearance: none; border: 0; background: none; padding: 0; font: inherit; color: inherit; }
html.ioc-export details::details-content { content-visibility: visible !important; display: block !important; }
html.ioc-export .app { display: block; min-height: 0; }
html.ioc-export .app-main { padding: 0 12px; max-width: none; }
html.ioc-export .tiles { grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
html.ioc-export [data-export-keep], html.ioc-export figure, html.ioc-export .kpi-tile, html.ioc-export canvas,
html.ioc-export tr, .ioc-admin { break-inside: avoid; page-break-inside: avoid; }
html.ioc-export h1, html.ioc-export h2, html.ioc-export h3 { break-after: avoid; page-break-after: avoid; }
html.ioc-export thead { display: table-header-group; }
html.ioc-export tfoot { display: table-footer-group; }
.ioc-admin { font-family: 'Noto Sans', sans-serif; color: #000; margin: 0 0 14px; padding: 8px 12px 0; }
.ioc-admin p { margin: 0; }
.ioc-admin__row { display: flex; justify-content: space-between; gap: 16px; }
.ioc-admin__org, .ioc-admin__nation { text-align: center; }
.ioc-admin__org { font-weight: 700; font-size: 13px; flex: 0 1 40%; }
.ioc-admin__nation { flex: 0 1 58%; font-size: 13px; }
.ioc-admin__state { font-weight: 700; }
.ioc-admin__motto { font-weight: 700; font-size: 14px; }
.ioc-admin hr { width: 40%; margin: 3px auto 6px; border: 0; border-top: 1px solid #000; }
.ioc-admin__date { font-style: italic; }
.ioc-admin__title { text-align: center; font-weight: 700; font-size: 18px; margin: 12px 0 6px !important; }
.ioc-admin__meta { font-size: 12px; text-align: center; color: #222; }
.ioc-admin__generated { color: #8a1c14; }
`;

/** The export CSS with its font: Times New Roman (Liberation Serif) for every text of the page when asked. */
export function exportCss(font: PdfFont = 'app'): string {
  if (font !== 'times') return EXPORT_CSS;
  return `${EXPORT_CSS}
html.ioc-export, html.ioc-export body, html.ioc-export body *, .ioc-admin { font-family: ${TIMES_STACK} !important; }
`;
}
