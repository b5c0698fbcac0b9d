// A snapshot as one self-contained HTML page (inline CSS, and the picture of the view as a data: URL; no
// script, font, link or file to fetch): it opens offline and shows the view as it looked when it was
// frozen (its picture: map, ranking, changes), then each frozen panel: a ranking or the change since the
// previous period, and the table of its numbers. The app's words (web/src/i18n/messages/common.ts) and
// vi-VN formats (web/src/i18n/format.ts) are used here, at generation time, so the page needs no
// JavaScript. Used by GET /s/:id and GET /api/snapshots/:id.html (docs/share-print.md).
import { PERTURBATION_NOTE, workStatus } from '../exports/labels.ts';
import type { IndicatorRow } from '../indicators/service.ts';
import type { TargetAnswer } from '../targets/service.ts';
import type { PanelFrozen, SnapshotSpec } from '../contracts/snapshots.ts';
import type { FollowUp, WorkValue } from '../contracts/work.ts';
import type { PanelData } from './data.ts';
import common from '../../web/src/i18n/messages/common.ts';
import { formatDate, formatNumber, formatPeriod, formatValue } from '../../web/src/i18n/format.ts';
import { vietnamClock } from '../exports/info.ts';

const WORDS = common.vi;
const word = (key: string): string => WORDS[key] ?? key;

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const HIDDEN = 'ẩn';

/** A value as the app shows it (vi-VN): "97,3 %", "5.984"; a milestone "Đã hoàn thành" / "Chưa hoàn thành". */
export function valueText(value: number | null, unit: string, milestone = false): string {
  if (value === null) return '–';
  if (milestone || unit === 'milestone') return word(value >= 1 ? 'milestone.done' : 'milestone.pending');
  return formatValue(value, unit, 'vi');
}

/** A moment in Vietnam's time zone, day first: "05/12/2026 09:30". */
export const dateTimeVi = (iso: string): string => vietnamClock(new Date(iso));

const dateVi = (iso: string | null | undefined) => (iso ? formatDate(iso, 'vi') : '–');
const periodVi = (p: string) => formatPeriod(p, 'vi');

/** The units a snapshot is about (its panels' units), by name, in order. */
export const snapshotUnits = (spec: Pick<SnapshotSpec, 'panels'>): string[] => [
  ...new Set(spec.panels.map((p) => p.unit_name)),
];

const SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

/** The goal of a target as on the Overview's tiles: "≥ 100 %", a milestone "Đã hoàn thành". */
function goalText(t: TargetAnswer): string {
  if (t.comparator === 'done' || t.unit === 'milestone') return word('milestone.done');
  return `${SIGNS[t.comparator] ?? t.comparator} ${valueText(t.target, t.unit)}`;
}

const statusText = (s: string) => word(`status.${s}`);

/** A cell of a responsive table: its column's name goes with it when the table becomes cards on a phone. */
const td = (label: string, content: string, cls = '') =>
  `<td data-label="${esc(label)}"${cls ? ` class="${cls}"` : ''}>${content}</td>`;

const hiddenCell = (label: string) => td(label, `${HIDDEN}<sup>*</sup>`, 'hidden');

