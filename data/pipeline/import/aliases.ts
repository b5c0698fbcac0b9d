// Vietnamese names of the import columns, sheets and enum values, as one-stop-shop and population exports write
// them (docs/data-formats.md, "Vietnamese column names"). source.ts matches headers with headerKey and the
// columns of importColumns; xlsx.ts picks a workbook's sheet with sheetMatches. A kind without an entry here
// (a new kind) simply has no Vietnamese names: its own column names and columns.ts aliases still work.
import { COLUMNS, type ColumnSpec, type Kind } from './columns.ts';

/** How a header (or a sheet name) is compared: NFC, lower case, inner blanks (spaces, tabs, line breaks) as one. */
export function headerKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

type Names = Record<string, string[]>;

/** Column → Vietnamese header names, per kind. */
export const VI_COLUMNS: Partial<Record<string, Names>> = {
  units: {
    unit_id: ['Mã đơn vị'],
    code: ['Mã hành chính', 'Mã ĐVHC', 'Mã số'],
    name: ['Tên đơn vị', 'Tên ĐVHC', 'Tên'],
    name_en: ['Tên không dấu', 'Tên tiếng Anh'],
    level: ['Cấp', 'Cấp hành chính'],
    parent_id: ['Mã đơn vị cấp trên', 'Mã đơn vị cha'],
    valid_from: ['Hiệu lực từ', 'Ngày hiệu lực'],
    valid_to: ['Hiệu lực đến', 'Ngày hết hiệu lực'],
    area_km2: ['Diện tích (km²)', 'Diện tích (km2)', 'Diện tích'],
    is_base: ['Đơn vị cơ sở'],
  },
  lineage: {
    from_unit_id: ['Mã đơn vị cũ', 'Từ đơn vị'],
    to_unit_id: ['Mã đơn vị mới', 'Sang đơn vị'],
    effective_on: ['Ngày hiệu lực'],
    kind: ['Hình thức', 'Loại'],
    share: ['Tỷ lệ dân số', 'Tỷ lệ'],
  },
  procedures: {
    procedure_code: ['Mã thủ tục', 'Mã TTHC'],
    name: ['Tên thủ tục', 'Tên TTHC'],
    name_en: ['Tên tiếng Anh'],
    field: ['Lĩnh vực'],
    level: ['Cấp thực hiện', 'Cấp'],
    due_days: ['Thời hạn giải quyết (ngày)', 'Thời hạn giải quyết', 'Số ngày giải quyết'],
    population_management: ['Quản lý dân cư'],
    essential_service: ['Dịch vụ thiết yếu'],
    full_online_eligible: ['Trực tuyến toàn trình'],
    full_online_since: ['Toàn trình từ ngày'],
    population_data_since: ['Khai thác dữ liệu dân cư từ ngày'],
    standardised_since: ['Chuẩn hóa từ ngày', 'Chuẩn hoá từ ngày'],
    simplified_since: ['Đơn giản hóa từ ngày', 'Đơn giản hoá từ ngày'],
    bundle: ['Nhóm liên thông'],
    bundle_step: ['Bước liên thông'],
    online_level: ['Mức độ dịch vụ công trực tuyến', 'Mức độ DVCTT', 'Dịch vụ công trực tuyến'],
    paper_result: ['Có kết quả giấy', 'Kết quả bản giấy'],
    has_fees: ['Có phí, lệ phí', 'Có phí lệ phí'],
    payment_integrated: ['Tích hợp thanh toán trực tuyến', 'Tích hợp thanh toán'],
    citizen_applicants: ['Đối tượng là công dân', 'Đối tượng công dân'],
    announced_on: ['Ngày quyết định công bố', 'Ngày công bố'],
    legal_effective_on: ['Ngày hiệu lực của văn bản', 'Ngày văn bản có hiệu lực'],
    published_on: ['Ngày công khai trên CSDL quốc gia', 'Ngày công khai'],
    all_parts_published: ['Công khai đủ 7 bộ phận', 'Công khai đầy đủ'],
  },
  targets: {
    target_id: ['Mã chỉ tiêu'],
    target_group: ['Nhóm chỉ tiêu', 'Nhóm'],
    indicator: ['Mã chỉ số', 'Chỉ số'],
    title_vi: ['Tên chỉ tiêu', 'Tên tiếng Việt'],
    title_en: ['Tên tiếng Anh'],
    level: ['Cấp áp dụng', 'Cấp'],
    comparator: ['So sánh'],
    target: ['Giá trị mục tiêu', 'Mục tiêu'],
    unit: ['Đơn vị tính'],
    deadline: ['Thời hạn', 'Hạn hoàn thành'],
    source_clause: ['Căn cứ', 'Điều khoản'],
  },
  milestones: {
    target_id: ['Mã chỉ tiêu'],
    unit_id: ['Mã đơn vị'],
    achieved_on: ['Ngày hoàn thành', 'Ngày đạt'],
  },
  people: {
    person_key: ['Mã công dân', 'Mã định danh giả danh'],
    unit_id: ['Mã đơn vị', 'Mã xã'],
    sex: ['Giới tính'],
    birth_date: ['Ngày sinh', 'Ngày tháng năm sinh'],
    residence_type: ['Loại cư trú', 'Hình thức cư trú'],
    has_personal_id: ['Có số định danh cá nhân', 'Có số định danh'],
    chip_card_issued_on: ['Ngày cấp CCCD', 'Ngày cấp căn cước'],
    vneid_requested_on: ['Ngày đề nghị VNeID', 'Ngày đăng ký VNeID'],
    vneid_level1_on: ['Ngày kích hoạt VNeID mức 1', 'Ngày VNeID mức 1'],
    vneid_level2_on: ['Ngày kích hoạt VNeID mức 2', 'Ngày VNeID mức 2'],
    moved_in_on: ['Ngày chuyển đến'],
    moved_out_on: ['Ngày chuyển đi'],
    died_on: ['Ngày mất', 'Ngày chết'],
    missing_fields: ['Thông tin còn thiếu', 'Trường còn thiếu'],
    completed_on: ['Ngày bổ sung đủ', 'Ngày hoàn thiện'],
  },
  dossiers: {
    dossier_id: ['Mã hồ sơ', 'Số hồ sơ'],
    procedure_code: ['Mã thủ tục', 'Mã TTHC'],
    unit_id: ['Mã đơn vị', 'Mã đơn vị tiếp nhận'],
    received_at: ['Ngày tiếp nhận', 'Thời gian tiếp nhận'],
    due_at: ['Ngày hẹn trả', 'Ngày hẹn trả kết quả'],
    resolved_at: ['Ngày kết thúc xử lý', 'Ngày trả kết quả'],
    channel: ['Kênh', 'Kênh nộp', 'Kênh thực hiện', 'Hình thức nộp'],
    status: ['Trạng thái', 'Trạng thái hồ sơ'],
    eid_authenticated: ['Xác thực định danh', 'Xác thực định danh điện tử'],
    population_data_reused: ['Khai thác dữ liệu dân cư'],
    result_digitised: ['Số hóa kết quả', 'Số hoá kết quả'],
    paid_online: ['Thanh toán trực tuyến'],
    processed_online: ['Xử lý trên môi trường mạng'],
    applicant_had_eid: ['Đã có định danh điện tử'],
    eid_enrolled_on_site: ['Cấp định danh tại chỗ'],
    satisfaction: ['Mức độ hài lòng'],
    bundle_ref: ['Mã liên thông'],
    result_electronic: ['Có kết quả điện tử', 'Kết quả điện tử'],
    components_digitised: ['Có thành phần số hóa', 'Có thành phần số hoá', 'Thành phần hồ sơ được số hóa'],
    reused_digitised: ['Tái sử dụng dữ liệu số hóa', 'Tái sử dụng dữ liệu số hoá'],
    from_data_store: ['Lấy từ kho dữ liệu', 'Lấy từ kho dữ liệu cá nhân'],
    result_to_data_store: ['Đồng bộ kết quả vào kho dữ liệu', 'Kết quả vào kho dữ liệu cá nhân'],
    supplement_count: ['Số lần bổ sung', 'Số lần yêu cầu bổ sung'],
    supplement_days: ['Số ngày chờ bổ sung', 'Thời gian bổ sung (ngày)'],
    fee_amount: ['Phí, lệ phí', 'Phí lệ phí', 'Số tiền phí, lệ phí'],
    synced_portal: ['Đồng bộ Cổng DVC quốc gia', 'Đã đồng bộ Cổng DVCQG'],
  },
  petitions: {
    petition_id: ['Mã phản ánh', 'Mã phản ánh kiến nghị', 'Số phản ánh'],
    unit_id: ['Mã đơn vị', 'Mã đơn vị tiếp nhận'],
    received_at: ['Ngày tiếp nhận', 'Thời gian tiếp nhận'],
    kind: ['Loại phản ánh', 'Phân loại'],
    procedure_code: ['Mã thủ tục', 'Mã TTHC'],
    dossier_id: ['Mã hồ sơ', 'Số hồ sơ'],
    handled_at: ['Ngày xử lý', 'Ngày trả lời', 'Thời gian xử lý'],
    outcome: ['Kết quả xử lý', 'Hình thức xử lý'],
    disliked: ['Không hài lòng', 'Không hài lòng với kết quả'],
    repeated: ['Phản ánh lặp lại', 'Lặp lại'],
  },
  portal_scores: {
    unit_id: ['Mã đơn vị'],
    period: ['Kỳ', 'Kỳ đánh giá'],
    group_id: ['Nhóm', 'Nhóm chỉ số'],
    points: ['Điểm', 'Số điểm'],
  },
  offices: {
    office_id: ['Mã cơ quan'],
    unit_id: ['Mã đơn vị'],
    name: ['Tên cơ quan'],
    name_en: ['Tên tiếng Anh'],
    accounts: ['Tài khoản'],
  },
  tasks: {
    task_id: ['Mã nhiệm vụ'],
    unit_id: ['Mã đơn vị'],
    section: ['Mục', 'Điều khoản'],
    title_vi: ['Nhiệm vụ', 'Tên nhiệm vụ'],
    title_en: ['Tên tiếng Anh'],
    lead: ['Chủ trì', 'Cơ quan chủ trì'],
    partners: ['Phối hợp', 'Cơ quan phối hợp'],
    timeframe: ['Thời gian thực hiện'],
    deadline: ['Thời hạn', 'Hạn hoàn thành'],
    targets: ['Chỉ tiêu', 'Mã chỉ tiêu'],
    notes: ['Ghi chú'],
  },
};

