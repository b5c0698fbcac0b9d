// The points rules of the Decision 766 service index, in one place (../shared/product/DECISION-766.md): the six
// groups of the national portal, each indicator's maximum, points rule, zero-denominator rule and query ids, the
// grades, the rescaling of a score over the indicators with data, and rounding. Rules marked `observed` were
// reconstructed from portal answers rather than read in the Decision: change them here and only here. Pure.

export type GroupId = '1' | '2' | '3' | '3b' | '4' | '5';

export interface GroupDef {
  id: GroupId;
  name_vi: string;
  name_en: string;
  max: number;
}

/** linear: max × ratio; threshold: full points at a ratio ≥ at, else max × ratio ÷ at. */
export type PointsRule = { kind: 'linear' } | { kind: 'threshold'; at: number };

/** What a denominator of 0 (or no row at all) gives: no data (left out), full points, or 0 points. */
export type ZeroRule = 'no_data' | 'full' | 'zero';

/** What the numerator counts, for the "why points are lost" sentences. */
export type Item = 'dossier' | 'procedure' | 'petition';

export interface IndicatorRule {
  id: string;
  group: GroupId;
  name_vi: string;
  name_en: string;
  max: number;
  rule: PointsRule;
  zero: ZeroRule;
  /** false: shown, not scored (2.2, 5.1) */
  scored: boolean;
  /** false: the Decision gives no public formula (4.2b): always without data */
  formula: boolean;
  /** reconstructed from portal answers (DECISION-766.md: "observed") */
  observed: boolean;
  /** percent: a ratio in [0, 1]; days: a mean (2.2) */
  unit: 'percent' | 'days';
  item: Item;
  /**
   * what the numerator counts, as a noun phrase: "41 % hồ sơ trực tuyến", "thêm 120 hồ sơ trực tuyến"; a count of
   * procedure-months (3.2, 3.5b, 4.5a: a period's ratio is over its months) says so
   */
  noun_vi: string;
  noun_en: string;
  /** the indicator ids of queries/index766, summed part by part when more than one (2.1) */
  query: string[];
}

/**
 * An indicator without data (a zero denominator under the 'no_data' rule, or no formula) leaves both the score and
 * the maximum, and the score is rescaled to 100 (observed practice of local tools). Off: it counts 0 of its maximum.
 */
export const NO_DATA_RESCALE = true;
/** The rescaling rule is observed, not read in the Decision. */
export const NO_DATA_RESCALE_OBSERVED = true;

/** The `indicator` of a target on the score (targets.csv): judged on the monthly scores, in points. */
export const INDEX766_TARGET_INDICATOR = 'index766';

/** A local group score further than this from the portal's published one is flagged (points). */
export const PORTAL_FLAG_POINTS = 2;

export const GROUPS: readonly GroupDef[] = [
  { id: '1', name_vi: 'Công khai, minh bạch', name_en: 'Transparency', max: 18 },
  { id: '2', name_vi: 'Tiến độ giải quyết', name_en: 'Progress', max: 20 },
  { id: '3', name_vi: 'Dịch vụ công trực tuyến', name_en: 'Online service', max: 12 },
  { id: '3b', name_vi: 'Thanh toán trực tuyến', name_en: 'Online payment', max: 10 },
  { id: '4', name_vi: 'Số hóa hồ sơ', name_en: 'Digitisation', max: 22 },
  { id: '5', name_vi: 'Mức độ hài lòng', name_en: 'Satisfaction', max: 18 },
];

const LINEAR: PointsRule = { kind: 'linear' };
const at = (t: number): PointsRule => ({ kind: 'threshold', at: t });
const q = (suffix: string) => `index766_${suffix}`;

type Spec = Omit<IndicatorRule, 'zero' | 'scored' | 'formula' | 'observed' | 'unit' | 'query'> &
  Partial<Pick<IndicatorRule, 'zero' | 'scored' | 'formula' | 'observed' | 'unit' | 'query'>>;