function targetsPanel(p: PanelFrozen, targets: TargetAnswer[]): string {
  const cols = ['Chỉ tiêu', 'Giá trị', 'Mục tiêu', 'Trạng thái', 'Hạn', 'Số liệu'];
  const body = targets
    .map((t) => {
      const value = t.suppressed ? hiddenCell(cols[1]) : td(cols[1], esc(valueText(t.value, t.unit)), 'num');
      return (
        `<tr><th scope="row"><span class="tid">${esc(t.target_id)}</span> ${esc(t.title_vi)}</th>${value}` +
        td(cols[2], esc(goalText(t)), 'num') +
        td(cols[3], `<span class="status status--${esc(t.status)}">${esc(statusText(t.status))}</span>`) +
        td(cols[4], esc(dateVi(t.deadline)), 'date') +
        td(cols[5], esc(t.value_month ? periodVi(t.value_month) : '–'), 'date') +
        '</tr>'
      );
    })
    .join('');
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${n} ${statusText(s).toLocaleLowerCase('vi')}`).join(' · ');
  return (
    `<section aria-labelledby="${esc(p.id)}-h"><h2 id="${esc(p.id)}-h">${esc(p.title)}</h2>` +
    `<p class="sub">Chỉ tiêu của Kế hoạch Đề án 06 · ${esc(p.unit_name)}${summary ? ` · ${esc(summary)}` : ''}</p>\n` +
    `<table class="cards"><thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>` +
    `<tbody>${body}</tbody></table></section>`
  );
}

/** An indicator's value of a directive, withheld shown as such (never 0). */
function workValue(v: WorkValue | null, measure: string | null): string {
  if (!v) return '–';
  return v.suppressed ? `${HIDDEN}<sup>*</sup>` : esc(valueText(v.value, measure ?? ''));
}

/** The overdue directives and tasks of a unit when the snapshot was taken. */
function followupPanel(p: PanelFrozen, f: FollowUp | undefined): string {
  if (!f) return '';
  const dcols = ['Số', 'Việc', 'Cơ quan', 'Đơn vị', 'Hạn', 'Trạng thái', 'Khi giao → nay'];
  const drows = f.overdue_directives
    .map(
      (d) =>
        `<tr><th scope="row">${d.id}</th>${td(dcols[1], esc(d.title))}${td(dcols[2], esc(d.office_name))}` +
        td(dcols[3], esc(d.unit_name)) +
        td(dcols[4], esc(dateVi(d.due)), 'date') +
        td(dcols[5], esc(workStatus(d.status, 'vi'))) +
        td(dcols[6], `${workValue(d.value_at_issue, d.measure)} → ${workValue(d.value_now, d.measure)}`, 'num') +
        '</tr>',
    )
    .join('');
  const tcols = ['Mã', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Đơn vị', 'Hạn'];
  const trows = f.overdue_tasks
    .map(
      (t) =>
        `<tr><th scope="row">${esc(t.task_id)}</th>${td(tcols[1], esc(t.title_vi))}` +
        td(tcols[2], esc(t.lead.map((o) => o.name).join('; '))) +
        td(tcols[3], esc(t.unit_name)) +
        td(tcols[4], esc(dateVi(t.deadline)), 'date') +
        '</tr>',
    )
    .join('');
  const table = (cols: string[], body: string, empty: string) =>
    body
      ? `<table class="cards"><thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>` +
        `<tbody>${body}</tbody></table>`
      : `<p class="note">${empty}</p>`;
  const c = f.counts;
  return (
    `<section aria-labelledby="${esc(p.id)}-h"><h2 id="${esc(p.id)}-h">${esc(p.title)}</h2>` +
    `<p class="sub">${esc(p.unit_name)} · tính đến ${esc(dateVi(f.today))} (giờ Việt Nam) · ` +
    `${c.overdue_directives} chỉ đạo quá hạn trong ${c.open_directives} chỉ đạo đang mở · ` +
    `${c.overdue_tasks} nhiệm vụ quá hạn</p>\n` +
    `<h3>Chỉ đạo quá hạn</h3>${table(dcols, drows, 'Không có chỉ đạo quá hạn.')}` +
    `<h3>Nhiệm vụ quá hạn</h3>${table(tcols, trows, 'Không có nhiệm vụ quá hạn.')}</section>`
  );
}

/** Bars of the shown rows, longest first (a ranking), each with its value; hidden rows last, without a bar. */
function ranking(rows: IndicatorRow[], unit: string, milestone: boolean): string {
  const shown = rows.filter((r) => !r.suppressed && r.value !== null).sort((a, b) => b.value! - a.value!);
  const max = Math.max(...shown.map((r) => Math.abs(r.value!)), 0);
  if (shown.length < 2 || max === 0 || milestone) return '';
  const items = shown.slice(0, 40).map((r, i) => {
    const w = Math.max(0.5, (Math.abs(r.value!) / max) * 100).toFixed(1);
    return (
      `<li><span class="rank">${i + 1}</span><span class="name">${esc(r.unit_name)}</span>` +
      `<span class="bar"><span style="width:${w}%"></span></span>` +
      `<span class="val">${esc(valueText(r.value, unit))}</span></li>`
    );
  });
  return `<ol class="ranking" aria-label="Xếp hạng theo giá trị, cao nhất trước">${items.join('')}</ol>`;
}

/** The change of the last period from the one before, for each unit with both ("Tháng 11/2026 so với …"). */
function changes(rows: IndicatorRow[], unit: string, milestone: boolean): string {
  if (milestone) return '';
  const byUnit = new Map<string, IndicatorRow[]>();
  for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  const items: string[] = [];
  for (const list of byUnit.values()) {
    const sorted = [...list].sort((a, b) => a.period.localeCompare(b.period));
    const [before, last] = sorted.slice(-2);
    if (!before || !last || last.suppressed || before.suppressed || last.value === null || before.value === null)
      continue;
    const d = last.value - before.value;
    const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '■';
    // a percent changes by percentage points
    const amount = unit === 'percent' ? `${formatNumber(Math.abs(d), 'vi', 1)} điểm %` : valueText(Math.abs(d), unit);
    const verb = d > 0 ? 'tăng' : d < 0 ? 'giảm' : 'không đổi';
    const direction = d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
    const values = `${valueText(before.value, unit)} → ${valueText(last.value, unit)}`;
    items.push(
      `<li><span aria-hidden="true" class="arrow arrow--${direction}">${arrow}</span> ` +
        `${esc(last.unit_name)}: ${esc(periodVi(last.period))} ${verb}${d !== 0 ? ` ${esc(amount)}` : ''} so với ` +
        `${esc(periodVi(before.period))} (${esc(values)})</li>`,
    );
  }
  return items.length ? `<ul class="changes">${items.slice(0, 12).join('')}</ul>` : '';
}

function indicatorPanel(p: PanelFrozen, rows: IndicatorRow[]): string {
  const unit = p.indicator?.unit ?? '';
  const milestone = p.indicator?.domain === 'milestones';
  const cols = ['Đơn vị', 'Kỳ', 'Giá trị', 'Tử số', 'Mẫu số'];
  const cell = (r: IndicatorRow, label: string, v: number | null, u: string, m = false) =>
    r.suppressed ? hiddenCell(label) : td(label, esc(valueText(v, u, m)), 'num');
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.unit_name)}</th>${td(cols[1], esc(periodVi(r.period)))}` +
        `${cell(r, cols[2], r.value, unit, milestone)}${cell(r, cols[3], r.numerator, 'count')}` +
        `${cell(r, cols[4], r.denominator, 'count')}</tr>`,
    )
    .join('');
  const sub = [p.indicator?.name_vi, p.unit_name, p.from && p.to ? periodVi(`${p.from}..${p.to}`) : '']
    .filter(Boolean)
    .join(' · ');
  const byUnit = p.by === 'unit' || new Set(rows.map((r) => r.unit)).size > 1;
  const visual = byUnit && p.by === 'unit' ? ranking(rows, unit, milestone) : changes(rows, unit, milestone);
  return (
    `<section aria-labelledby="${esc(p.id)}-h"><h2 id="${esc(p.id)}-h">${esc(p.title)}</h2>` +
    `<p class="sub">${esc(sub)}</p>${visual}\n` +
    `<table class="cards"><thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>` +
    `<tbody>${body}</tbody></table></section>`
  );
}