/** Column → Vietnamese spelling → stored value, per kind: added to the column's enum (case and NFC folded). */
export const VI_VALUES: Partial<Record<string, Record<string, Record<string, string>>>> = {
  units: {
    level: {
      Tỉnh: 'province',
      'Thành phố trực thuộc trung ương': 'province',
      Huyện: 'district',
      Quận: 'district',
      'Thị xã': 'district',
      Xã: 'commune',
      Phường: 'commune',
      'Thị trấn': 'commune',
    },
  },
  lineage: {
    kind: { 'Giữ nguyên': 'kept', 'Sáp nhập': 'merged', 'Chia tách': 'split', 'Điều chỉnh địa giới': 'transferred' },
  },
  procedures: {
    field: {
      'Hộ tịch': 'civil_status',
      'Cư trú': 'residence',
      'Chứng thực': 'certification',
      'Bảo trợ xã hội': 'social_protection',
      'Đất đai': 'land',
      'Bảo hiểm y tế': 'health_insurance',
      Khác: 'other',
    },
    level: { 'Cấp xã': 'commune', Xã: 'commune', 'Cấp huyện': 'district', Huyện: 'district' },
    online_level: {
      Không: 'none',
      'Không có': 'none',
      'Một phần': 'partial',
      'Trực tuyến một phần': 'partial',
      'Dịch vụ công trực tuyến một phần': 'partial',
      'Toàn trình': 'full',
      'Trực tuyến toàn trình': 'full',
      'Dịch vụ công trực tuyến toàn trình': 'full',
      'Mức độ 2': 'none',
      'Mức độ 3': 'partial',
      'Mức độ 4': 'full',
    },
  },
  dossiers: {
    channel: {
      'Trực tuyến': 'online',
      'Trực tiếp': 'counter',
      'Bưu chính': 'post',
      'Qua bưu chính': 'post',
      'Bưu chính công ích': 'post',
    },
    status: {
      'Mới tiếp nhận': 'received',
      'Đã tiếp nhận': 'received',
      'Đang xử lý': 'processing',
      'Đang giải quyết': 'processing',
      'Chờ bổ sung': 'supplement',
      'Yêu cầu bổ sung': 'supplement',
      'Đã trả kết quả': 'resolved',
      'Đã giải quyết': 'resolved',
      'Đã xử lý xong': 'resolved',
      'Từ chối': 'rejected',
      'Từ chối giải quyết': 'rejected',
      'Không giải quyết': 'rejected',
      'Rút hồ sơ': 'withdrawn',
      'Đã rút': 'withdrawn',
      'Công dân rút hồ sơ': 'withdrawn',
    },
  },
  petitions: {
    kind: {
      'Thủ tục hành chính': 'procedure',
      TTHC: 'procedure',
      'Về thủ tục hành chính': 'procedure',
      'Cán bộ': 'staff',
      'Cán bộ, công chức': 'staff',
      'Hành vi của cán bộ, công chức': 'staff',
    },
    outcome: {
      'Đã trả lời': 'answered',
      'Trả lời': 'answered',
      'Từ chối': 'refused',
      'Từ chối tiếp nhận': 'refused',
      'Yêu cầu bổ sung': 'supplement',
      'Đề nghị bổ sung': 'supplement',
      'Công khai': 'published',
      'Đã công khai': 'published',
    },
  },
  portal_scores: {
    group_id: { Tổng: 'total', 'Tổng điểm': 'total', 'Tổng cộng': 'total' },
  },
};

