// The columns of each kind of import file (docs/data-formats.md): names, portal aliases, types, requiredness.
// Row rules, references and keys are in rules.ts; both are read by stage.ts.
import type { ValueType } from './values.ts';

export type Kind =
  | 'units'
  | 'lineage'
  | 'procedures'
  | 'targets'
  | 'milestones'
  | 'people'
  | 'population_counts'
  | 'identity_counts'
  | 'dossiers'
  | 'petitions'
  | 'portal_scores'
  | 'offices'
  | 'tasks';

/**
 * Load order: a file may refer to units and procedures of the same folder; offices come after the units, tasks
 * after the targets and the offices they name.
 */
export const KIND_ORDER: Kind[] = [
  'units',
  'lineage',
  'offices',
  'procedures',
  'targets',
  'tasks',
  'milestones',
  'people',
  'population_counts',
  'identity_counts',
  'dossiers',
  'petitions',
  'portal_scores',
];

export interface ColumnSpec {
  /** Name in the stage table (the store's column name). */
  name: string;
  /** Other header names accepted (the first is the documented one when it differs from `name`). */
  aliases?: string[];
  /**
   * Several of its names may be headers of one file (the portal's MaKetQua and DuongDanTepTinKetQua): the first
   * non-empty one of them gives the value. Without it, a column given twice is an error.
   */
  several?: boolean;
  /**
   * Aliases read as flags (a bool column): any value under such a header (a result's code, a link) = true, an empty
   * one = false; one non-empty among several = true. A value under the column's other names is read as it is.
   */
  presence?: string[];
  required?: boolean;
  value: ValueType;
}

const text: ValueType = { type: 'text' };
/** Names and codes that exports show: never starting like a spreadsheet formula (values.ts). */
const name: ValueType = { type: 'name' };
const date: ValueType = { type: 'date' };
const ts: ValueType = { type: 'timestamp' };
const bool: ValueType = { type: 'bool' };
const oneOf = (...values: string[]): ValueType => ({
  type: 'enum',
  values: Object.fromEntries(values.map((v) => [v, v])),
});

const units: ColumnSpec[] = [
  { name: 'unit_id', required: true, value: name },
  { name: 'code', required: true, value: { type: 'digits' } },
  { name: 'name', required: true, value: name },
  { name: 'name_en', value: name },
  { name: 'level', required: true, value: oneOf('province', 'district', 'commune') },
  { name: 'parent_id', value: text },
  { name: 'valid_from', required: true, value: date },
  { name: 'valid_to', value: date },
  { name: 'area_km2', value: { type: 'number', min: 0, minExclusive: true } },
  { name: 'is_base', value: bool },
  { name: 'geometry', value: { type: 'geometry' } },
];

const lineage: ColumnSpec[] = [
  { name: 'from_unit_id', required: true, value: text },
  { name: 'to_unit_id', required: true, value: text },
  { name: 'effective_on', required: true, value: date },
  { name: 'kind', required: true, value: oneOf('kept', 'merged', 'split', 'transferred') },
  { name: 'share', value: { type: 'number', min: 0, minExclusive: true, max: 1 } },
];

const procedures: ColumnSpec[] = [
  { name: 'procedure_code', required: true, value: name },
  { name: 'name', required: true, value: name },
  { name: 'name_en', value: name },
  {
    name: 'field',
    required: true,
    value: oneOf(
      'civil_status',
      'residence',
      'certification',
      'social_protection',
      'land',
      'health_insurance',
      'other',
    ),
  },
  { name: 'level', required: true, value: oneOf('commune', 'district') },
  { name: 'due_days', required: true, value: { type: 'int', min: 0, max: 3650 } },
  { name: 'population_management', value: bool },
  {
    name: 'essential_service',
    value: oneOf('civil_status', 'social_insurance', 'education', 'health', 'land', 'labour'),
  },
  { name: 'full_online_eligible', value: bool },
  { name: 'full_online_since', value: date },
  { name: 'population_data_since', value: date },
  { name: 'standardised_since', value: date },
  { name: 'simplified_since', value: date },
  { name: 'bundle', value: oneOf('birth', 'death') },
  { name: 'bundle_step', value: { type: 'int', min: 1, max: 3 } },
  // Decision 766 (schema.sql): optional, NULL when not reported
  {
    name: 'online_level',
    value: {
      type: 'enum',
      // the older levels of online service: 2 (forms online, no online submission), 3 (partly), 4 (fully online)
      values: { none: 'none', partial: 'partial', full: 'full', 2: 'none', 3: 'partial', 4: 'full' },
      label: 'none, partial, full (không, một phần, toàn trình; portal levels 2, 3, 4)',
    },
  },
  { name: 'paper_result', value: bool },
  { name: 'has_fees', value: bool },
  { name: 'payment_integrated', value: bool },
  { name: 'citizen_applicants', value: bool },
  { name: 'announced_on', value: date },
  { name: 'legal_effective_on', value: date },
  { name: 'published_on', value: date },
  { name: 'all_parts_published', value: bool },
];

