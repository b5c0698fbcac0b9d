// A snapshot as one self-contained HTML page (inline CSS and SVG, no script, font, image or link
// to fetch): it opens offline and shows the same panels. Numbers are formatted vi-VN here, at
// generation time, so the page needs no JavaScript. Used by GET /api/snapshots/:id.html.
import { PERTURBATION_NOTE } from '../exports/labels.ts';
import type { IndicatorRow } from '../indicators/service.ts';
import type { TargetAnswer } from '../targets/service.ts';
import type { PanelFrozen, SnapshotSpec } from '../contracts/snapshots.ts';
import type { PanelData } from './data.ts';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const HIDDEN = 'ẩn';

export function formatNumberVi(value: number, digits: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Same rules as the web app (web/src/i18n/format.ts formatValue, Vietnamese). */
export function formatValueVi(value: number | null, unit: string): string {
  if (value === null) return '–';
  if (unit === 'percent') return `${formatNumberVi(value, 1)} %`;
  if (unit === 'count' || unit === 'persons') return formatNumberVi(value, 0);
  if (unit === 'days') return `${formatNumberVi(value, 1)} ngày`;
  if (unit === 'persons_per_km2') return `${formatNumberVi(value, 0)} người/km²`;
  return formatNumberVi(value, 1);
}

function formatPeriodVi(p: string): string {
  if (p.includes('..')) {
    const [a, b] = p.split('..');
    return a === b ? formatPeriodVi(a) : `${formatPeriodVi(a)} – ${formatPeriodVi(b)}`;
  }
  let m = /^(\d{4})-(\d{2})/.exec(p);
  if (m && !/Q/.test(p)) return `Tháng ${Number(m[2])}/${m[1]}`;
  m = /^(\d{4})-Q(\d)$/.exec(p);
  if (m) return `Quý ${m[2]}/${m[1]}`;
  return /^\d{4}$/.test(p) ? `Năm ${p}` : p;
}

const dateTimeVi = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));

const dateVi = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

const STATUS_VI: Record<string, string> = {
  met: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  missed: 'Không đạt',
  no_data: 'Chưa có dữ liệu',
  suppressed: HIDDEN,
};

/** A horizontal bar per shown row; hidden rows get no bar. */
function bars(rows: IndicatorRow[], unit: string): string {
  const shown = rows.filter((r) => !r.suppressed && r.value !== null).slice(0, 60);
  const max = Math.max(...shown.map((r) => Math.abs(r.value!)), 0);
  if (!shown.length || max === 0) return '';
  const h = 16;
  const items = rows.slice(0, 60).map((r, i) => {
    const w = r.suppressed || r.value === null ? 0 : Math.round((Math.abs(r.value) / max) * 300);
    const label = r.suppressed ? HIDDEN : formatValueVi(r.value, unit);
    return (
      `<text x="0" y="${i * h + 12}">` +
      `${esc(r.unit_name && rows.some((x) => x.unit !== r.unit) ? r.unit_name : formatPeriodVi(r.period))}</text>` +
      `<rect x="170" y="${i * h + 3}" width="${w}" height="${h - 5}"/>` +
      `<text x="${176 + w}" y="${i * h + 12}">${esc(label)}</text>`
    );
  });
  return (
    `<svg class="bars" role="img" aria-hidden="true" width="560" height="${Math.min(rows.length, 60) * h}" ` +
    `viewBox="0 0 560 ${Math.min(rows.length, 60) * h}">${items.join('')}</svg>`
  );
}

