// The demo procedure catalogue: commune- and district-level procedures with their Vietnamese names
// and our own demo codes (not the national portal's codes), the dates each went fully online, reused
// population data, had its form standardised and was simplified, and the volumes the dossier
// generator draws (dossiers a year per 1000 residents; births and deaths drive the bundles).
import type { CsvWriter } from './csv-writer.ts';

export type Field = 'civil_status' | 'residence' | 'certification' | 'social_protection' | 'land' | 'health_insurance' | 'other';
export type Essential = 'civil_status' | 'social_insurance' | 'education' | 'health' | 'land' | 'labour' | null;

export interface Procedure {
  code: string;
  name: string;
  nameEn: string;
  field: Field;
  level: 'commune' | 'district';
  dueDays: number;
  populationManagement: boolean;
  essential: Essential;
  eligible: boolean;
  fullOnlineSince: string | null;
  populationDataSince: string | null;
  standardisedSince: string | null;
  simplifiedSince: string | null;
  bundle: 'birth' | 'death' | null;
  bundleStep: 1 | 2 | 3 | null;
  /** Dossiers a year per 1000 residents of the unit (0: only raised by births or deaths). */
  rate: number;
  /** How readily applicants use the online channel for it (0–1). */
  online: number;
  fee: boolean;
  /** Relative volume by calendar month (Jan…Dec), when seasonal. */
  season?: number[];
}