const targets: ColumnSpec[] = [
  { name: 'target_id', aliases: ['id'], required: true, value: name },
  { name: 'target_group', aliases: ['group'], required: true, value: name },
  { name: 'indicator', required: true, value: name },
  { name: 'title_vi', required: true, value: name },
  { name: 'title_en', required: true, value: name },
  { name: 'level', required: true, value: oneOf('all', 'district', 'commune') },
  { name: 'comparator', required: true, value: oneOf('>=', '<=', 'done') },
  { name: 'target', required: true, value: { type: 'number' } },
  { name: 'unit', required: true, value: oneOf('percent', 'count', 'milestone', 'points') },
  { name: 'deadline', required: true, value: date },
  { name: 'source_clause', required: true, value: text },
];

const milestones: ColumnSpec[] = [
  { name: 'target_id', required: true, value: text },
  { name: 'unit_id', required: true, value: text },
  { name: 'achieved_on', required: true, value: date },
];

const people: ColumnSpec[] = [
  { name: 'person_key', required: true, value: text },
  { name: 'unit_id', required: true, value: text },
  {
    name: 'sex',
    required: true,
    value: { type: 'enum', values: { M: 'M', F: 'F', Nam: 'M', Nữ: 'F' }, label: 'M, F (Nam, Nữ)' },
  },
  { name: 'birth_date', required: true, value: date },
  {
    name: 'residence_type',
    required: true,
    value: {
      type: 'enum',
      values: { permanent: 'permanent', temporary: 'temporary', 'thường trú': 'permanent', 'tạm trú': 'temporary' },
      label: 'permanent, temporary (thường trú, tạm trú)',
    },
  },
  { name: 'has_personal_id', required: true, value: bool },
  { name: 'chip_card_issued_on', value: date },
  { name: 'vneid_requested_on', value: date },
  { name: 'vneid_level1_on', value: date },
  { name: 'vneid_level2_on', value: date },
  { name: 'moved_in_on', value: date },
  { name: 'moved_out_on', value: date },
  { name: 'died_on', value: date },
  { name: 'missing_fields', value: text },
  { name: 'completed_on', value: date },
];

// Aggregate population tables (load-counts.ts): one row per unit × month × sex × 5-year age band × residence.
const ageBands: Record<string, string> = {};
for (let a = 0; a <= 85; a += 5) {
  const spellings =
    a < 85
      ? [`${a}-${a + 4}`, `${a}–${a + 4}`, `${a} - ${a + 4}`, `${a} – ${a + 4}`, `${a}-${a + 4} tuổi`]
      : ['85+', '85 +', '85 trở lên', '85 tuổi trở lên', 'từ 85 tuổi trở lên', '85+ tuổi'];
  for (const s of [String(a), ...spellings]) ageBands[s] = String(a);
}
/** The key of a cell of the population cube, as aggregate tables give it. */
const cellKey: ColumnSpec[] = [
  { name: 'unit_id', aliases: ['Mã đơn vị', 'Mã ĐVHC'], required: true, value: text },
  { name: 'month', aliases: ['Tháng', 'Kỳ'], required: true, value: { type: 'month' } },
  {
    name: 'sex',
    aliases: ['Giới tính'],
    required: true,
    value: { type: 'enum', values: { M: 'M', F: 'F', Nam: 'M', Nữ: 'F' }, label: 'M, F (Nam, Nữ)' },
  },
  {
    name: 'age_group',
    aliases: ['Nhóm tuổi', 'Độ tuổi'],
    required: true,
    value: {
      type: 'enum',
      values: ageBands,
      label: 'the 18 five-year age bands: 0, 5, …, 85 (or 0-4, 5-9, …, 80-84, 85+)',
    },
  },
  {
    name: 'residence',
    aliases: ['Loại cư trú', 'Cư trú'],
    required: true,
    value: {
      type: 'enum',
      values: { permanent: 'permanent', temporary: 'temporary', 'thường trú': 'permanent', 'tạm trú': 'temporary' },
      label: 'permanent, temporary (thường trú, tạm trú)',
    },
  },
];
const count: ValueType = { type: 'count' };
/** Stocks of the population cube about identity documents and records (pop_month), optional in both tables. */
const identityStocks: ColumnSpec[] = [
  { name: 'with_personal_id', aliases: ['Có số định danh', 'Có số định danh cá nhân'], value: count },
  { name: 'card_age', aliases: ['Đủ tuổi cấp CCCD', 'Từ 14 tuổi'], value: count },
  { name: 'with_chip_card', aliases: ['Đã cấp CCCD gắn chip', 'Có CCCD gắn chip'], value: count },
  { name: 'vneid_requested', aliases: ['Đề nghị VNeID', 'Đã đề nghị VNeID'], value: count },
  { name: 'vneid_level1', aliases: ['VNeID mức 1', 'Có VNeID mức 1'], value: count },
  { name: 'vneid_level2', aliases: ['VNeID mức 2', 'Có VNeID mức 2'], value: count },
  {
    name: 'vneid_requested_level2',
    aliases: ['Đề nghị VNeID đã có mức 2', 'Đề nghị VNeID được giải quyết mức 2'],
    value: count,
  },
  { name: 'incomplete_records', aliases: ['Hồ sơ chưa đầy đủ', 'Bản ghi chưa đầy đủ'], value: count },
];
const populationCounts: ColumnSpec[] = [
  ...cellKey,
  { name: 'population', aliases: ['Dân số', 'Số người', 'Số dân'], required: true, value: count },
  { name: 'births', aliases: ['Sinh', 'Số sinh'], value: count },
  { name: 'deaths', aliases: ['Chết', 'Tử', 'Số chết', 'Số tử'], value: count },
  { name: 'moves_in', aliases: ['Chuyển đến', 'Số chuyển đến'], value: count },
  { name: 'moves_out', aliases: ['Chuyển đi', 'Số chuyển đi'], value: count },
  ...identityStocks,
];
const identityCounts: ColumnSpec[] = [...cellKey, ...identityStocks];
/**
 * [part, whole] pairs of the population cube's stocks: in every cell the part counts some of the people the whole
 * counts, so it can never be larger (checked on the rows of aggregate tables and on the cells they leave).
 */