const CSS = `:root{font-family:'Noto Sans','Segoe UI',Roboto,Arial,sans-serif;color:#17202a;background:#f4f6f9;
line-height:1.45}
body{margin:0}*{box-sizing:border-box}.wrap{max-width:1200px;margin:0 auto;padding:16px 20px 32px}
.kicker{margin:0 0 4px;color:#4a5663;font-size:14px}h1{font-size:24px;margin:0 0 8px;line-height:1.25}
h2{font-size:18px;margin:0 0 2px}h3{font-size:15px;margin:12px 0 4px}
.sub,.foot,.note{color:#4a5663;font-size:14px}.sub{margin:0 0 10px}
.facts{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0 0 10px;font-size:14px}.facts div{display:flex;gap:6px}
.facts dt{color:#4a5663}.facts dd{margin:0;font-weight:600}
.badge{display:inline-block;background:#fff3cd;border:1px solid #b58a00;padding:1px 8px;border-radius:4px;
font-size:13px}
.links{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0 0}
.button{display:inline-block;background:#0b4f8a;color:#fff;border-radius:6px;padding:7px 14px;text-decoration:none;
font-weight:600}.button:hover,.button:focus{background:#093f6e}a{color:#0b4f8a}
a:focus-visible{outline:3px solid #e07b00;outline-offset:2px}
section,figure.view{background:#fff;border:1px solid #cfd7e1;border-radius:8px;padding:14px 16px;margin:16px 0}
figure.view{margin:16px 0}figure.view img{display:block;max-width:100%;height:auto;border:1px solid #cfd7e1}
figcaption{color:#4a5663;font-size:14px;margin:8px 0 0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #dde1e6;padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:#eef2f7;font-size:13px}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap}.hidden{color:#5b6570;font-style:italic}.tid{font-weight:700;color:#4a5663}
.status{display:inline-block;border-radius:10px;padding:0 8px;font-size:13px;font-weight:600;color:#fff;
background:#5f6670;white-space:nowrap}.status--met{background:#1a7f37}.status--on_track{background:#2a62bd}
.status--at_risk{background:#8a5a00}.status--missed{background:#b3261e}
.ranking{list-style:none;margin:4px 0 12px;padding:0;font-size:13px}
.ranking li{display:grid;grid-template-columns:2em minmax(8em,14em) 1fr 6em;gap:8px;align-items:center;padding:1px 0}
.ranking .rank{color:#4a5663;text-align:right}.ranking .bar{background:#eef2f7;height:12px;border-radius:2px}
.ranking .bar span{display:block;height:12px;background:#2f6db5;border-radius:2px}
.ranking .val{text-align:right;font-variant-numeric:tabular-nums}
.changes{margin:4px 0 12px;padding-left:1.2em;font-size:14px}.changes li{list-style:none;margin:2px 0}
.arrow--up{color:#1a7f37}.arrow--down{color:#b3261e}.arrow--flat{color:#5f6670}
code{font-size:12px;word-break:break-all}.foot{margin-top:20px}
@media (max-width:640px){.wrap{padding:12px}h1{font-size:20px}section,figure.view{padding:10px}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.cards,table.cards tbody,table.cards tr,table.cards th,table.cards td{display:block;width:100%}
table.cards tr{border-bottom:1px solid #cfd7e1;padding:6px 0}table.cards th,table.cards td{border:0;padding:1px 0}
table.cards td{display:flex;justify-content:space-between;gap:12px;text-align:right}
table.cards td::before{content:attr(data-label);color:#4a5663;text-align:left}
.ranking li{grid-template-columns:1.6em minmax(0,1fr) 5.5em}.ranking .bar{grid-column:2/4;order:5}}
@media print{body{background:#fff}.links{display:none}section,figure.view{border:0;padding:0}
thead{display:table-header-group}tr,figure.view{break-inside:avoid}}`;