/** Sheet names (besides the kind itself) that mark a workbook's sheet as the kind's. */
export const VI_SHEETS: Partial<Record<string, string[]>> = {
  units: ['Đơn vị', 'Đơn vị hành chính'],
  lineage: ['Sáp nhập', 'Kế thừa'],
  procedures: ['Thủ tục', 'Thủ tục hành chính', 'TTHC'],
  targets: ['Chỉ tiêu'],
  milestones: ['Mốc', 'Mốc hoàn thành'],
  people: ['Dân cư', 'Công dân', 'Nhân khẩu'],
  dossiers: ['Hồ sơ', 'Hồ sơ TTHC'],
  petitions: ['Phản ánh', 'Phản ánh kiến nghị', 'PAKN'],
  portal_scores: ['Điểm 766', 'Điểm Cổng DVC'],
  offices: ['Cơ quan', 'Cơ quan, bộ phận'],
  tasks: ['Nhiệm vụ', 'Nhiệm vụ kế hoạch'],
};

/** Whether a sheet's name marks it as the kind's: the kind, or one of its Vietnamese names. */
export function sheetMatches(kind: Kind, sheet: string): boolean {
  const key = headerKey(sheet);
  return [kind, ...(VI_SHEETS[kind] ?? [])].some((n) => headerKey(n) === key);
}