export const COUNT_NESTING: [string, string][] = [
  ['with_personal_id', 'population'],
  ['card_age', 'population'],
  ['with_chip_card', 'card_age'],
  ['vneid_requested', 'population'],
  ['vneid_level1', 'population'],
  ['vneid_level2', 'vneid_level1'],
  ['vneid_requested_level2', 'vneid_requested'],
  ['vneid_requested_level2', 'vneid_level2'],
  ['incomplete_records', 'population'],
];

const dossiers: ColumnSpec[] = [
  { name: 'dossier_id', aliases: ['MaHoSo'], required: true, value: text },
  { name: 'procedure_code', aliases: ['MaTTHC'], required: true, value: text },
  { name: 'unit_id', aliases: ['MaDonVi'], required: true, value: text },
  { name: 'received_at', aliases: ['NgayTiepNhan'], required: true, value: ts },
  { name: 'due_at', aliases: ['NgayHenTra'], required: true, value: ts },
  { name: 'resolved_at', aliases: ['NgayKetThucXuLy'], value: ts },
  {
    name: 'channel',
    aliases: ['KenhThucHien'],
    required: true,
    value: {
      type: 'enum',
      values: { online: 'online', counter: 'counter', post: 'post', 1: 'counter', 2: 'online', 3: 'post' },
      label: 'online, counter, post (portal codes 1 = counter, 2 = online, 3 = post)',
    },
  },
  {
    name: 'status',
    aliases: ['TrangThaiHoSo'],
    required: true,
    value: oneOf('received', 'processing', 'supplement', 'resolved', 'rejected', 'withdrawn'),
  },
  { name: 'eid_authenticated', aliases: ['XacThucDinhDanh', 'TaiKhoanDuocXacThucVoiVNeID'], value: bool },
  { name: 'population_data_reused', aliases: ['KhaiThacDuLieuDanCu'], value: bool },
  { name: 'result_digitised', aliases: ['SoHoaKetQua'], value: bool },
  { name: 'paid_online', aliases: ['ThanhToanTrucTuyen', 'DuocThanhToanTrucTuyen'], value: bool },
  { name: 'processed_online', aliases: ['XuLyTrenMoiTruongMang'], value: bool },
  { name: 'applicant_had_eid', value: bool },
  { name: 'eid_enrolled_on_site', value: bool },
  { name: 'satisfaction', aliases: ['MucDoHaiLong'], value: { type: 'int', min: 1, max: 5 } },
  { name: 'bundle_ref', aliases: ['MaLienThong'], value: text },
  // Decision 766 (schema.sql): optional, NULL when the file has no such column (not reported)
  {
    name: 'result_electronic',
    aliases: ['MaKetQua', 'DuongDanTepTinKetQua'],
    presence: ['MaKetQua', 'DuongDanTepTinKetQua'],
    several: true,
    value: bool,
  },
  { name: 'components_digitised', aliases: ['HoSoCoThanhPhanSoHoa', 'TaiLieuNop.DuocSoHoa'], value: bool },
  { name: 'reused_digitised', value: bool },
  { name: 'from_data_store', aliases: ['DuocLayTuKhoDMQG'], value: bool },
  { name: 'result_to_data_store', value: bool },
  { name: 'supplement_count', aliases: ['SoLanBoSung'], value: { type: 'int', min: 0, max: 255 } },
  { name: 'supplement_days', value: { type: 'number', min: 0, max: 3650 } },
  { name: 'fee_amount', aliases: ['PhiLePhi', 'LePhi'], value: { type: 'number', min: 0 } },
  { name: 'synced_portal', aliases: ['DongBoCongQuocGia'], value: bool },
];