type Row = [string, string, string, Field, 'c' | 'd', number, 0 | 1, Essential, 0 | 1, string, string, string, string, string, number, number, 0 | 1];
const _ = '';
// code, name, name_en, field, level, due days, population mgmt, essential, eligible, fully online since,
// population data since, standardised since, simplified since, bundle:step, rate, online affinity, fee
const ROWS: Row[] = [
  ['HT-01', 'Đăng ký khai sinh', 'Birth registration', 'civil_status', 'c', 1, 1, 'civil_status', 1, '2022-07-01', '2022-03-15', '2022-10-01', '2022-07-01', 'birth:1', 0, 0.9, 0],
  ['HT-02', 'Đăng ký khai tử', 'Death registration', 'civil_status', 'c', 1, 1, 'civil_status', 1, '2022-07-01', '2022-03-15', '2022-10-01', '2022-07-01', 'death:1', 0, 0.8, 0],
  ['HT-03', 'Đăng ký kết hôn', 'Marriage registration', 'civil_status', 'c', 1, 1, 'civil_status', 0, _, '2022-06-01', '2023-03-01', _, _, 7, 0.3, 0],
  ['HT-04', 'Cấp bản sao trích lục hộ tịch', 'Copy of a civil-status extract', 'civil_status', 'c', 1, 1, 'civil_status', 1, '2022-09-01', '2022-09-01', '2023-06-01', '2023-01-01', _, 25, 0.8, 1],
  ['HT-05', 'Xác nhận tình trạng hôn nhân', 'Certificate of marital status', 'civil_status', 'c', 3, 1, 'civil_status', 1, '2022-09-01', '2022-06-01', '2023-03-01', _, _, 12, 0.9, 1],
  ['HT-06', 'Đăng ký nhận cha, mẹ, con', 'Recognition of parentage', 'civil_status', 'c', 3, 1, 'civil_status', 0, _, '2023-04-01', '2024-07-01', _, _, 0.5, 0.2, 0],
  ['HT-07', 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Change, correction or completion of civil-status data', 'civil_status', 'c', 3, 1, 'civil_status', 1, '2023-07-01', '2023-04-01', '2024-07-01', '2024-03-01', _, 4, 0.6, 1],
  ['HT-08', 'Đăng ký lại khai sinh', 'Re-registration of a birth', 'civil_status', 'c', 5, 1, 'civil_status', 1, '2024-01-01', '2023-04-01', _, _, _, 1.5, 0.6, 0],
  ['CT-01', 'Đăng ký thường trú', 'Permanent residence registration', 'residence', 'c', 7, 1, null, 1, '2022-07-01', '2022-02-01', '2022-07-01', '2022-07-01', _, 12, 1, 1],
  ['CT-02', 'Đăng ký tạm trú', 'Temporary residence registration', 'residence', 'c', 3, 1, null, 1, '2022-07-01', '2022-02-01', '2022-07-01', '2022-07-01', _, 15, 1, 1],
  ['CT-03', 'Xóa đăng ký thường trú', 'Removal of permanent residence', 'residence', 'c', 2, 1, null, 1, '2022-07-01', '2022-02-01', '2022-07-01', '2022-07-01', _, 7, 1, 0],
  ['CT-04', 'Khai báo tạm vắng', 'Declaration of temporary absence', 'residence', 'c', 1, 1, null, 1, '2022-07-01', '2022-02-01', _, _, _, 5, 1, 0],
  ['CT-05', 'Gia hạn tạm trú', 'Extension of temporary residence', 'residence', 'c', 3, 1, null, 1, '2022-07-01', '2022-02-01', _, _, _, 4, 1, 1],
  ['CT-06', 'Tách hộ', 'Household split', 'residence', 'c', 5, 1, null, 1, '2023-01-01', '2022-06-01', _, _, _, 3, 0.8, 0],
  ['CT-07', 'Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú', 'Correction of residence data in the residence database', 'residence', 'c', 3, 1, null, 1, '2023-01-01', '2022-06-01', _, _, _, 6, 0.9, 0],
  ['CT-08', 'Xác nhận thông tin về cư trú', 'Confirmation of residence information', 'residence', 'c', 1, 1, null, 1, '2022-07-01', '2022-02-01', '2022-10-01', '2023-01-01', _, 10, 1, 0],
  ['CT-11', 'Đăng ký thường trú (liên thông đăng ký khai sinh)', 'Permanent residence registration (linked with birth registration)', 'residence', 'c', 3, 1, null, 1, '2022-07-01', '2022-07-01', '2022-10-01', '2022-07-01', 'birth:2', 0, 0.9, 0],
  ['CT-12', 'Xóa đăng ký thường trú (liên thông đăng ký khai tử)', 'Removal of permanent residence (linked with death registration)', 'residence', 'c', 2, 1, null, 1, '2022-07-01', '2022-07-01', '2022-10-01', '2022-07-01', 'death:2', 0, 0.8, 0],
  ['CC-01', 'Chứng thực bản sao từ bản chính', 'Certified copy from the original', 'certification', 'c', 1, 0, null, 1, '2023-10-01', _, _, '2023-01-01', _, 420, 0.25, 1],
  ['CC-02', 'Chứng thực chữ ký', 'Certification of a signature', 'certification', 'c', 1, 0, null, 0, _, _, _, _, _, 60, 0.02, 1],
  ['CC-03', 'Chứng thực hợp đồng, giao dịch', 'Certification of a contract or transaction', 'certification', 'c', 2, 0, null, 0, _, '2023-01-01', _, _, _, 40, 0.02, 1],
  ['XH-01', 'Trợ cấp xã hội hàng tháng', 'Monthly social allowance', 'social_protection', 'c', 22, 0, null, 1, '2023-01-01', '2022-10-01', '2023-06-01', '2023-01-01', _, 6, 0.5, 0],
  ['XH-02', 'Hỗ trợ chi phí mai táng', 'Funeral allowance', 'social_protection', 'c', 10, 0, null, 1, '2022-10-01', '2022-07-01', '2023-01-01', '2022-07-01', 'death:3', 0, 0.6, 0],
  ['XH-04', 'Xác định mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', 'Disability assessment and certificate', 'social_protection', 'c', 30, 0, null, 1, '2024-04-01', '2023-06-01', _, '2024-01-01', _, 2, 0.3, 0],
  ['BH-01', 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi', 'Health-insurance card for a child under 6', 'health_insurance', 'c', 5, 0, 'social_insurance', 1, '2022-07-01', '2022-03-15', '2022-10-01', '2022-07-01', 'birth:3', 0, 0.8, 0],
  ['BH-02', 'Cấp lại, đổi thẻ bảo hiểm y tế', 'Re-issue or exchange of a health-insurance card', 'health_insurance', 'c', 7, 0, 'social_insurance', 1, '2022-10-01', '2022-06-01', _, '2023-01-01', _, 8, 0.7, 0],
  ['DD-01', 'Đăng ký biến động đất đai', 'Registration of a change in land use rights', 'land', 'd', 10, 0, 'land', 1, '2023-07-01', '2023-01-01', '2023-10-01', '2023-07-01', _, 90, 0.35, 1],
  ['DD-02', 'Cấp giấy chứng nhận quyền sử dụng đất lần đầu', 'First issue of a land use rights certificate', 'land', 'd', 30, 0, 'land', 0, _, '2023-01-01', '2024-01-01', '2024-08-01', _, 8, 0.1, 1],
  ['DD-03', 'Cấp đổi, cấp lại giấy chứng nhận quyền sử dụng đất', 'Exchange or re-issue of a land use rights certificate', 'land', 'd', 10, 0, 'land', 1, '2024-01-01', '2023-06-01', _, '2024-08-01', _, 15, 0.3, 1],
  ['DD-04', 'Chuyển mục đích sử dụng đất', 'Change of land use purpose', 'land', 'd', 15, 0, 'land', 0, _, '2024-06-01', _, _, _, 3, 0.05, 1],
  ['DD-05', 'Tách thửa, hợp thửa đất', 'Splitting or merging land parcels', 'land', 'd', 15, 0, 'land', 1, '2026-03-01', '2024-06-01', '2026-01-15', _, _, 10, 0.2, 1],
  ['DD-06', 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'Registration of a mortgage on land use rights', 'land', 'd', 3, 0, 'land', 1, '2023-01-01', '2023-01-01', '2023-10-01', '2024-01-01', _, 50, 0.4, 1],
  ['KD-01', 'Đăng ký thành lập hộ kinh doanh', 'Household business registration', 'other', 'd', 3, 0, null, 1, '2022-10-01', '2023-01-01', _, '2023-01-01', _, 10, 0.5, 1],
  ['XD-01', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Building permit for an individual house', 'other', 'd', 15, 0, null, 1, '2025-10-01', _, '2026-04-01', '2024-01-01', _, 8, 0.3, 1],
  ['HT-21', 'Đăng ký khai sinh có yếu tố nước ngoài', 'Birth registration with a foreign element', 'civil_status', 'd', 3, 1, 'civil_status', 1, '2023-01-01', '2022-09-01', '2023-06-01', _, _, 0.2, 0.4, 0],
  ['HT-22', 'Đăng ký kết hôn có yếu tố nước ngoài', 'Marriage registration with a foreign element', 'civil_status', 'd', 15, 1, 'civil_status', 0, _, '2023-04-01', '2024-01-01', _, _, 0.3, 0.1, 1],
  ['HT-24', 'Đăng ký thay đổi, cải chính hộ tịch, xác định lại dân tộc (cấp huyện)', 'Change or correction of civil status, ethnicity (district level)', 'civil_status', 'd', 3, 1, 'civil_status', 1, '2023-07-01', '2023-01-01', '2024-01-01', '2024-03-01', _, 0.5, 0.5, 1],
  ['CC-22', 'Chứng thực chữ ký người dịch', "Certification of a translator's signature", 'certification', 'd', 1, 0, null, 0, _, _, _, _, _, 60, 0.02, 1],
  ['GD-01', 'Chuyển trường đối với học sinh trung học cơ sở', 'Transfer of a lower-secondary pupil', 'other', 'd', 3, 0, 'education', 1, '2023-06-01', '2024-06-01', _, '2023-06-01', _, 2, 0.6, 0],
  ['GD-02', 'Tuyển sinh trung học cơ sở', 'Lower-secondary school enrolment', 'other', 'd', 15, 0, 'education', 1, '2023-06-01', '2023-06-01', '2024-06-01', '2024-06-01', _, 16, 0.8, 0],
  ['LD-01', 'Hỗ trợ đào tạo nghề cho lao động nông thôn', 'Vocational training support for rural workers', 'other', 'd', 15, 0, 'labour', 0, _, '2024-09-01', _, _, _, 2, 0.1, 0],
];

/** School enrolment peaks in June and July, transfers in the summer. */
const SEASONS: Record<string, number[]> = {
  'GD-01': [0.6, 0.4, 0.4, 0.4, 0.6, 1.6, 3, 2.4, 1, 0.6, 0.5, 0.5],
  'GD-02': [0.05, 0.05, 0.05, 0.1, 0.5, 4, 5.5, 1.5, 0.1, 0.05, 0.05, 0.05],
};

const orNull = (s: string) => (s === '' ? null : s);

export const PROCEDURES: Procedure[] = ROWS.map((r) => {
  const [bundle, step] = r[13] ? r[13].split(':') : [null, null];
  const season = SEASONS[r[0]];
  return {
    code: r[0], name: r[1], nameEn: r[2], field: r[3], level: r[4] === 'c' ? 'commune' : 'district', dueDays: r[5],
    populationManagement: r[6] === 1, essential: r[7], eligible: r[8] === 1, fullOnlineSince: orNull(r[9]),
    populationDataSince: orNull(r[10]), standardisedSince: orNull(r[11]), simplifiedSince: orNull(r[12]),
    bundle: bundle as Procedure['bundle'], bundleStep: step ? (Number(step) as 1 | 2 | 3) : null, rate: r[14], online: r[15], fee: r[16] === 1,
    season: season && season.map((x) => (x * 12) / season.reduce((s, y) => s + y, 0)),
  };
});

export const PROCEDURE_HEADER = [
  'procedure_code', 'name', 'name_en', 'field', 'level', 'due_days', 'population_management', 'essential_service', 'full_online_eligible',
  'full_online_since', 'population_data_since', 'standardised_since', 'simplified_since', 'bundle', 'bundle_step',
];

/** Writes the catalogue as known on the data date: a date after it is not known yet and left empty. */
export function writeProcedures(out: CsvWriter, dataDate: string): void {
  const known = (s: string | null) => (s !== null && s <= dataDate ? s : null);
  for (const p of PROCEDURES) {
    out.row([
      p.code, p.name, p.nameEn, p.field, p.level, p.dueDays, p.populationManagement, p.essential, p.eligible, known(p.fullOnlineSince),
      known(p.populationDataSince), known(p.standardisedSince), known(p.simplifiedSince), p.bundle, p.bundleStep,
    ]);
  }
}

export function procedureByCode(code: string): Procedure {
  const p = PROCEDURES.find((x) => x.code === code);
  if (!p) throw new Error(`no procedure ${code}`);
  return p;
}
