// Builds the export table of the plan's targets for one unit (as the targets screen shows them: status,
// forecast at the deadline, 80 % range and probability of one outlook; suppressed values empty) and its
// information sheet. Pure.
import type { TargetAnswer } from '../targets/service.ts';
import type { Meta } from '../contracts/common.ts';
import type { StoreInfo } from '../context.ts';
import { HEADERS, MEASURES, STATUSES, milestoneText, suppressionRule, type Lang } from './labels.ts';
import { valueFormat } from './indicator-table.ts';
import { dayDate, monthDate, type CellValue, type Column, type ExportTable } from './table.ts';
import { infoTail, sourceText } from './info.ts';

export interface TargetExportInput {
  unit: string;
  unitName: string;
  targets: TargetAnswer[];
  meta: Meta;
  info: StoreInfo;
  lang: Lang;
  created: Date;
}

const COMPARATORS: Record<string, { vi: string; en: string }> = {
  '>=': { vi: '≥', en: '≥' },
  '<=': { vi: '≤', en: '≤' },
  done: { vi: 'hoàn thành', en: 'done' },
};

const OUTLOOK_HEADERS = {
  forecast: { vi: 'Dự báo tại hạn', en: 'Forecast at deadline' },
  lo80: { vi: 'Khoảng 80 % từ', en: '80 % range from' },
  hi80: { vi: 'Khoảng 80 % đến', en: '80 % range to' },
  probability: { vi: 'Xác suất đạt (%)', en: 'Probability of meeting (%)' },
} as const;

/**
 * Value, target and forecast keep their numbers, each shown in its target's measure (a count without decimals,
 * a percent with one); a milestone reads "Đã hoàn thành" / "Chưa hoàn thành" as on the app's tiles.
 */
export function targetTable({ unit, unitName, targets, meta, info, lang, created }: TargetExportInput): ExportTable {
  const vi = lang === 'vi';
  const columns: Column[] = [
    { header: HEADERS.target_id[lang], kind: 'text', width: 10 },
    { header: HEADERS.title[lang], kind: 'text', width: 60 },
    { header: HEADERS.indicator[lang], kind: 'text', width: 30 },
    { header: HEADERS.value[lang], kind: 'number', numFmt: '#,##0.0', width: 10 },
    { header: HEADERS.comparator[lang], kind: 'text', width: 10 },
    { header: HEADERS.target[lang], kind: 'number', numFmt: '#,##0.0', width: 10 },
    { header: HEADERS.measure[lang], kind: 'text', width: 16 },
    { header: HEADERS.deadline[lang], kind: 'date', numFmt: 'dd/mm/yyyy', csvDate: 'day', width: 12 },
    { header: HEADERS.status[lang], kind: 'text', width: 16 },
    { header: HEADERS.value_month[lang], kind: 'date', numFmt: 'mm/yyyy', csvDate: 'month', width: 12 },
    { header: OUTLOOK_HEADERS.forecast[lang], kind: 'number', numFmt: '#,##0.0', width: 14 },
    { header: OUTLOOK_HEADERS.lo80[lang], kind: 'number', numFmt: '#,##0.0', width: 14 },
    { header: OUTLOOK_HEADERS.hi80[lang], kind: 'number', numFmt: '#,##0.0', width: 14 },
    { header: OUTLOOK_HEADERS.probability[lang], kind: 'number', numFmt: '0', width: 12 },
  ];
  const rows: CellValue[][] = targets.map((t) => {
    const milestone = t.unit === 'milestone' || t.comparator === 'done';
    const shown = (v: number | null) => (v === null ? null : milestone ? milestoneText(v, lang) : v);
    return [
      t.target_id,
      vi ? t.title_vi : t.title_en,
      t.indicator,
      t.suppressed ? null : shown(t.value),
      milestone ? null : (COMPARATORS[t.comparator]?.[lang] ?? t.comparator),
      shown(t.target),
      MEASURES[t.unit]?.[lang] ?? t.unit,
      dayDate(t.deadline),
      STATUSES[t.status]?.[lang] ?? t.status,
      t.value_month ? monthDate(t.value_month) : null,
      t.forecast_at_deadline,
      t.lo80,
      t.hi80,
      t.probability === null ? null : Math.round(t.probability * 100),
    ];
  });
  // the value, target and forecast columns (3, 5, 10–12) in the target's own measure
  const formats = targets.map((t) => {
    const f = valueFormat(t.unit);
    return [null, null, null, f, null, f, null, null, null, null, f, f, f, null];
  });
  const lines = [
    {
      label: vi ? 'Bảng' : 'Table',
      value: vi ? 'Chỉ tiêu của Đề án 06 cho đơn vị' : 'Targets of the Đề án 06 plan for the unit',
    },
    { label: HEADERS.unit_name[lang], value: `${unitName} (${unit})` },
    {
      label: vi ? 'Số liệu đến ngày' : 'Data date',
      value: meta.data_date ? dayDate(meta.data_date) : null,
      numFmt: 'dd/mm/yyyy',
    },
    { label: vi ? 'Phiên bản dữ liệu' : 'Data version', value: meta.data_version },
    { label: vi ? 'Nguồn dữ liệu' : 'Source', value: sourceText(info, null) },
    {
      label: vi ? 'Tình trạng' : 'Status',
      value: vi
        ? 'Đạt / Không đạt khi đã qua hạn. Trước hạn, theo dự báo tại hạn: Đúng tiến độ khi xác suất đạt ' +
          'từ 50 % trở lên (Đạt nếu giá trị hiện nay đã đạt), Có nguy cơ khi dưới 50 %. ' +
          'Dự báo: san bằng hàm mũ có xu hướng tắt dần.'
        : 'Met / missed once the deadline has passed. Before it, from the forecast at the deadline: on track ' +
          'when the probability of meeting the target is 50 % or more (met if the value already meets it), ' +
          'at risk below 50 %. Forecast: damped-trend exponential smoothing.',
    },
    ...infoTail(meta, lang, created),
    {
      label: vi ? 'Quy tắc ẩn số liệu' : 'Suppression rule',
      value: suppressionRule(meta.min_cell, lang, meta.disclosure),
    },
  ];
  return {
    sheet: vi ? 'Chỉ tiêu' : 'Targets',
    columns,
    rows,
    formats,
    infoSheet: vi ? 'Thông tin' : 'Information',
    info: lines,
  };
}