/** The dossier columns of Decision 766 (schema.sql): optional, NULL when not reported. */
export const DOSSIER_766_COLUMNS = [
  'result_electronic',
  'components_digitised',
  'reused_digitised',
  'from_data_store',
  'result_to_data_store',
  'supplement_count',
  'supplement_days',
  'fee_amount',
  'synced_portal',
] as const;

/** Petitions (phản ánh, kiến nghị) about a procedure or the staff; nothing about the petitioner. */
const petitions: ColumnSpec[] = [
  { name: 'petition_id', required: true, value: name },
  { name: 'unit_id', aliases: ['MaDonVi'], required: true, value: text },
  { name: 'received_at', aliases: ['NgayTiepNhan'], required: true, value: ts },
  { name: 'kind', required: true, value: oneOf('procedure', 'staff') },
  { name: 'procedure_code', aliases: ['MaTTHC'], value: text },
  { name: 'dossier_id', aliases: ['MaHoSo'], value: text },
  { name: 'handled_at', value: ts },
  { name: 'outcome', value: oneOf('answered', 'refused', 'supplement', 'published') },
  { name: 'disliked', value: bool },
  { name: 'repeated', value: bool },
];

/** The portal's published Decision 766 points (a unit, a period, a group or the total). */
const portalScores: ColumnSpec[] = [
  { name: 'unit_id', required: true, value: text },
  { name: 'period', required: true, value: text },
  {
    name: 'group_id',
    aliases: ['group'],
    required: true,
    value: {
      type: 'enum',
      values: { 1: '1', 2: '2', 3: '3', '3b': '3b', 4: '4', 5: '5', total: 'total' },
      label: '1, 2, 3, 3b, 4, 5, total (Tổng)',
    },
  },
  { name: 'points', required: true, value: { type: 'number', min: 0, max: 100 } },
];

/** The offices of a unit (Công an xã, Bộ phận một cửa, …) and the accounts that belong to each (load-work.ts). */
const offices: ColumnSpec[] = [
  { name: 'office_id', required: true, value: name },
  { name: 'unit_id', required: true, value: text },
  { name: 'name', required: true, value: name },
  { name: 'name_en', value: name },
  /** usernames separated by ";" */
  { name: 'accounts', value: text },
];

/**
 * The plan's tasks (tasks.csv, ../shared/product/TASKS.md): lead and partners name offices (";"-separated), targets
 * the target ids the task serves. Without unit_id the rows belong to the import's unit (ImportOptions.unit).
 */
const tasks: ColumnSpec[] = [
  { name: 'task_id', aliases: ['id'], required: true, value: name },
  { name: 'unit_id', value: text },
  { name: 'section', required: true, value: name },
  { name: 'title_vi', required: true, value: name },
  { name: 'title_en', value: name },
  { name: 'lead', value: text },
  { name: 'partners', value: text },
  // free text, as targets' source_clause: not checked for a formula's first character
  { name: 'timeframe', value: text },
  { name: 'deadline', value: date },
  { name: 'targets', value: text },
  { name: 'notes', value: text },
];

export const COLUMNS: Record<Kind, ColumnSpec[]> = {
  units,
  lineage,
  procedures,
  targets,
  milestones,
  people,
  population_counts: populationCounts,
  identity_counts: identityCounts,
  dossiers,
  petitions,
  portal_scores: portalScores,
  offices,
  tasks,
};

/** The header name a missing column is reported under (the documented name). */
export function documentedName(col: ColumnSpec, kind: Kind): string {
  const documented =
    kind === 'targets' ||
    (kind === 'portal_scores' && col.name === 'group_id') ||
    (kind === 'tasks' && col.name === 'task_id');
  return documented && col.aliases ? col.aliases[0] : col.name;
}
