// The export tables of direction and follow-up (issue 21): the directives and the plan's tasks of a unit, as the
// screen "Nhiệm vụ" lists them (GET /api/directives, GET /api/tasks), with an information sheet. Pure.
import type { Meta } from '../contracts/common.ts';
import type { Directive, Task, WorkValue } from '../contracts/work.ts';
import type { StoreInfo } from '../context.ts';
import { STATUSES, workStatus, type Lang } from './labels.ts';
import { infoTail, sourceText } from './info.ts';
import { dayDate, type CellValue, type Column, type ExportTable, type InfoLine } from './table.ts';
import { valueFormat } from './indicator-table.ts';

export interface WorkExportInput {
  unit: string;
  unitName: string;
  /** today in Vietnam, the day overdue was judged on */
  today: string;
  meta: Meta;
  info: StoreInfo;
  lang: Lang;
  created: Date;
}

const H = {
  id: { vi: 'Số', en: 'No.' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  office: { vi: 'Cơ quan thực hiện', en: 'Office' },
  title: { vi: 'Nội dung chỉ đạo', en: 'Directive' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  due: { vi: 'Hạn', en: 'Due' },
  status: { vi: 'Trạng thái', en: 'Status' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  progress: { vi: 'Tiến độ (%)', en: 'Progress (%)' },
  expected: { vi: 'Kết quả mong đợi', en: 'Expected effect' },
  atIssue: { vi: 'Giá trị khi giao', en: 'Value at issue' },
  atIssueMonth: { vi: 'Tháng (khi giao)', en: 'Month (at issue)' },
  now: { vi: 'Giá trị nay', en: 'Value now' },
  nowMonth: { vi: 'Tháng (nay)', en: 'Month (now)' },
  issuedBy: { vi: 'Người giao', en: 'Issued by' },
  issuedAt: { vi: 'Ngày giao', en: 'Issued on' },
  taskId: { vi: 'Mã', en: 'Id' },
  section: { vi: 'Mục', en: 'Clause' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  lead: { vi: 'Chủ trì', en: 'Lead' },
  partners: { vi: 'Phối hợp', en: 'Partners' },
  deadline: { vi: 'Hạn', en: 'Deadline' },
  targets: { vi: 'Chỉ tiêu phục vụ (trạng thái)', en: 'Targets served (status)' },
  lastNote: { vi: 'Ghi chú gần nhất', en: 'Latest note' },
} as const;

const yes = (b: boolean, lang: Lang) => (b ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No');
/** A value as published: null when withheld (never 0), with its month. */
const valueOf = (v: WorkValue | null): CellValue => (v && !v.suppressed ? v.value : null);
/** The first day of the Vietnamese calendar day of an ISO instant (UTC+7). */
const vnDay = (iso: string): Date => dayDate(new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10));

function infoLines(input: WorkExportInput, table: { vi: string; en: string }, rule: { vi: string; en: string }) {
  const { lang, meta } = input;
  const vi = lang === 'vi';
  const lines: InfoLine[] = [
    { label: vi ? 'Bảng' : 'Table', value: table[lang] },
    { label: H.unit[lang], value: `${input.unitName} (${input.unit})` },
    { label: vi ? 'Quá hạn tính đến ngày' : 'Overdue as of', value: dayDate(input.today), numFmt: 'dd/mm/yyyy' },
    { label: vi ? 'Quy tắc' : 'Rule', value: rule[lang] },
    { label: vi ? 'Nguồn dữ liệu' : 'Source', value: sourceText(input.info, null) },
    ...infoTail(meta, lang, input.created),
  ];
  return lines;
}

export function directiveTable(input: WorkExportInput & { directives: Directive[] }): ExportTable {
  const { lang } = input;
  const vi = lang === 'vi';
  const day = { kind: 'date', numFmt: 'dd/mm/yyyy', csvDate: 'day', width: 12 } as const;
  const month = { kind: 'date', numFmt: 'mm/yyyy', csvDate: 'month', width: 12 } as const;
  const columns: Column[] = [
    { header: H.id[lang], kind: 'number', numFmt: '0', width: 6 },
    { header: H.unit[lang], kind: 'text', width: 20 },
    { header: H.office[lang], kind: 'text', width: 28 },
    { header: H.title[lang], kind: 'text', width: 50 },
    { header: H.indicator[lang], kind: 'text', width: 30 },
    { header: H.target[lang], kind: 'text', width: 8 },
    { header: H.due[lang], ...day },
    { header: H.status[lang], kind: 'text', width: 18 },
    { header: H.overdue[lang], kind: 'text', width: 8 },
    { header: H.progress[lang], kind: 'number', numFmt: '0', width: 10 },
    { header: H.expected[lang], kind: 'text', width: 36 },
    { header: H.atIssue[lang], kind: 'number', numFmt: '#,##0.0', width: 12 },
    { header: H.atIssueMonth[lang], ...month },
    { header: H.now[lang], kind: 'number', numFmt: '#,##0.0', width: 12 },
    { header: H.nowMonth[lang], ...month },
    { header: H.issuedBy[lang], kind: 'text', width: 24 },
    { header: H.issuedAt[lang], ...day },
  ];
  const monthOf = (v: WorkValue | null): CellValue => (v ? dayDate(`${v.month}-01`) : null);
  const rows: CellValue[][] = input.directives.map((d) => [
    d.id,
    d.unit_name,
    d.office_name,
    d.detail ? `${d.title}: ${d.detail}` : d.title,
    d.indicator ? ((vi ? d.indicator_title_vi : d.indicator_title_en) ?? d.indicator) : null,
    d.target_id,
    dayDate(d.due),
    workStatus(d.status, lang),
    yes(d.overdue, lang),
    d.progress,
    d.expected,
    valueOf(d.value_at_issue),
    monthOf(d.value_at_issue),
    valueOf(d.value_now),
    monthOf(d.value_now),
    d.issued_by_name,
    vnDay(d.issued_at),
  ]);
  // the values in the indicator's own measure (a count without decimals, a percent with one)
  const formats = input.directives.map((d) => {
    const f = d.measure ? valueFormat(d.measure) : null;
    return columns.map((_, i) => (i === 11 || i === 13 ? f : null));
  });
  const rule = {
    vi:
      'Quá hạn: chưa xong, chưa nghiệm thu, chưa thu hồi và hạn trước ngày hôm nay (giờ Việt Nam). Giá trị khi ' +
      'giao được giữ nguyên từ lúc giao; giá trị nay tính lại khi xuất. Ô trống: số liệu được ẩn hoặc chưa có.',
    en:
      'Overdue: not done, accepted nor withdrawn, and due before today (Vietnam time). The value at issue is kept ' +
      'from when it was issued; the value now is computed at export. Empty: withheld or no data.',
  };
  return {
    sheet: vi ? 'Chỉ đạo' : 'Directives',
    columns,
    rows,
    formats,
    infoSheet: vi ? 'Thông tin' : 'Information',
    info: infoLines(input, { vi: 'Chỉ đạo đã giao', en: 'Directives issued' }, rule),
  };
}

export function taskTable(input: WorkExportInput & { tasks: Task[] }): ExportTable {
  const { lang } = input;
  const vi = lang === 'vi';
  const columns: Column[] = [
    { header: H.taskId[lang], kind: 'text', width: 7 },
    { header: H.section[lang], kind: 'text', width: 10 },
    { header: H.unit[lang], kind: 'text', width: 18 },
    { header: H.task[lang], kind: 'text', width: 60 },
    { header: H.lead[lang], kind: 'text', width: 28 },
    { header: H.partners[lang], kind: 'text', width: 28 },
    { header: H.deadline[lang], kind: 'date', numFmt: 'dd/mm/yyyy', csvDate: 'day', width: 12 },
    { header: H.status[lang], kind: 'text', width: 16 },
    { header: H.progress[lang], kind: 'number', numFmt: '0', width: 10 },
    { header: H.targets[lang], kind: 'text', width: 36 },
    { header: H.lastNote[lang], kind: 'text', width: 40 },
  ];
  const names = (refs: Task['lead']) => refs.map((o) => o.name).join('; ') || null;
  const rows: CellValue[][] = input.tasks.map((t) => {
    const note = [...t.updates].reverse().find((u) => u.note)?.note ?? null;
    return [
      t.task_id,
      t.section,
      t.unit_name,
      vi ? t.title_vi : (t.title_en ?? t.title_vi),
      names(t.lead),
      names(t.partners),
      t.deadline ? dayDate(t.deadline) : null,
      workStatus(t.status, lang),
      t.progress,
      t.targets.map((x) => `${x.target_id} (${STATUSES[x.status]?.[lang] ?? x.status})`).join('; ') || null,
      note,
    ];
  });
  const rule = {
    vi:
      'Hoàn thành: cơ quan chủ trì báo xong. Quá hạn: chưa xong và hạn (của nhiệm vụ, nếu không thì hạn sớm nhất ' +
      'của các chỉ tiêu nó phục vụ) trước ngày hôm nay (giờ Việt Nam). Đang thực hiện: đã có báo cáo tiến độ.',
    en:
      "Done: the lead office said so. Overdue: not done and the deadline (the task's own, else the earliest of " +
      'the targets it serves) before today (Vietnam time). In progress: a progress report was made.',
  };
  return {
    sheet: vi ? 'Nhiệm vụ' : 'Tasks',
    columns,
    rows,
    infoSheet: vi ? 'Thông tin' : 'Information',
    info: infoLines(input, { vi: 'Nhiệm vụ của Kế hoạch', en: "The plan's tasks" }, rule),
  };
}
