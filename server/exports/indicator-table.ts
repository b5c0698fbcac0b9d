// Builds the export table of one indicator answer (the rows the screen shows, suppression included)
// and its information sheet. Pure: the route runs the query and hands the answer in.
import type { IndicatorDef } from '../registry/index.ts';
import type { IndicatorAnswer } from '../indicators/service.ts';
import type { Meta } from '../contracts/common.ts';
import type { StoreInfo } from '../context.ts';
import {
  GRAINS,
  HEADERS,
  MEASURES,
  filterText,
  milestoneText,
  suppressedMark,
  suppressionRule,
  type Lang,
} from './labels.ts';
import {
  dayDate,
  monthDate,
  periodStart,
  type CellValue,
  type Column,
  type ExportTable,
  type InfoLine,
} from './table.ts';
import { infoTail, sourceText } from './info.ts';

export interface IndicatorExportInput {
  def: IndicatorDef;
  answer: IndicatorAnswer;
  unitName: string;
  filters: Record<string, string | number>;
  meta: Meta;
  info: StoreInfo;
  lang: Lang;
  created: Date;
}

/** Excel display format of a value: the 0–100 percent keeps its number and shows a % sign. */
export function valueFormat(measure: string): string {
  if (measure === 'percent') return '0.0" %"';
  if (measure === 'count' || measure === 'persons') return '#,##0';
  return '#,##0.0';
}

const RANGE_GRAINS = new Set(['unit', 'total']);

function periodColumns(by: string, lang: Lang): Column[] {
  const month = { kind: 'date', numFmt: 'mm/yyyy', csvDate: 'month', width: 12 } as const;
  if (RANGE_GRAINS.has(by))
    return [
      { header: HEADERS.period[lang], ...month },
      { header: HEADERS.period_to[lang], ...month },
    ];
  if (by === 'year')
    return [{ header: HEADERS.period[lang], kind: 'date', numFmt: 'yyyy', csvDate: 'year', width: 10 }];
  // A quarter is shown by its first month: Excel has no quarter format.
  return [{ header: HEADERS.period[lang], ...month }];
}

export function indicatorTable(input: IndicatorExportInput): ExportTable {
  const { def, answer, lang, meta } = input;
  const k = meta.min_cell;
  const range = RANGE_GRAINS.has(answer.by);
  // a milestone's value (1 reached, 0 not yet) reads in words, as on the app's tiles
  const milestone = def.domain === 'milestones';
  const columns: Column[] = [
    { header: HEADERS.unit_name[lang], kind: 'text', width: 28 },
    { header: HEADERS.unit[lang], kind: 'text', width: 12 },
    ...periodColumns(answer.by, lang),
    { header: HEADERS.value[lang], kind: 'number', numFmt: valueFormat(def.meta.unit), width: 12 },
    { header: HEADERS.numerator[lang], kind: 'number', numFmt: '#,##0', width: 12 },
    { header: HEADERS.denominator[lang], kind: 'number', numFmt: '#,##0', width: 12 },
    { header: HEADERS.suppressed[lang], kind: 'text', width: 14 },
    { header: HEADERS.last_month[lang], kind: 'date', numFmt: 'mm/yyyy', csvDate: 'month', width: 14 },
  ];
  const rows: CellValue[][] = answer.rows.map((r) => [
    r.unit_name,
    r.unit,
    ...(range ? [monthDate(answer.from), monthDate(answer.to)] : [monthDate(periodStart(r.period))]),
    milestone && r.value !== null ? milestoneText(r.value, lang) : r.value,
    r.numerator,
    r.denominator,
    suppressedMark(r.suppression ?? (r.suppressed ? 'primary' : null), k, lang) || null,
    monthDate(r.last_month),
  ]);
  return {
    sheet: lang === 'vi' ? 'Số liệu' : 'Data',
    columns,
    rows,
    infoSheet: lang === 'vi' ? 'Thông tin' : 'Information',
    info: indicatorInfo(input),
  };
}

function indicatorInfo({
  def,
  answer,
  unitName,
  filters,
  meta,
  info,
  lang,
  created,
}: IndicatorExportInput): InfoLine[] {
  const vi = lang === 'vi';
  const m = def.meta;
  const lines: InfoLine[] = [
    { label: vi ? 'Chỉ số' : 'Indicator', value: vi ? m.name_vi : m.name_en },
    { label: vi ? 'Tên tiếng Anh' : 'Vietnamese name', value: vi ? m.name_en : m.name_vi },
    { label: vi ? 'Mã chỉ số' : 'Indicator id', value: def.id },
    { label: vi ? 'Đơn vị tính' : 'Unit of measure', value: MEASURES[m.unit]?.[lang] ?? m.unit },
    { label: HEADERS.numerator[lang], value: m.numerator },
    { label: HEADERS.denominator[lang], value: m.denominator },
    { label: HEADERS.unit_name[lang], value: `${unitName} (${answer.unit})` },
    { label: vi ? 'Từ tháng' : 'From month', value: monthDate(answer.from), numFmt: 'mm/yyyy' },
    { label: vi ? 'Đến tháng' : 'To month', value: monthDate(answer.to), numFmt: 'mm/yyyy' },
    { label: vi ? 'Chi tiết' : 'Grain', value: GRAINS[answer.by]?.[lang] ?? answer.by },
    { label: vi ? 'Bộ lọc' : 'Filters', value: filterText(filters, lang) },
    {
      label: vi ? 'Số liệu đến ngày' : 'Data date',
      value: meta.data_date ? dayDate(meta.data_date) : null,
      numFmt: 'dd/mm/yyyy',
    },
    { label: vi ? 'Phiên bản dữ liệu' : 'Data version', value: meta.data_version },
    { label: vi ? 'Nguồn dữ liệu' : 'Source', value: sourceText(info, def.domain) },
  ];
  if (m.source) lines.push({ label: vi ? 'Định nghĩa theo' : 'Definition', value: m.source });
  if (answer.by === 'quarter')
    lines.push({
      label: vi ? 'Ghi chú về kỳ' : 'Period note',
      value: vi ? 'Mỗi quý được ghi bằng tháng đầu của quý.' : 'Each quarter is shown by its first month.',
    });
  return [
    ...lines,
    ...infoTail(meta, lang, created),
    {
      label: vi ? 'Quy tắc ẩn số liệu' : 'Suppression rule',
      value: suppressionRule(meta.min_cell, lang, def.meta.disclosure === 'none' ? 'exact' : meta.disclosure),
    },
  ];
}
