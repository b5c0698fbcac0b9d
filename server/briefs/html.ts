// The leader's brief as one HTML document, printed to an A4 PDF by headless Chromium (server/export/render.ts
// renderDocument): the administrative format of Decree 30/2020/NĐ-CP (Appendix I): the issuing authority (the unit's
// People's Committee, under its superior), the number "Số: 12/BC-IOC", the national motto, the place and date line,
// the document type "BÁO CÁO" and its summary line, the body in numbered sections, and "Nơi nhận". Times New Roman,
// or its metric twin Liberation Serif where it is not installed, 13–14 pt; margins top and bottom 20 mm, left 30 mm,
// right 15 mm. Pure: the content and its summary in, a string out. Used by server/briefs/service.ts.
import type { BriefContent, BriefTarget } from '../contracts/briefs.ts';
import { escapeHtml as e, issuerOf, placeAndDate, placeName, TIMES_STACK, type Lang } from '../export/view-header.ts';
import { suppressionRule, workStatus } from '../exports/labels.ts';
import type { WorkValue } from '../contracts/work.ts';
import { formatDate, formatDelta, formatValue, periodLabel, statusText } from './text.ts';

/** Decree 30/2020's margins for a document on A4. */
export const BRIEF_MARGIN = { top: '20mm', bottom: '20mm', left: '30mm', right: '15mm' };

/** "Trang 2/3" at the bottom of every page after the first (Decree 30: page numbers centred in the bottom margin). */
export const briefFooter = (lang: Lang): string =>
  `<div style="font-family:${e(TIMES_STACK)};font-size:11pt;width:100%;text-align:center;padding:0 15mm 0 30mm">` +
  `${lang === 'en' ? 'Page' : 'Trang'} <span class="pageNumber"></span>/<span class="totalPages"></span></div>`;

