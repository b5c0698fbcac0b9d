// Builds the export table of a Decision 766 index answer (GET /api/index766): for each row of the answer (a unit
// or a month) a first "total" line (score, grade, points, maximum, rank), then one line per indicator (numerator,
// denominator, ratio, points, maximum, points lost, status), and its information sheet, the rules in words from
// server/index766/rules.ts. Pure.
import type { Index766Result } from '../index766/service.ts';
import type { Index766Status } from '../contracts/index766.ts';
import type { Meta } from '../contracts/common.ts';
import type { StoreInfo } from '../context.ts';
import { GRADES, INDICATORS, NO_DATA_RESCALE, RULES, round2, ruleText, type Grade } from '../index766/rules.ts';
import { HEADERS, suppressionRule, type Lang } from './labels.ts';
import { dayDate, type CellValue, type Column, type ExportTable, type InfoLine } from './table.ts';
import { infoTail, sourceText } from './info.ts';

export interface Index766ExportInput {
  answer: Index766Result;
  meta: Meta;
  info: StoreInfo;
  lang: Lang;
  created: Date;
}

type Words = { vi: string; en: string };

export const INDEX766_STATUSES: Record<Index766Status, Words> = {
  scored: { vi: 'Tính điểm', en: 'Scored' },
  no_data: { vi: 'Không có dữ liệu', en: 'No data' },
  not_scored: { vi: 'Theo dõi, không tính điểm', en: 'Tracked, not scored' },
  no_formula: { vi: 'Chưa có công thức công khai', en: 'No public formula' },
  withheld: { vi: 'Bị ẩn', en: 'Withheld' },
};

export const INDEX766_GRADES: Record<Grade, Words> = {
  excellent: { vi: 'Xuất sắc', en: 'Excellent' },
  good: { vi: 'Tốt', en: 'Good' },
  fair: { vi: 'Khá', en: 'Fair' },
  average: { vi: 'Trung bình', en: 'Average' },
  weak: { vi: 'Yếu', en: 'Weak' },
};

const COLUMN_HEADERS = {
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  name: { vi: 'Tên chỉ số', en: 'Indicator name' },
  group: { vi: 'Nhóm', en: 'Group' },
  ratio: { vi: 'Tỉ lệ (%; 2.2: ngày)', en: 'Ratio (%; 2.2: days)' },
  points: { vi: 'Điểm', en: 'Points' },
  max: { vi: 'Điểm tối đa', en: 'Maximum' },
  lost: { vi: 'Điểm bị mất', en: 'Points lost' },
  score: { vi: 'Điểm Chỉ số (/100)', en: 'Index score (/100)' },
  grade: { vi: 'Xếp loại', en: 'Grade' },
  rank: { vi: 'Thứ hạng', en: 'Rank' },
  of: { vi: 'Trên số đơn vị', en: 'Of units' },
} as const;

const TOTAL: Words = { vi: 'Tổng', en: 'Total' };

const pct = (x: number, lang: Lang) =>
  `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(x * 100)} %`;

/** The rules of the index in words, from rules.ts: points rules, no-data rescaling, rounding, grades, each rule. */
export function index766RuleLines(lang: Lang): InfoLine[] {
  const vi = lang === 'vi';
  const scored = INDICATORS.filter((r) => r.scored && r.formula);
  const linear = scored.filter((r) => r.rule.kind === 'linear').map((r) => r.id);
  const threshold = scored.flatMap((r) => (r.rule.kind === 'threshold' ? [`${r.id}: ${pct(r.rule.at, lang)}`] : []));
  const grades = GRADES.map((g, i) => {
    const name = INDEX766_GRADES[g.grade][lang];
    if (i === 0 || Number.isFinite(g.from)) return `${name} ≥ ${g.from}`;
    return `${name} < ${GRADES[i - 1].from}`;
  }).join('; ');
  return [
    {
      label: vi ? 'Quy tắc tuyến tính' : 'Linear rule',
      value: vi
        ? `Điểm = điểm tối đa × tỉ lệ (${linear.join(', ')})`
        : `Points = maximum × ratio (${linear.join(', ')})`,
    },
    {
      label: vi ? 'Quy tắc ngưỡng' : 'Threshold rule',
      value: vi
        ? `Đủ điểm khi tỉ lệ đạt ngưỡng, nếu không: điểm tối đa × tỉ lệ ÷ ngưỡng (${threshold.join('; ')})`
        : 'Full points at a ratio at or above the threshold, else maximum × ratio ÷ threshold ' +
          `(${threshold.join('; ')})`,
    },
    {
      label: vi ? 'Chỉ số không có dữ liệu' : 'Indicators without data',
      value: NO_DATA_RESCALE
        ? vi
          ? 'Không tính vào điểm và điểm tối đa; điểm Chỉ số được quy về thang 100 trên tổng điểm tối đa còn lại ' +
            '(theo cách làm của các công cụ địa phương).'
          : 'Left out of both the points and the maximum; the index score is rescaled to 100 over the maximum ' +
            'left (the practice of local tools).'
        : vi
          ? 'Tính 0 điểm trên điểm tối đa của chỉ số.'
          : 'Counted as 0 points of the indicator maximum.',
    },
    {
      label: vi ? 'Làm tròn' : 'Rounding',
      value: vi
        ? 'Điểm từng chỉ số, điểm nhóm, tổng điểm và điểm Chỉ số làm tròn 2 chữ số thập phân (nửa ra xa số 0).'
        : 'Indicator, group and total points and the index score are rounded to 2 decimals (half away from zero).',
    },
    { label: vi ? 'Xếp loại' : 'Grades', value: grades },
    ...INDICATORS.map((r) => ({
      label: `${vi ? 'Chỉ số' : 'Indicator'} ${r.id}`,
      value: `${vi ? r.name_vi : r.name_en}: ${ruleText(r)[lang]}`,
    })),
  ];
}