export interface PictureView {
  /** a data: URL (the offline file) or this server's URL of the PNG */
  src: string;
  width: number;
  /** when the numbers of the page may differ from the picture (new data arrived while it was taken) */
  newerData: boolean;
}

export interface SnapshotPageOptions {
  /** the view's own screen, live (an app path; absolute in the offline file), or null when it is not a screen */
  live: string | null;
  /** the picture of the view, or why there is none */
  picture: PictureView | 'pending' | 'hidden' | null;
  /** the offline page itself: no link to download it */
  offline?: boolean;
}

function pictureBlock(spec: SnapshotSpec, picture: SnapshotPageOptions['picture']): string {
  if (picture === 'pending')
    return (
      '<p class="note" role="status">Ảnh màn hình lúc chụp đang được tạo; tải lại trang sau ít giây để xem. ' +
      'Số liệu bên dưới là số liệu đã chụp.</p>'
    );
  if (picture === 'hidden')
    return (
      '<p class="note">Ảnh màn hình lúc chụp không hiển thị với tài khoản của bạn: người chụp xem được nhiều ' +
      'đơn vị hơn phạm vi của bạn. Số liệu bên dưới là phần bạn được xem.</p>'
    );
  if (!picture) return '';
  return (
    `<figure class="view"><img src="${esc(picture.src)}" width="${picture.width}" ` +
    `alt="Màn hình «${esc(spec.title)}» lúc chụp, ${esc(dateTimeVi(spec.created_at))}: bản đồ, xếp hạng và ` +
    'thay đổi như đã hiển thị; số liệu của từng bảng ở bên dưới.">' +
    `<figcaption>Màn hình lúc chụp (${esc(dateTimeVi(spec.created_at))}, giờ Việt Nam).` +
    (picture.newerData
      ? ' Số liệu mới đến trong lúc chụp ảnh: ảnh có thể khác đôi chút với các bảng bên dưới, là số liệu đã chụp.'
      : '') +
    '</figcaption></figure>'
  );
}