const spec = (s: Spec): IndicatorRule => ({
  zero: 'no_data',
  scored: true,
  formula: true,
  observed: false,
  unit: 'percent',
  query: [q(s.id.replace('.', '_'))],
  ...s,
});

export const INDICATORS: readonly IndicatorRule[] = [
  spec({
    id: '1.1',
    group: '1',
    name_vi: 'Thủ tục hành chính được công bố đúng hạn',
    name_en: 'Procedures announced on time',
    max: 6,
    rule: LINEAR,
    item: 'procedure',
    noun_vi: 'thủ tục công bố đúng hạn',
    noun_en: 'procedures announced on time',
  }),
  spec({
    id: '1.2',
    group: '1',
    name_vi: 'Thủ tục được công khai đúng hạn trên Cơ sở dữ liệu quốc gia',
    name_en: 'Procedures published on time in the national database',
    max: 4,
    rule: LINEAR,
    item: 'procedure',
    noun_vi: 'thủ tục công khai đúng hạn',
    noun_en: 'procedures published on time',
  }),
  spec({
    id: '1.3',
    group: '1',
    name_vi: 'Thủ tục được công khai đầy đủ',
    name_en: 'Procedures published in full',
    max: 2,
    rule: LINEAR,
    item: 'procedure',
    noun_vi: 'thủ tục công khai đầy đủ',
    noun_en: 'procedures published in full',
  }),
  spec({
    id: '1.4',
    group: '1',
    name_vi: 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia',
    name_en: 'Dossiers synchronised to the national portal',
    max: 6,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ được đồng bộ',
    noun_en: 'synchronised dossiers',
  }),
  spec({
    id: '2.1',
    group: '2',
    name_vi: 'Hồ sơ giải quyết đúng hạn, trước hạn',
    name_en: 'Dossiers handled on time or early',
    max: 20,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ đúng hạn',
    noun_en: 'dossiers on time',
    query: [q('2_1_finished'), q('2_1_open')],
  }),
  spec({
    id: '2.2',
    group: '2',
    name_vi: 'Thời gian giải quyết hồ sơ trung bình',
    name_en: 'Average resolution time',
    max: 0,
    rule: LINEAR,
    scored: false,
    unit: 'days',
    item: 'dossier',
    noun_vi: 'ngày',
    noun_en: 'days',
  }),
  spec({
    id: '3.1',
    group: '3',
    name_vi: 'Thủ tục cung cấp dịch vụ công trực tuyến',
    name_en: 'Procedures offered online (partly or fully)',
    max: 2,
    rule: at(0.8),
    observed: true,
    item: 'procedure',
    noun_vi: 'thủ tục trực tuyến',
    noun_en: 'procedures offered online',
  }),
  spec({
    id: '3.2',
    group: '3',
    name_vi: 'Dịch vụ công trực tuyến có phát sinh hồ sơ',
    name_en: 'Online services that received dossiers',
    max: 4,
    rule: LINEAR,
    observed: true,
    item: 'procedure',
    noun_vi: 'lượt dịch vụ trực tuyến có hồ sơ trong tháng',
    noun_en: 'online service-months with dossiers',
  }),
  spec({
    id: '3.3',
    group: '3',
    name_vi: 'Hồ sơ nộp trực tuyến',
    name_en: 'Dossiers submitted online',
    max: 6,
    rule: at(0.5),
    observed: true,
    item: 'dossier',
    noun_vi: 'hồ sơ trực tuyến',
    noun_en: 'online dossiers',
  }),
  spec({
    id: '3.5',
    group: '3b',
    name_vi: 'Thủ tục có phí, lệ phí được tích hợp thanh toán trực tuyến',
    name_en: 'Fee-bearing procedures with online payment integrated',
    max: 2,
    rule: at(0.8),
    item: 'procedure',
    noun_vi: 'thủ tục tích hợp thanh toán',
    noun_en: 'procedures with payment integrated',
  }),
  spec({
    id: '3.5b',
    group: '3b',
    name_vi: 'Thủ tục có phí, lệ phí phát sinh thanh toán trực tuyến',
    name_en: 'Fee-bearing procedures with at least one online payment',
    max: 2,
    rule: at(0.8),
    item: 'procedure',
    noun_vi: 'lượt thủ tục có thanh toán trực tuyến trong tháng',
    noun_en: 'fee-bearing procedure-months with an online payment',
    query: [q('3_5b')],
  }),
  spec({
    id: '3.6',
    group: '3b',
    name_vi: 'Hồ sơ thanh toán trực tuyến',
    name_en: 'Dossiers paid online',
    max: 6,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ thanh toán trực tuyến',
    noun_en: 'dossiers paid online',
  }),
  spec({
    id: '4.1',
    group: '4',
    name_vi: 'Hồ sơ được cấp kết quả điện tử',
    name_en: 'Electronic results issued',
    max: 6,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ có kết quả điện tử',
    noun_en: 'dossiers with an electronic result',
  }),
  spec({
    id: '4.2',
    group: '4',
    name_vi: 'Hồ sơ được số hóa',
    name_en: 'Dossiers digitised',
    max: 4,
    rule: at(0.8),
    item: 'dossier',
    noun_vi: 'hồ sơ số hóa',
    noun_en: 'digitised dossiers',
  }),
  spec({
    id: '4.2b',
    group: '4',
    name_vi: 'Bản sao điện tử có chứng thực',
    name_en: 'Electronic certified copies',
    max: 2,
    rule: LINEAR,
    formula: false,
    item: 'dossier',
    noun_vi: 'bản sao điện tử',
    noun_en: 'electronic copies',
    query: [],
  }),
  spec({
    id: '4.3',
    group: '4',
    name_vi: 'Hồ sơ tái sử dụng dữ liệu đã số hóa',
    name_en: 'Digitised data reused',
    max: 2,
    rule: at(0.8),
    item: 'dossier',
    noun_vi: 'hồ sơ tái sử dụng dữ liệu số',
    noun_en: 'dossiers reusing digitised data',
  }),
  spec({
    id: '4.4',
    group: '4',
    name_vi: 'Hồ sơ số hóa được chia sẻ để tái sử dụng',
    name_en: 'Dossiers digitised and shared for reuse',
    max: 4,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ chia sẻ dữ liệu số',
    noun_en: 'dossiers shared for reuse',
  }),
  spec({
    id: '4.5a',
    group: '4',
    name_vi: 'Thủ tục kết nối, sử dụng dữ liệu dân cư',
    name_en: 'Procedures connected to population data',
    max: 2,
    rule: LINEAR,
    item: 'procedure',
    noun_vi: 'lượt thủ tục dùng dữ liệu dân cư trong tháng',
    noun_en: 'procedure-months using population data',
    query: [q('4_5a')],
  }),
  spec({
    id: '4.5b',
    group: '4',
    name_vi: 'Hồ sơ sử dụng dữ liệu dân cư',
    name_en: 'Dossiers using population data',
    max: 2,
    rule: LINEAR,
    item: 'dossier',
    noun_vi: 'hồ sơ dùng dữ liệu dân cư',
    noun_en: 'dossiers using population data',
    query: [q('4_5b')],
  }),
  spec({
    id: '5.1',
    group: '5',
    name_vi: 'Phản ánh, kiến nghị về thủ tục hành chính (so với tổng số)',
    name_en: 'Petitions about procedures (of all petitions)',
    max: 0,
    rule: LINEAR,
    scored: false,
    item: 'petition',
    noun_vi: 'phản ánh về thủ tục',
    noun_en: 'petitions about procedures',
  }),
  spec({
    id: '5.2',
    group: '5',
    name_vi: 'Phản ánh, kiến nghị được xử lý đúng hạn',
    name_en: 'Petitions handled on time',
    max: 6,
    rule: LINEAR,
    zero: 'full',
    item: 'petition',
    noun_vi: 'phản ánh xử lý đúng hạn',
    noun_en: 'petitions handled on time',
  }),
  spec({
    id: '5.3',
    group: '5',
    name_vi: 'Mức độ hài lòng trong xử lý phản ánh, kiến nghị',
    name_en: 'Satisfaction with petition handling',
    max: 6,
    rule: LINEAR,
    zero: 'full',
    item: 'petition',
    noun_vi: 'phản ánh được hài lòng',
    noun_en: 'petitions handled to satisfaction',
  }),
  spec({
    id: '5.4',
    group: '5',
    name_vi: 'Mức độ hài lòng trong giải quyết hồ sơ',
    name_en: 'Satisfaction with dossier handling',
    max: 6,
    rule: at(0.9),
    zero: 'zero',
    item: 'dossier',
    noun_vi: 'hồ sơ đúng hạn, không bị phản ánh',
    noun_en: 'dossiers on time without complaint',
  }),
];

