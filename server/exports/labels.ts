// Vietnamese and English labels of the export files: headers, units of measure, grains, filters,
// target statuses and the suppression rule (the same wording as the web app's legend).
import { isFilterName, type FilterName } from '../registry/filter-defs.ts';
import workMessages from '../../web/src/i18n/messages/work.ts';

export type Lang = 'vi' | 'en';

export const HEADERS = {
  unit_name: { vi: 'Đơn vị', en: 'Unit' },
  unit: { vi: 'Mã đơn vị', en: 'Unit code' },
  period: { vi: 'Kỳ', en: 'Period' },
  period_to: { vi: 'Đến kỳ', en: 'Period to' },
  last_month: { vi: 'Tháng có số liệu cuối', en: 'Last month with data' },
  value: { vi: 'Giá trị', en: 'Value' },
  numerator: { vi: 'Tử số', en: 'Numerator' },
  denominator: { vi: 'Mẫu số', en: 'Denominator' },
  suppressed: { vi: 'Bị ẩn', en: 'Suppressed' },
  target_id: { vi: 'Mã chỉ tiêu', en: 'Target' },
  title: { vi: 'Chỉ tiêu', en: 'Title' },
  indicator: { vi: 'Mã chỉ số', en: 'Indicator' },
  comparator: { vi: 'So sánh', en: 'Comparator' },
  target: { vi: 'Mục tiêu', en: 'Target value' },
  measure: { vi: 'Đơn vị tính', en: 'Unit of measure' },
  deadline: { vi: 'Hạn', en: 'Deadline' },
  status: { vi: 'Tình trạng', en: 'Status' },
  value_month: { vi: 'Tháng số liệu', en: 'Data month' },
} as const;

export const MEASURES: Record<string, { vi: string; en: string }> = {
  percent: { vi: 'phần trăm (%)', en: 'percent (%)' },
  count: { vi: 'số lượng', en: 'count' },
  persons: { vi: 'người', en: 'persons' },
  persons_per_km2: { vi: 'người/km²', en: 'persons per km²' },
  ratio_per_100: { vi: 'trên 100', en: 'per 100' },
  days: { vi: 'ngày', en: 'days' },
  milestone: { vi: 'mốc hoàn thành', en: 'milestone' },
};

export const GRAINS: Record<string, { vi: string; en: string }> = {
  month: { vi: 'theo tháng', en: 'by month' },
  quarter: { vi: 'theo quý', en: 'by quarter' },
  year: { vi: 'theo năm', en: 'by year' },
  unit: { vi: 'theo đơn vị trực thuộc, cả khoảng thời gian', en: 'by child unit, over the whole period' },
  total: { vi: 'tổng của đơn vị, cả khoảng thời gian', en: 'the unit itself, over the whole period' },
};

/** A label for every filter of the registry's list (a new filter without one does not compile). */
export const FILTERS: Record<FilterName, { vi: string; en: string; values?: Record<string, [string, string]> }> = {
  sex: { vi: 'Giới tính', en: 'Sex', values: { M: ['Nam', 'Male'], F: ['Nữ', 'Female'] } },
  age_min: { vi: 'Tuổi từ', en: 'Age from' },
  age_max: { vi: 'Tuổi đến', en: 'Age to' },
  residence: {
    vi: 'Cư trú',
    en: 'Residence',
    values: { permanent: ['thường trú', 'permanent'], temporary: ['tạm trú', 'temporary'] },
  },
  procedure_level: {
    vi: 'Cấp thủ tục',
    en: 'Procedure level',
    values: { commune: ['cấp xã', 'commune'], district: ['cấp huyện', 'district'] },
  },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  channel: {
    vi: 'Kênh nộp',
    en: 'Channel',
    values: {
      online: ['trực tuyến', 'online'],
      counter: ['tại quầy', 'at the counter'],
      post: ['bưu chính', 'by post'],
    },
  },
};

/** A milestone's value in words, as the app's tiles say it (web/src/i18n/messages/common.ts milestone.*). */
export const MILESTONE = {
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  pending: { vi: 'Chưa hoàn thành', en: 'Not done' },
} as const;