export interface BriefDocument {
  content: BriefContent;
  lang: Lang;
  /** "12/BC-IOC" */
  number: string;
  /** when it was made (the date line: that day in Vietnam) */
  date: Date;
  /** the summary paragraph (server/briefs/text.ts summarize) */
  summary: string;
  /** the unit's and its parent's English names, when the store has them */
  names: { unit_en: string | null; parent_en: string | null };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

const CSS = `
@page { size: A4; }
body { font-family: ${TIMES_STACK}; font-size: 13pt; line-height: 1.35; color: #000; margin: 0; }
p { margin: 0 0 6pt; text-align: justify; }
.heading { width: 100%; border-collapse: collapse; margin-bottom: 14pt; }
.heading td { vertical-align: top; text-align: center; padding: 0; border: 0; }
.heading .org { width: 40%; font-size: 13pt; }
.heading .nation { width: 60%; }
.heading p { text-align: center; margin: 0; }
.superior { text-transform: uppercase; }
.issuer { font-weight: bold; text-transform: uppercase; }
.state { font-weight: bold; font-size: 12.5pt; }
.motto { font-weight: bold; font-size: 13.5pt; }
.rule { display: block; border-top: 0.8pt solid #000; margin: 2pt auto 6pt; }
.org .rule { width: 30%; }
.nation .rule { width: 52%; }
.number { font-size: 13pt; }
.date { font-style: italic; font-size: 13.5pt; }
.doctype { text-align: center; font-weight: bold; font-size: 14pt; margin: 10pt 0 0; }
.subject { text-align: center; font-weight: bold; font-size: 14pt; margin: 0; }
.subject + .rule { width: 25%; margin: 3pt auto 12pt; }
h2 { font-size: 13pt; font-weight: bold; margin: 12pt 0 4pt; break-after: avoid; }
table.data { width: 100%; border-collapse: collapse; font-size: 11.5pt; margin: 2pt 0 8pt; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data th.num { white-space: nowrap; }
table.data tr { break-inside: avoid; }
thead { display: table-header-group; }
.note { font-size: 11.5pt; }
ul.legend { list-style: none; padding: 0; margin: 0 0 8pt; font-size: 11.5pt; }
.generated { font-size: 11.5pt; font-weight: bold; }
.closing { width: 100%; border-collapse: collapse; margin-top: 16pt; break-inside: avoid; }
.closing td { vertical-align: top; border: 0; padding: 0; font-size: 11pt; }
.closing .recipients { width: 50%; }
.closing .recipients b { font-style: italic; font-size: 12pt; }
.closing .sign { width: 50%; text-align: center; font-size: 13pt; }
`;

interface Words {
  [key: string]: string;
}

const WORDS: Record<Lang, Words> = {
  vi: {
    doctype: 'BÁO CÁO',
    subject: 'Tình hình thực hiện Đề án 06',
    summary: 'TÓM TẮT',
    changed: 'CHỈ TIÊU THAY ĐỔI TRẠNG THÁI',
    noneChanged: 'Không có chỉ tiêu nào thay đổi trạng thái so với',
    risk: 'CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT',
    noneRisk: 'Không có chỉ tiêu nào có nguy cơ không đạt.',
    lagging: 'ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU',
    noneLagging: 'Không có đơn vị nào dưới chỉ tiêu trong các chỉ tiêu đang chậm.',
    index: 'CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THEO QUYẾT ĐỊNH SỐ 766/QĐ-TTg',
    noIndex: 'Kho dữ liệu chưa có số liệu để tính chỉ số này.',
    figures: 'SỐ LIỆU CHÍNH',
    sources: 'NGUỒN SỐ LIỆU VÀ BẢO VỆ DỮ LIỆU CÁ NHÂN',
    followup: 'CHỈ ĐẠO VÀ NHIỆM VỤ QUÁ HẠN',
    followupCounts:
      'Tính đến ngày {today}: {od} chỉ đạo quá hạn trong {open} chỉ đạo đang mở, {ot} nhiệm vụ quá hạn. ' +
      'Trong kỳ: giao {issued} chỉ đạo, {done} chỉ đạo đã xong.',
    directive: 'Chỉ đạo',
    office: 'Cơ quan',
    status: 'Trạng thái',
    atIssue: 'Khi giao',
    lead: 'Cơ quan chủ trì',
    overdueTasks: 'Nhiệm vụ quá hạn',
    taskIds: 'Mã nhiệm vụ',
    target: 'Chỉ tiêu',
    before: 'Trạng thái trước',
    now: 'Trạng thái nay',
    value: 'Giá trị',
    goal: 'Mục tiêu',
    deadline: 'Hạn',
    forecast: 'Dự báo đến hạn',
    pace: 'Cần mỗi tháng',
    unit: 'Đơn vị',
    figure: 'Chỉ số',
    month: 'Tháng',
    previous: 'Tháng trước',
    change: 'Thay đổi',
    score: 'Điểm',
    losses: 'Mất điểm nhiều nhất',
    dataDate: 'Số liệu đến ngày',
    recipients: 'Nơi nhận:',
    automatic: 'Báo cáo do hệ thống IOC tự tổng hợp từ số liệu; không thay thế văn bản có chữ ký.',
    withheld: 'ẩn',
    met: 'đạt',
    noValue: 'chưa có',
    partial: 'chưa hết tháng',
  },
  en: {
    doctype: 'REPORT',
    subject: 'Progress of the Đề án 06 plan',
    summary: 'SUMMARY',
    changed: 'TARGETS WHOSE STATUS CHANGED',
    noneChanged: 'No target changed status since',
    risk: 'TARGETS AT RISK',
    noneRisk: 'No target is at risk.',
    lagging: 'UNITS BELOW THEIR TARGET',
    noneLagging: 'No unit is below target on the targets that lag.',
    index: 'SERVICE INDEX FOR CITIZENS AND BUSINESSES (Decision No. 766/QĐ-TTg)',
    noIndex: 'The store has no data to compute this index.',
    figures: 'KEY FIGURES',
    sources: 'DATA SOURCES AND PROTECTION OF PERSONAL DATA',
    followup: 'OVERDUE DIRECTIVES AND TASKS',
    followupCounts:
      'As of {today}: {od} of {open} open directives overdue, {ot} tasks overdue. ' +
      'In the period: {issued} directives issued, {done} done.',
    directive: 'Directive',
    office: 'Office',
    status: 'Status',
    atIssue: 'At issue',
    lead: 'Lead office',
    overdueTasks: 'Overdue tasks',
    taskIds: 'Task ids',
    target: 'Target',
    before: 'Status before',
    now: 'Status now',
    value: 'Value',
    goal: 'Goal',
    deadline: 'Deadline',
    forecast: 'Forecast at deadline',
    pace: 'Needed per month',
    unit: 'Unit',
    figure: 'Figure',
    month: 'Month',
    previous: 'Month before',
    change: 'Change',
    score: 'Score',
    losses: 'Biggest losses',
    dataDate: 'Data as of',
    recipients: 'Recipients:',
    automatic: 'Report compiled by the IOC from its data; it does not replace a signed document.',
    withheld: 'withheld',
    met: 'met',
    noValue: 'no data',
    partial: 'month in progress',
  },
};

const title = (x: { title_vi: string; title_en: string }, lang: Lang) => (lang === 'en' ? x.title_en : x.title_vi);

function goal(t: Pick<BriefTarget, 'comparator' | 'target' | 'measure'>, lang: Lang): string {
  const sign = t.comparator === '<=' ? '≤ ' : t.comparator === '>=' ? '≥ ' : '';
  return `${sign}${formatValue(t.target, t.measure, lang)}`;
}

const table = (head: string[], rows: string[][], numeric: number[]): string =>
  `<table class="data"><thead><tr>${head
    // a short heading over numbers stays on one line; a long one wraps, leaving the titles their room
    .map((h, i) => `<th${numeric.includes(i) && h.length <= 10 ? ' class="num"' : ''}>${e(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/**
 * The children below target as one row per child and one column per indicator, numbered (1), (2), (3) with their
 * titles and goals under the table: a child's value where it misses the goal, "đạt" where it does not. Children
 * missing the most goals first, then by name.
 */
function laggingTable(c: BriefContent, lang: Lang): string {
  const w = WORDS[lang];
  const indicators = [...new Map(c.lagging.map((l) => [l.indicator, l])).values()];
  const units = [...new Map(c.lagging.map((l) => [l.unit, l.name])).entries()];
  const miss = (unit: string) => c.lagging.filter((l) => l.unit === unit);
  units.sort(([a, an], [b, bn]) => miss(b).length - miss(a).length || an.localeCompare(bn, 'vi'));
  const rows = units.map(([unit, name]) => [
    name,
    ...indicators.map((i) => {
      const l = c.lagging.find((x) => x.unit === unit && x.indicator === i.indicator);
      return l ? (l.value === null ? w.noValue : formatValue(l.value, l.measure, lang)) : w.met;
    }),
  ]);
  const head = [w.unit, ...indicators.map((_, k) => `(${k + 1})`)];
  const legend = indicators
    .map((i, k) => `<li>(${k + 1}) ${e(title(i, lang))}: ${e(w.goal.toLocaleLowerCase(lang))} ${e(goal(i, lang))}</li>`)
    .join('');
  return `${table(
    head,
    rows,
    indicators.map((_, k) => k + 1),
  )}<ul class="legend">${legend}</ul>`;
}

/** A directive's indicator value at issue or now: withheld as such, never 0. */
function workCell(v: WorkValue | null, measure: string | null, lang: Lang): string {
  if (!v) return '';
  if (v.suppressed) return WORDS[lang].withheld;
  return v.value === null ? WORDS[lang].noValue : formatValue(v.value, measure ?? 'count', lang);
}

/** Overdue directives and tasks (issue 21) with the period's counts. */
function followupSection(c: BriefContent, lang: Lang): string {
  const w = WORDS[lang];
  const f = c.followup!;
  const counts = w.followupCounts
    .replace('{today}', formatDate(f.today, lang))
    .replace('{od}', String(f.counts.overdue_directives))
    .replace('{open}', String(f.counts.open_directives))
    .replace('{ot}', String(f.counts.overdue_tasks))
    .replace('{issued}', String(f.counts.issued))
    .replace('{done}', String(f.counts.done));
  const directives = f.overdue_directives.length
    ? table(
        [w.directive, w.office, w.deadline, w.status, w.atIssue, w.now],
        f.overdue_directives.map((d) => [
          `${d.id}. ${d.title}`,
          d.office_name,
          formatDate(d.due, lang),
          workStatus(d.status, lang),
          workCell(d.value_at_issue, d.measure, lang),
          workCell(d.value_now, d.measure, lang),
        ]),
        [4, 5],
      )
    : '';
  // overdue tasks by lead office: how many, and which (a plan has dozens; the screen lists them)
  const byOffice = new Map<string, string[]>();
  for (const t of f.overdue_tasks)
    for (const o of t.lead.length ? t.lead : [{ office_id: null, name: '–' }])
      byOffice.set(o.name, [...(byOffice.get(o.name) ?? []), t.task_id]);
  const tasks = byOffice.size
    ? table(
        [w.lead, w.overdueTasks, w.taskIds],
        [...byOffice]
          .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b, 'vi'))
          .map(([name, ids]) => [name, String(ids.length), ids.join(', ')]),
        [1],
      )
    : '';
  return `<p>${e(counts)}</p>${directives}${tasks}`;
}

/** The whole document. */
export function briefHtml(doc: BriefDocument): string {
  const { content: c, lang } = doc;
  const w = WORDS[lang];
  const unitName = lang === 'en' && doc.names.unit_en ? doc.names.unit_en : c.unit_name;
  const period = lang === 'en' ? c.period.label_en : c.period.label_vi;
  const previous = lang === 'en' ? c.previous_period.label_en : c.previous_period.label_vi;
  const sections: [string, string][] = [];

  sections.push([w.summary, `<p>${e(doc.summary)}</p>`]);

  const changed = c.targets.filter((t) => t.previous_status !== null && t.previous_status !== t.status);
  sections.push([
    w.changed,
    changed.length === 0
      ? `<p>${e(`${w.noneChanged} ${previous}.`)}</p>`
      : table(
          [w.target, w.before, w.now, w.value],
          changed.map((t) => [
            title(t, lang),
            statusText(t.previous_status!, lang),
            statusText(t.status, lang),
            cell(t.value, t.measure, t.status === 'suppressed', lang),
          ]),
          [3],
        ),
  ]);

  const risky = c.targets.filter((t) => t.status === 'at_risk');
  sections.push([
    w.risk,
    risky.length === 0
      ? `<p>${e(w.noneRisk)}</p>`
      : table(
          [w.target, w.value, w.goal, w.deadline, w.forecast, w.pace],
          risky.map((t) => [
            title(t, lang),
            cell(t.value, t.measure, false, lang),
            goal(t, lang),
            formatDate(t.deadline, lang),
            cell(t.forecast_at_deadline, t.measure, false, lang),
            t.pace_needed === null ? '' : formatDelta(t.pace_needed, t.measure, lang),
          ]),
          [1, 2, 4, 5],
        ),
  ]);

  if (c.level !== 'commune')
    sections.push([w.lagging, c.lagging.length === 0 ? `<p>${e(w.noneLagging)}</p>` : laggingTable(c, lang)]);

  const idx = c.index766;
  const score = idx && (idx.score === null ? w.noValue : formatValue(idx.score, 'points', lang));
  const moved =
    idx && idx.score !== null && idx.previous !== null
      ? ` (${formatDelta(idx.score - idx.previous, 'points', lang)} ${lang === 'en' ? 'on' : 'so với'} ${previous})`
      : '';
  sections.push([
    w.index,
    !idx
      ? `<p>${e(w.noIndex)}</p>`
      : `<p>${e(`${w.score} ${periodLabel(idx.period, c, lang)}: ${score}${moved}.`)}</p>${
          idx.losses.length > 0
            ? `<p>${e(w.losses)}:</p><ul>${idx.losses
                .map((l) => `<li>${e(lang === 'en' ? l.text_en : l.text_vi)}</li>`)
                .join('')}</ul>`
            : ''
        }`,
  ]);

  sections.push([
    w.figures,
    table(
      [w.figure, w.month, w.value, w.previous, w.change],
      c.figures.map((f) => {
        const comparable = f.value !== null && f.previous !== null && !(f.partial && f.measure !== 'percent');
        return [
          title(f, lang),
          `${f.month.slice(5)}/${f.month.slice(0, 4)}${f.partial ? ` (${w.partial})` : ''}`,
          cell(f.value, f.measure, f.suppressed && f.value === null, lang),
          cell(f.previous, f.measure, f.suppressed && f.previous === null, lang),
          comparable ? formatDelta(f.value! - f.previous!, f.measure, lang) : '',
        ];
      }),
      [2, 3, 4],
    ),
  ]);

  if (c.followup) sections.push([w.followup, followupSection(c, lang)]);

  const rule = suppressionRule(c.min_cell, lang, c.disclosure);
  sections.push([
    w.sources,
    `<p class="note">${e(`${w.dataDate} ${formatDate(c.data_date, lang)}.`)} ${e(rule)}</p>${
      c.generated
        ? `<p class="generated">${e(
            lang === 'en'
              ? 'Simulated data: figures made by the demo generator, not real data.'
              : 'Dữ liệu mô phỏng: số liệu do bộ sinh dữ liệu tạo ra để trình diễn, không phải số liệu thật.',
          )}</p>`
        : ''
    }`,
  ]);

  const issuer = issuerOf({ name: c.unit_name, name_en: doc.names.unit_en }, lang);
  const superior = c.parent_name ? issuerOf({ name: c.parent_name, name_en: doc.names.parent_en }, lang) : '';
  const body = sections.map(([h, html], i) => `<h2>${ROMAN[i]}. ${e(h)}</h2>${html}`).join('');
  const org =
    `${superior ? `<p class="superior">${e(superior)}</p>` : ''}<p class="issuer">${e(issuer)}</p>` +
    `<span class="rule"></span><p class="number">${lang === 'en' ? 'No.' : 'Số:'} ${e(doc.number)}</p>`;
  const nation =
    '<p class="state">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class="motto">Độc lập - Tự do - Hạnh phúc</p>' +
    `<span class="rule"></span><p class="date">${e(placeAndDate(placeName(c.unit_name), doc.date, lang))}</p>`;
  const filed = lang === 'en' ? 'Filed: IOC' : 'Lưu: VT, IOC';
  const recipients = `<b>${e(w.recipients)}</b><br>- ${e(unitName)};<br>- ${filed}.`;
  const sign = `<b>${e(lang === 'en' ? 'IOC' : 'HỆ THỐNG IOC')}</b><br><i>${e(w.automatic)}</i>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${e(`${w.doctype} ${period} — ${unitName}`)}</title>
<style>${CSS}</style></head><body>
<table class="heading"><tr><td class="org">${org}</td><td class="nation">${nation}</td></tr></table>
<p class="doctype">${e(w.doctype)}</p>
<p class="subject">${e(`${w.subject} ${period}`)}</p><span class="rule"></span>
${body}
<table class="closing"><tr><td class="recipients">${recipients}</td><td class="sign">${sign}</td></tr></table>
</body></html>`;

  function cell(value: number | null, measure: string, withheld: boolean, l: Lang): string {
    if (withheld) return w.withheld;
    return value === null ? w.noValue : formatValue(value, measure, l);
  }
}