export const RULES: ReadonlyMap<string, IndicatorRule> = new Map(INDICATORS.map((r) => [r.id, r]));

/** Every query id the index reads, once each, in the order of the indicators. */
export const QUERY_IDS: readonly string[] = [...new Set(INDICATORS.flatMap((r) => r.query))];

export type Grade = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

/** Grades used by local tools (commonly cited, not official): the lowest score of each. */
export const GRADES: readonly { grade: Grade; from: number }[] = [
  { grade: 'excellent', from: 90 },
  { grade: 'good', from: 80 },
  { grade: 'fair', from: 70 },
  { grade: 'average', from: 50 },
  { grade: 'weak', from: -Infinity },
];

export function grade(score: number | null): Grade | null {
  if (score === null) return null;
  return GRADES.find((g) => score >= g.from)!.grade;
}

/** Rounded to 2 decimals, half away from zero, without the float error of x × 100 (1.005 → 1.01). */
export function round2(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9 * Math.max(1, Math.abs(x))) / 100;
  return x < 0 ? -r : r;
}

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export type PointsStatus = 'scored' | 'no_data' | 'not_scored' | 'no_formula';

export interface IndicatorPoints {
  /** in [0, 1] for a percent, the mean for days; null without a denominator */
  ratio: number | null;
  points: number | null;
  /** max − points when scored, else null */
  lost: number | null;
  status: PointsStatus;
}