/** Ratios in percent (2.2 keeps its days); points and counts as the answer gives them. */
export function index766Table({ answer, meta, info, lang, created }: Index766ExportInput): ExportTable {
  const vi = lang === 'vi';
  const num = (header: Words, numFmt: string, width = 12): Column => ({
    header: header[lang],
    kind: 'number',
    numFmt,
    width,
  });
  const columns: Column[] = [
    { header: HEADERS.unit[lang], kind: 'text', width: 10 },
    { header: HEADERS.unit_name[lang], kind: 'text', width: 28 },
    { header: HEADERS.period[lang], kind: 'text', width: 10 },
    { header: COLUMN_HEADERS.indicator[lang], kind: 'text', width: 8 },
    { header: COLUMN_HEADERS.name[lang], kind: 'text', width: 50 },
    { header: COLUMN_HEADERS.group[lang], kind: 'text', width: 8 },
    num(HEADERS.numerator, '#,##0.##'),
    num(HEADERS.denominator, '#,##0.##'),
    num(COLUMN_HEADERS.ratio, '0.0'),
    num(COLUMN_HEADERS.points, '0.00', 10),
    num(COLUMN_HEADERS.max, '0.##', 10),
    num(COLUMN_HEADERS.lost, '0.00', 10),
    { header: HEADERS.status[lang], kind: 'text', width: 24 },
    num(COLUMN_HEADERS.score, '0.00'),
    { header: COLUMN_HEADERS.grade[lang], kind: 'text', width: 12 },
    num(COLUMN_HEADERS.rank, '0', 8),
    num(COLUMN_HEADERS.of, '0', 8),
  ];
  const defs = new Map(answer.indicators.map((d) => [d.id, d]));
  const rows: CellValue[][] = answer.rows.flatMap((r) => {
    const head = [r.unit, r.unit_name, r.period];
    const total: CellValue[] = [
      ...head,
      TOTAL[lang],
      vi ? 'Điểm Chỉ số 766' : 'Decision 766 index',
      null,
      null,
      null,
      null,
      r.points,
      r.max,
      r.points === null ? null : round2(r.max - r.points),
      null,
      r.score,
      r.grade ? INDEX766_GRADES[r.grade][lang] : null,
      r.rank,
      r.of,
    ];
    const lines = r.indicators.map((i): CellValue[] => {
      const def = defs.get(i.id);
      const days = RULES.get(i.id)?.unit === 'days';
      return [
        ...head,
        i.id,
        def ? (vi ? def.name_vi : def.name_en) : i.id,
        def?.group ?? null,
        i.numerator,
        i.denominator,
        i.ratio === null ? null : days ? i.ratio : i.ratio * 100,
        i.points,
        i.max,
        i.lost,
        INDEX766_STATUSES[i.status][lang],
        null,
        null,
        null,
        null,
      ];
    });
    return [total, ...lines];
  });
  const period = answer.from === answer.to ? answer.period : `${answer.period} (${answer.from} – ${answer.to})`;
  const lines: InfoLine[] = [
    {
      label: vi ? 'Bảng' : 'Table',
      value: vi
        ? 'Điểm Chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg, tính từ số liệu của đơn vị: ' +
          'mỗi đơn vị (hoặc tháng) một dòng "Tổng", rồi một dòng cho mỗi chỉ số'
        : 'Decision 766/QĐ-TTg service index, computed from the unit’s own data: for each unit (or month) a ' +
          '"Total" line, then one line per indicator',
    },
    { label: HEADERS.unit_name[lang], value: `${answer.unit_name} (${answer.unit})` },
    { label: HEADERS.period[lang], value: period },
    {
      label: vi ? 'Dòng' : 'Rows',
      value:
        answer.by === 'unit'
          ? vi
            ? 'đơn vị, rồi các đơn vị trực thuộc'
            : 'the unit, then its child units'
          : vi
            ? 'đơn vị, theo từng tháng'
            : 'the unit, month by month',
    },
    {
      label: vi ? 'Số liệu đến ngày' : 'Data date',
      value: meta.data_date ? dayDate(meta.data_date) : null,
      numFmt: 'dd/mm/yyyy',
    },
    { label: vi ? 'Phiên bản dữ liệu' : 'Data version', value: meta.data_version },
    { label: vi ? 'Nguồn dữ liệu' : 'Source', value: sourceText(info, 'index766') },
    ...index766RuleLines(lang),
    ...infoTail(meta, lang, created),
    {
      label: vi ? 'Quy tắc ẩn số liệu' : 'Suppression rule',
      value: suppressionRule(meta.min_cell, lang, meta.disclosure),
    },
  ];
  // A whole number under a "0.##" format would show a trailing separator ("1.234,"): counts read without decimals.
  const formats = rows.map((row) =>
    row.map((v, c) => {
      const f = columns[c].numFmt;
      return f?.endsWith('.##') && Number.isInteger(v) ? f.slice(0, -3) : null;
    }),
  );
  return {
    sheet: vi ? 'Chỉ số 766' : 'Index 766',
    columns,
    rows,
    formats,
    infoSheet: vi ? 'Thông tin' : 'Information',
    info: lines,
  };
}