export function snapshotHtml(spec: SnapshotSpec, data: Map<string, PanelData>, opts: SnapshotPageOptions): string {
  const panels = spec.panels
    .map((p) =>
      p.kind === 'targets'
        ? targetsPanel(p, data.get(p.id)?.targets ?? [])
        : p.kind === 'followup'
          ? followupPanel(p, data.get(p.id)?.followup)
          : indicatorPanel(p, data.get(p.id)?.rows ?? []),
    )
    .join('\n');
  const facts = [
    ['Đơn vị', snapshotUnits(spec).join(', ')],
    ['Số liệu đến ngày', dateVi(spec.data_date)],
    ['Chụp lúc', `${dateTimeVi(spec.created_at)} (giờ Việt Nam)`],
    ['Người chụp', spec.owner],
  ]
    .map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`)
    .join('');
  const links = [
    opts.live ? `<a class="button" href="${esc(opts.live)}">Mở màn hình trực tiếp (số liệu mới nhất)</a>` : '',
    opts.offline
      ? ''
      : `<a href="/api/snapshots/${esc(spec.id)}.html" download="ban-chup-${esc(spec.id)}.html">` +
        'Tải trang này (HTML, mở được khi không có mạng)</a>',
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; ` +
      `img-src data: 'self'">`,
    `<title>${esc(spec.title)} · Bản chụp số liệu</title><style>${CSS}</style></head><body><div class="wrap">`,
    '<header><p class="kicker">IOC Đề án 06 · Bản chụp số liệu: số liệu cố định tại lúc chụp, không cập nhật</p>',
    `<h1>${esc(spec.title)}</h1><dl class="facts">${facts}</dl>`,
    spec.generated
      ? '<p><span class="badge">Dữ liệu mô phỏng</span> <span class="note">số liệu do bộ sinh dữ liệu tạo ra để ' +
        'trình diễn, không phải số liệu thật.</span></p>'
      : '',
    links.length ? `<p class="links">${links.join(' ')}</p>` : '',
    '</header>',
    `<main>${pictureBlock(spec, opts.picture)}\n${panels}</main>`,
    spec.disclosure === 'cellkey'
      ? `<footer class="foot"><p>${esc(PERTURBATION_NOTE.vi)} <sup>*</sup> ${HIDDEN}: tỷ lệ có mẫu số dưới ` +
        `${spec.min_cell}. Các số giống hệt trên màn hình.</p>`
      : `<footer class="foot"><p><sup>*</sup> ${HIDDEN}: số đếm từ 1 đến ${spec.min_cell - 1} và tỷ lệ có mẫu số ` +
        `dưới ${spec.min_cell} được ẩn để bảo vệ thông tin cá nhân; ` +
        'một số ô khác được ẩn thêm để không thể tính ngược ô đã ẩn từ tổng. Các ô ẩn giống hệt trên màn hình.</p>',
    `<p>Mã bản chụp: <code>${esc(spec.id)}</code> · Phiên bản dữ liệu: ${spec.data_version} · ` +
      `SHA-256 của dữ liệu: <code>${esc(spec.sha256)}</code></p></footer>`,
    '</div></body></html>',
    '',
  ].join('\n');
}