/** Points for a ratio in [0, 1] under a rule, unrounded. */
export function pointsAt(rule: Pick<IndicatorRule, 'max' | 'rule'>, ratio: number): number {
  const r = clamp01(ratio);
  if (rule.rule.kind === 'linear') return rule.max * r;
  return r >= rule.rule.at ? rule.max : (rule.max * r) / rule.rule.at;
}

/** The ratio at which an indicator gets full points (1 for a linear rule). */
export const fullAt = (rule: Pick<IndicatorRule, 'rule'>): number => (rule.rule.kind === 'linear' ? 1 : rule.rule.at);

/** One indicator's ratio and points (rounded to 2 decimals) from its numerator and denominator. */
export function indicatorPoints(
  rule: IndicatorRule,
  numerator: number | null,
  denominator: number | null,
): IndicatorPoints {
  if (!rule.formula) return { ratio: null, points: null, lost: null, status: 'no_formula' };
  const hasBase = numerator !== null && denominator !== null && denominator !== 0;
  if (!rule.scored) {
    const ratio = hasBase ? numerator / denominator : null;
    return {
      ratio: ratio === null || rule.unit === 'days' ? ratio : clamp01(ratio),
      points: null,
      lost: null,
      status: 'not_scored',
    };
  }
  if (!hasBase) {
    if (rule.zero === 'no_data') return { ratio: null, points: null, lost: null, status: 'no_data' };
    const points = rule.zero === 'full' ? rule.max : 0;
    return { ratio: null, points, lost: round2(rule.max - points), status: 'scored' };
  }
  const ratio = clamp01(numerator / denominator);
  const points = round2(pointsAt(rule, ratio));
  return { ratio, points, lost: round2(rule.max - points), status: 'scored' };
}

/** What unitScore reads of each indicator (any status; only 'scored' ones count, and 'no_data' without rescaling). */
export interface ScoredIndicator {
  id: string;
  points: number | null;
  status: string;
}