function indicatorPanel(p: PanelFrozen, rows: IndicatorRow[]): string {
  const unit = p.indicator?.unit ?? '';
  const cell = (r: IndicatorRow, v: number | null, u: string) =>
    r.suppressed ? `<td class="hidden">${HIDDEN}<sup>*</sup></td>` : `<td>${esc(formatValueVi(v, u))}</td>`;
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.unit_name)}</th><td class="text">${esc(formatPeriodVi(r.period))}</td>` +
        `${cell(r, r.value, unit)}${cell(r, r.numerator, 'count')}${cell(r, r.denominator, 'count')}</tr>`,
    )
    .join('');
  const sub = [p.indicator?.name_vi, p.unit_name, p.from && p.to ? formatPeriodVi(`${p.from}..${p.to}`) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    `<section><h2>${esc(p.title)}</h2><p class="sub">${esc(sub)}</p>${bars(rows, unit)}\n` +
    '<table><thead><tr><th>Đơn vị</th><th>Kỳ</th><th>Giá trị</th><th>Tử số</th><th>Mẫu số</th></tr></thead>' +
    `<tbody>${body}</tbody></table></section>`
  );
}

function targetsPanel(p: PanelFrozen, targets: TargetAnswer[]): string {
  const body = targets
    .map((t) => {
      const v = t.suppressed
        ? `<td class="hidden">${HIDDEN}<sup>*</sup></td>`
        : `<td>${esc(formatValueVi(t.value, t.unit))}</td>`;
      const goal =
        t.comparator === 'done'
          ? 'Hoàn thành'
          : `${t.comparator === '<=' ? '≤' : '≥'} ${formatValueVi(t.target, t.unit)}`;
      return (
        `<tr><th scope="row">${esc(t.target_id)} · ${esc(t.title_vi)}</th>${v}<td>${esc(goal)}</td>` +
        `<td class="text">${esc(STATUS_VI[t.status] ?? t.status)}</td>` +
        `<td class="date">${esc(dateVi(t.deadline))}</td></tr>`
      );
    })
    .join('');
  return (
    `<section><h2>${esc(p.title)}</h2><p class="sub">Mục tiêu của Đề án 06 · ${esc(p.unit_name)}</p>\n` +
    '<table><thead><tr><th>Mục tiêu</th><th>Giá trị</th><th>Chỉ tiêu</th><th>Trạng thái</th><th>Hạn</th></tr></thead>' +
    `<tbody>${body}</tbody></table></section>`
  );
}

const CSS = `body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;color:#1a1a1a;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 2px}.sub,.meta,.foot{color:#555;font-size:13px}
.badge{display:inline-block;background:#fff3cd;border:1px solid #e0b400;padding:1px 8px;border-radius:4px;\
font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px}\
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}
td{text-align:right;font-variant-numeric:tabular-nums}td.text{text-align:left}td.date{white-space:nowrap}\
.hidden{color:#777;font-style:italic}
svg.bars{font-size:11px;fill:#333;margin:6px 0}svg.bars rect{fill:#2f6db5}code{font-size:12px;word-break:break-all}`;

export function snapshotHtml(spec: SnapshotSpec, data: Map<string, PanelData>): string {
  const panels = spec.panels
    .map((p) =>
      p.kind === 'targets'
        ? targetsPanel(p, data.get(p.id)?.targets ?? [])
        : indicatorPanel(p, data.get(p.id)?.rows ?? []),
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(spec.title)} · Bản chụp dữ liệu</title><style>${CSS}</style></head><body>`,
    '<header><p class="meta">Trung tâm điều hành Đề án 06 · Bản chụp dữ liệu (số liệu cố định)</p>' +
      `<h1>${esc(spec.title)}</h1>`,
    `<p class="meta">Dữ liệu đến ngày ${esc(spec.data_date ?? '–')} · ` +
      `Chụp lúc ${esc(dateTimeVi(spec.created_at))} · Người chụp: ${esc(spec.owner)}`,
    `${spec.generated ? ' · <span class="badge">Dữ liệu mô phỏng</span>' : ''}</p></header>`,
    `<main>${panels}</main>`,
    spec.disclosure === 'cellkey'
      ? `<footer class="foot"><p>${esc(PERTURBATION_NOTE.vi)} <sup>*</sup> ${HIDDEN}: tỷ lệ có mẫu số dưới ` +
        `${spec.min_cell}. Các số giống hệt trên màn hình.</p>`
      : `<footer class="foot"><p><sup>*</sup> ${HIDDEN}: số đếm từ 1 đến ${spec.min_cell - 1} và tỷ lệ có mẫu số ` +
        `dưới ${spec.min_cell} được ẩn để bảo vệ thông tin cá nhân; ` +
        'một số ô khác được ẩn thêm để không thể tính ngược ô đã ẩn từ tổng. Các ô ẩn giống hệt trên màn hình.</p>',
    `<p>Mã bản chụp: <code>${esc(spec.id)}</code> · Phiên bản dữ liệu: ${spec.data_version} · ` +
      `SHA-256 của dữ liệu: <code>${esc(spec.sha256)}</code></p></footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