export const milestoneText = (value: number, lang: Lang): string =>
  (value >= 1 ? MILESTONE.done : MILESTONE.pending)[lang];

export const STATUSES: Record<string, { vi: string; en: string }> = {
  met: { vi: 'Đạt', en: 'Met' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  missed: { vi: 'Không đạt', en: 'Missed' },
  no_data: { vi: 'Chưa có dữ liệu', en: 'No data' },
  suppressed: { vi: 'Đã ẩn', en: 'Hidden' },
};

/**
 * A directive's or a task's status (issue 21) in documents the server makes (exports, the brief, a snapshot's page):
 * the screen's own words (web/src/i18n/messages/work.ts), so a file says what the screen said.
 */
export const workStatus = (status: string, lang: Lang): string => workMessages[lang][`work.status.${status}`] ?? status;

/** The mark of a withheld cell: never a 0, never a value. */
export function suppressedMark(
  reason: 'primary' | 'complementary' | 'small_base' | null,
  k: number,
  lang: Lang,
): string {
  if (reason === null) return '';
  if (reason === 'primary') return lang === 'vi' ? `ẩn (< ${k})` : `hidden (< ${k})`;
  if (reason === 'small_base') return lang === 'vi' ? `ẩn (mẫu số < ${k})` : `withheld (base < ${k})`;
  return lang === 'vi' ? 'ẩn (ẩn kèm)' : 'hidden (complementary)';
}

/** The note every export and snapshot of perturbed figures carries (docs/disclosure.md). */
export const PERTURBATION_NOTE = {
  vi:
    'Số liệu đã được làm nhiễu nhẹ để bảo vệ dữ liệu cá nhân: mỗi số đếm được cộng hoặc trừ vài đơn vị theo một ' +
    'bảng cố định (cùng một ô luôn cho cùng một số), nên tổng có thể lệch vài đơn vị so với tổng các phần; ' +
    'số 1 và 2 không bao giờ được công bố.',
  en:
    'Figures carry a small fixed perturbation to protect personal data: each count is moved up or down by a few ' +
    'units by a fixed table (the same cell always gives the same number), so a total may differ by a few units ' +
    'from the sum of its parts; 1 and 2 are never published.',
} as const;

/** The disclosure rule of an answer, as exports state it. */
export function suppressionRule(k: number, lang: Lang, method: 'cellkey' | 'suppress' | 'exact' = 'suppress'): string {
  if (method === 'exact') {
    return lang === 'vi'
      ? 'Số liệu chính xác: chỉ số này không đếm người (danh mục, mốc hoàn thành).'
      : 'Exact figures: this indicator does not count people (catalogue, milestones).';
  }
  if (method === 'cellkey') {
    return lang === 'vi'
      ? `${PERTURBATION_NOTE.vi} Tỷ lệ có mẫu số (đã làm nhiễu) dưới ${k} được ẩn; ô ẩn để trống, không phải 0.`
      : `${PERTURBATION_NOTE.en} Rates on a (perturbed) denominator below ${k} are withheld; ` +
          'a withheld cell is empty, not 0.';
  }
  return lang === 'vi'
    ? `Giá trị bị ẩn: số đếm từ 1 đến ${k - 1} và tỷ lệ trên mẫu số dưới ${k} không được công bố; ` +
        'một số ô khác cũng được ẩn ("ẩn kèm") để không suy ngược ra ô đã ẩn. Ô bị ẩn để trống, không phải 0.'
    : `Value hidden: counts from 1 to ${k - 1} and rates on denominators below ${k} are not published; ` +
        'some other cells are hidden too ("complementary") so that a hidden one cannot be worked out. ' +
        'A hidden cell is empty, not 0.';
}

export function filterText(filters: Record<string, string | number>, lang: Lang): string {
  const parts = Object.entries(filters).map(([k, v]) => {
    const f = isFilterName(k) ? FILTERS[k] : undefined;
    const shown = f?.values?.[String(v)]?.[lang === 'vi' ? 0 : 1] ?? String(v);
    return `${f ? f[lang] : k}: ${shown}`;
  });
  return parts.length ? parts.join('; ') : lang === 'vi' ? 'không lọc' : 'none';
}