export interface UnitScore {
  /** 0..100, over the maximum of the indicators with data, 2 decimals; null when none has data */
  score: number | null;
  /** points earned, the sum of the groups' points */
  points: number | null;
  /** the maximum of the indicators counted */
  max: number;
  grade: Grade | null;
  groups: { id: GroupId; points: number | null; max: number }[];
}

/** Whether an indicator's maximum counts in the score: scored, or without data when nothing is rescaled. */
function counts(rule: IndicatorRule, status: string, rescale: boolean): boolean {
  if (!rule.scored) return false;
  if (status === 'scored') return true;
  return !rescale && (status === 'no_data' || status === 'no_formula');
}

/**
 * A unit's score from its indicators: group points (sums of rounded indicator points, rounded), total points (the
 * sum of the groups), the maximum of the indicators counted, and the score rescaled to 100 over that maximum.
 * An indicator withheld by disclosure control never counts.
 */
export function unitScore(indicators: readonly ScoredIndicator[], rescale = NO_DATA_RESCALE): UnitScore {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const groups = GROUPS.map((g) => {
    let points = 0;
    let max = 0;
    let any = false;
    for (const rule of INDICATORS) {
      if (rule.group !== g.id) continue;
      const ind = byId.get(rule.id);
      if (!ind || !counts(rule, ind.status, rescale)) continue;
      any = true;
      max += rule.max;
      points += ind.status === 'scored' ? (ind.points ?? 0) : 0;
    }
    return { id: g.id, points: any ? round2(points) : null, max };
  });
  const counted = groups.filter((g) => g.points !== null);
  const max = counted.reduce((s, g) => s + g.max, 0);
  if (counted.length === 0 || max === 0) return { score: null, points: null, max: 0, grade: null, groups };
  const points = round2(counted.reduce((s, g) => s + g.points!, 0));
  const score = round2((points * 100) / max);
  return { score, points, max, grade: grade(score), groups };
}

// --- the rules in words (Vietnamese first) ---

const pctVi = (x: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(x * 100)} %`;
const pctEn = (x: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(x * 100)} %`;

/** The rule of an indicator, in Vietnamese and English. */
export function ruleText(rule: IndicatorRule): { vi: string; en: string } {
  if (!rule.formula) return { vi: 'Chưa có công thức công khai: không tính điểm', en: 'No public formula: not scored' };
  if (!rule.scored) return { vi: 'Theo dõi, không tính điểm', en: 'Tracked, not scored' };
  const m = rule.max;
  const base =
    rule.rule.kind === 'linear'
      ? { vi: `Điểm = ${m} × tỉ lệ`, en: `Points = ${m} × ratio` }
      : {
          vi: `Đủ ${m} điểm khi tỉ lệ ≥ ${pctVi(rule.rule.at)}, nếu không: ${m} × tỉ lệ ÷ ${pctVi(rule.rule.at)}`,
          en: `Full ${m} points at a ratio ≥ ${pctEn(rule.rule.at)}, else ${m} × ratio ÷ ${pctEn(rule.rule.at)}`,
        };
  const what = {
    dossier: ['hồ sơ', 'dossiers'],
    procedure: ['thủ tục', 'procedures'],
    petition: ['phản ánh', 'petitions'],
  };
  const [vi, en] = what[rule.item];
  const zero =
    rule.zero === 'full'
      ? { vi: `; không có ${vi}: đủ ${m} điểm`, en: `; no ${en}: full ${m} points` }
      : rule.zero === 'zero'
        ? { vi: `; không có ${vi}: 0 điểm`, en: `; no ${en}: 0 points` }
        : { vi: `; không có ${vi}: không tính`, en: `; no ${en}: left out` };
  const observed = rule.observed
    ? { vi: ' (theo quan sát Cổng)', en: ' (observed on the portal)' }
    : { vi: '', en: '' };
  return { vi: base.vi + zero.vi + observed.vi, en: base.en + zero.en + observed.en };
}