/**
 * Headers that look like a column but cannot give it: a people file with only the year of birth. Reported
 * instead of "required column is missing" when the column itself is absent.
 */
export const INSUFFICIENT: Partial<Record<string, { column: string; headers: string[]; reason: string }[]>> = {
  people: [
    {
      column: 'birth_date',
      headers: ['Năm sinh', 'birth_year'],
      reason:
        'gives only the year of birth; people need the full birth_date (Ngày sinh: YYYY-MM-DD or dd/mm/yyyy) ' +
        'for ages in months and years; a year is only enough for aggregate tables',
    },
  ],
};

const cache = new Map<Kind, ColumnSpec[]>();

/**
 * The kind's columns as the importer reads them: the columns.ts specs with the Vietnamese header names added to
 * their aliases and the Vietnamese spellings to their enums (an explicit enum label stays as it is).
 */
export function importColumns(kind: Kind): ColumnSpec[] {
  const known = cache.get(kind);
  if (known) return known;
  const names = VI_COLUMNS[kind] ?? {};
  const values = VI_VALUES[kind] ?? {};
  const specs = COLUMNS[kind].map((col): ColumnSpec => {
    const extra = names[col.name];
    const vi = values[col.name];
    const value =
      vi && col.value.type === 'enum' ? { ...col.value, values: { ...col.value.values, ...vi } } : col.value;
    return { ...col, ...(extra ? { aliases: [...(col.aliases ?? []), ...extra] } : {}), value };
  });
  cache.set(kind, specs);
  return specs;
}
