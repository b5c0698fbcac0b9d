// The datasets that can be taken out in bulk (issue 20): one per registry indicator, the population and dossier
// cubes, the targets and the Decision 766 index, described as the catalogue (server/catalog) and the bulk route
// (server/routes/bulk.ts) both read them. Built from the registry and the store's state, never written beside them.
import type { Context } from '../context.ts';
import { INDICATOR_KEY_DOMAIN, indicatorKeyDomain } from '../auth/keys.ts';
import { domainDataDate } from '../context.ts';
import { CUBE_START } from '../../data/pipeline/store.ts';
import type { IndicatorDef, Registry } from '../registry/index.ts';
import type { Bilingual, DatasetColumn, DatasetInfo, KeyDomain } from '../contracts/open-data.ts';

const FIXED_DOMAINS: Record<string, KeyDomain> = {
  population_cube: 'population',
  dossier_cube: 'procedures',
  targets: 'targets',
  index766: 'index',
};

/** The key domain a dataset id reads, or null for an unknown id (the route then answers 404). */
export function datasetDomain(registry: Registry, id: string): KeyDomain | null {
  if (Object.hasOwn(FIXED_DOMAINS, id)) return FIXED_DOMAINS[id];
  if (id.startsWith('indicator.')) return indicatorKeyDomain(registry, id.slice('indicator.'.length));
  return null;
}

/** The first and last month a cube can hold. */
export const FIRST_MONTH = CUBE_START.slice(0, 7);

const col = (name: string, type: DatasetColumn['type'], vi: string, en: string): DatasetColumn => ({
  name,
  type,
  title: { vi, en },
});

const UNIT_COLUMNS = [
  col('unit', 'string', 'Mã đơn vị hành chính', 'Administrative unit code'),
  col('unit_name', 'string', 'Tên đơn vị hành chính', 'Administrative unit name'),
  col('month', 'string', 'Tháng (YYYY-MM)', 'Month (YYYY-MM)'),
];

/** The columns of an indicator dataset: exactly the fields of /api/indicators/:id?by=month's rows. */
export const INDICATOR_COLUMNS: DatasetColumn[] = [
  ...UNIT_COLUMNS,
  col('value', 'double', 'Giá trị', 'Value'),
  col('numerator', 'double', 'Tử số', 'Numerator'),
  col('denominator', 'double', 'Mẫu số', 'Denominator'),
  col('suppressed', 'boolean', 'Bị ẩn (bảo vệ số nhỏ)', 'Withheld (small counts)'),
  col('suppression', 'string', 'Lý do ẩn', 'Why withheld'),
];

export const POPULATION_CUBE_COLUMNS: DatasetColumn[] = [
  ...UNIT_COLUMNS,
  col('sex', 'string', 'Giới tính (M nam, F nữ)', 'Sex (M male, F female)'),
  col('age_group', 'integer', 'Nhóm tuổi 5 năm (tuổi đầu nhóm; 85: từ 85)', '5-year age group (first age; 85: 85+)'),
  col('residence', 'string', 'Loại cư trú (permanent, temporary)', 'Residence (permanent, temporary)'),
  col('population', 'integer', 'Dân số cuối tháng (đã nhiễu)', 'Population at month end (perturbed)'),
];

/**
 * An indicator statement split by procedure and channel: its filters `$procedure` and `$channel` become the dossier
 * row's own columns, kept in the output and the grouping. Null when the statement is not of the dossier cube's
 * shape (`SELECT d.unit_id, d.month, …` from dossier_month d, grouped by d.unit_id, d.month): it is then left out.
 */
export function splitStatement(def: IndicatorDef): string | null {
  const sql = def.sql.trim().replace(/;\s*$/, '');
  const head = /^SELECT d\.unit_id, d\.month,/;
  const tail = /GROUP BY d\.unit_id, d\.month\s*$/;
  if (!head.test(sql) || !tail.test(sql) || !/\bFROM dossier_month d\b/.test(sql)) return null;
  return sql
    .replace(head, 'SELECT d.unit_id, d.month, d.procedure_code AS procedure, d.channel AS channel,')
    .replace(tail, 'GROUP BY d.unit_id, d.month, d.procedure_code, d.channel')
    .replace(/\$procedure\b/g, 'd.procedure_code')
    .replace(/\$channel\b/g, 'd.channel')
    .replace(/\$(procedure_level|field)\b/g, 'NULL');
}

/** The indicators whose counts make the dossier cube: counts (no denominator) filtered by procedure and channel. */
export function dossierCubeIndicators(registry: Registry): IndicatorDef[] {
  return registry
    .list()
    .filter(
      (d) =>
        d.domain === 'procedures' &&
        d.meta.unit === 'count' &&
        d.meta.denominator === 'none' &&
        d.meta.disclosure === 'count' &&
        d.meta.filters.includes('procedure') &&
        d.meta.filters.includes('channel') &&
        splitStatement(d) !== null,
    );
}

export function dossierCubeColumns(registry: Registry): DatasetColumn[] {
  return [
    ...UNIT_COLUMNS,
    col('procedure', 'string', 'Mã thủ tục hành chính', 'Procedure code'),
    col('channel', 'string', 'Kênh tiếp nhận', 'Channel'),
    ...dossierCubeIndicators(registry).map((d) =>
      col(d.id, 'integer', `${d.meta.name_vi} (đã nhiễu)`, `${d.meta.name_en} (perturbed)`),
    ),
  ];
}

export const TARGET_COLUMNS: DatasetColumn[] = [
  col('unit', 'string', 'Mã đơn vị hành chính', 'Administrative unit code'),
  col('target_id', 'string', 'Mã chỉ tiêu kế hoạch', 'Target id'),
  col('indicator', 'string', 'Chỉ số đo', 'Indicator'),
  col('title_vi', 'string', 'Tên chỉ tiêu (tiếng Việt)', 'Title (Vietnamese)'),
  col('title_en', 'string', 'Tên chỉ tiêu (tiếng Anh)', 'Title (English)'),
  col('comparator', 'string', 'Phép so sánh', 'Comparator'),
  col('target', 'double', 'Mức chỉ tiêu', 'Target level'),
  col('unit_of_measure', 'string', 'Đơn vị đo', 'Unit of measure'),
  col('deadline', 'string', 'Thời hạn', 'Deadline'),
  col('status', 'string', 'Tình trạng', 'Status'),
  col('value', 'double', 'Giá trị mới nhất', 'Latest value'),
  col('value_month', 'string', 'Tháng của giá trị', 'Month of the value'),
  col('probability', 'double', 'Xác suất đạt', 'Probability of meeting it'),
  col('data_date', 'string', 'Ngày dữ liệu', 'Data date'),
];

export const INDEX766_COLUMNS: DatasetColumn[] = [
  ...UNIT_COLUMNS,
  col('indicator', 'string', 'Chỉ số của Quyết định 766 (1.1 … 5.4)', 'Decision 766 indicator (1.1 … 5.4)'),
  col('numerator', 'double', 'Tử số', 'Numerator'),
  col('denominator', 'double', 'Mẫu số', 'Denominator'),
  col('ratio', 'double', 'Tỷ lệ', 'Ratio'),
  col('points', 'double', 'Điểm', 'Points'),
  col('max', 'double', 'Điểm tối đa', 'Maximum points'),
  col('status', 'string', 'Tình trạng', 'Status'),
];

const CELLKEY_NOTE: Bilingual = {
  vi:
    'Mỗi số đếm được cộng một nhiễu nhỏ cố định theo khóa ô (tối đa ±2 với số từ 5 trở lên); ' +
    'cùng một ô luôn cho cùng một giá trị ở mọi nơi.',
  en:
    'Each count carries a small fixed perturbation from its cell key (at most ±2 for counts of 5 or more); ' +
    'the same cell always gives the same value everywhere.',
};
const SUPPRESS_NOTE: Bilingual = {
  vi: 'Ô có số đếm nhỏ hơn ngưỡng bị ẩn (không có giá trị), kèm các ô cần ẩn thêm để không suy ngược được.',
  en: 'Cells with counts below the threshold are withheld (no value), with the cells needed to stop back-calculation.',
};
const NONE_NOTE: Bilingual = {
  vi: 'Không phải số đếm về người: giá trị được công bố nguyên.',
  en: 'Not a count about people: values are published as they are.',
};
const CUBE_SUPPRESS: Bilingual = {
  vi:
    'Kho đang dùng phương pháp ẩn ô nhỏ (IOC_DISCLOSURE=suppress): một khối dữ liệu đầy đủ cần ẩn bổ sung trên ' +
    'toàn khối, nên không được xuất. Hãy tải từng chỉ tiêu.',
  en:
    'The store uses small-cell suppression (IOC_DISCLOSURE=suppress): a whole cube would need complementary ' +
    'suppression over every cell, so it is not offered. Download the indicators one by one.',
};

function disclosureOf(method: string): DatasetInfo['disclosure'] {
  const note = method === 'cellkey' ? CELLKEY_NOTE : method === 'suppress' ? SUPPRESS_NOTE : NONE_NOTE;
  return { method, note };
}

/** The months a domain's data covers: from the cubes' first month to its data date's month. */
function coverage(ctx: Context, domain: string): DatasetInfo['coverage'] {
  if (Object.keys(ctx.info.dataDates).length === 0) return null;
  return { from: FIRST_MONTH, to: domainDataDate(ctx.info, domain).slice(0, 7) };
}

const frequencyOf = (domain: string): DatasetInfo['frequency'] =>
  domain === 'population' || domain === 'procedures' || domain === 'index766' ? 'continuous' : 'monthly';

function indicatorDataset(ctx: Context, def: IndicatorDef): DatasetInfo {
  const m = def.meta;
  const method = ctx.indicators.perturbs(def) ? 'cellkey' : m.disclosure === 'none' ? 'none' : 'suppress';
  return {
    id: `indicator.${def.id}`,
    kind: 'indicator',
    domain: INDICATOR_KEY_DOMAIN[def.domain],
    title: { vi: m.name_vi, en: m.name_en },
    description: {
      vi: `Chỉ tiêu "${m.name_vi}" theo đơn vị hành chính và tháng, như màn hình và /api/indicators/${def.id} cho.`,
      en:
        `The indicator "${m.name_en}" by administrative unit and month, as the screens and ` +
        `/api/indicators/${def.id} give it.`,
    },
    numerator: m.numerator,
    denominator: m.denominator === 'none' ? null : m.denominator,
    unit: m.unit,
    columns: INDICATOR_COLUMNS,
    coverage: coverage(ctx, def.domain),
    frequency: frequencyOf(def.domain),
    data_date: Object.keys(ctx.info.dataDates).length ? domainDataDate(ctx.info, def.domain) : null,
    disclosure: disclosureOf(method),
    available: true,
    unavailable_reason: null,
  };
}

function cube(ctx: Context, id: 'population_cube' | 'dossier_cube'): DatasetInfo {
  const people = id === 'population_cube';
  const domain = people ? 'population' : 'procedures';
  const kind = people ? 'people' : 'dossiers';
  const suppress = ctx.indicators.method === 'suppress';
  const hasData = Boolean(ctx.info.dataDates[kind]);
  const counted = dossierCubeIndicators(ctx.registry).map((d) => d.id);
  return {
    id,
    kind: 'cube',
    domain: people ? 'population' : 'procedures',
    title: people
      ? { vi: 'Khối dân số', en: 'Population cube' }
      : { vi: 'Khối hồ sơ thủ tục hành chính', en: 'Dossier cube' },
    description: people
      ? {
          vi: 'Dân số cuối tháng theo đơn vị cơ sở × tháng × giới tính × nhóm tuổi 5 năm × loại cư trú.',
          en: 'Population at month end by base unit × month × sex × 5-year age group × residence.',
        }
      : {
          vi: `Số hồ sơ theo đơn vị cơ sở × tháng × thủ tục × kênh: ${counted.join(', ')}.`,
          en: `Dossier counts by base unit × month × procedure × channel: ${counted.join(', ')}.`,
        },
    numerator: people ? 'residents of the unit at month end, in the cell' : `dossiers counted by ${counted.join(', ')}`,
    denominator: null,
    unit: people ? 'persons' : 'count',
    columns: people ? POPULATION_CUBE_COLUMNS : dossierCubeColumns(ctx.registry),
    coverage: hasData ? coverage(ctx, domain) : null,
    frequency: 'continuous',
    data_date: ctx.info.dataDates[kind] ?? null,
    disclosure: disclosureOf(ctx.indicators.method),
    available: !suppress && hasData,
    unavailable_reason: suppress
      ? CUBE_SUPPRESS
      : hasData
        ? null
        : { vi: 'Kho chưa có dữ liệu này.', en: 'The store holds no such data yet.' },
  };
}

function targets(ctx: Context): DatasetInfo {
  const any = Object.keys(ctx.info.dataDates).length > 0;
  return {
    id: 'targets',
    kind: 'targets',
    domain: 'targets',
    title: { vi: 'Chỉ tiêu kế hoạch và tình trạng', en: 'Plan targets and their status' },
    description: {
      vi: 'Mỗi chỉ tiêu của kế hoạch Đề án 06 theo đơn vị: mức, thời hạn, giá trị mới nhất, tình trạng, dự báo.',
      en: 'Each target of the Đề án 06 plan by unit: level, deadline, latest value, status, forecast.',
    },
    numerator: null,
    denominator: null,
    unit: 'mixed',
    columns: TARGET_COLUMNS,
    coverage: any ? { from: FIRST_MONTH, to: domainDataDate(ctx.info, 'targets').slice(0, 7) } : null,
    frequency: 'monthly',
    data_date: any ? domainDataDate(ctx.info, 'targets') : null,
    disclosure: disclosureOf(ctx.indicators.method),
    available: any,
    unavailable_reason: any ? null : { vi: 'Kho chưa có dữ liệu.', en: 'The store holds no data yet.' },
  };
}

function index766(ctx: Context): DatasetInfo {
  const has = Boolean(ctx.info.dataDates.dossiers) && ctx.registry.list().some((d) => d.domain === 'index766');
  return {
    id: 'index766',
    kind: 'index766',
    domain: 'index',
    title: { vi: 'Bộ chỉ số phục vụ người dân (Quyết định 766)', en: 'Decision 766 service index' },
    description: {
      vi: 'Điểm từng chỉ số của Quyết định 766/QĐ-TTg theo đơn vị và tháng, như /api/index766 cho.',
      en: 'The points of each Decision 766/QĐ-TTg indicator by unit and month, as /api/index766 gives them.',
    },
    numerator: 'per indicator, as Decision 766 defines it',
    denominator: 'per indicator, as Decision 766 defines it',
    unit: 'points',
    columns: INDEX766_COLUMNS,
    coverage: has ? coverage(ctx, 'index766') : null,
    frequency: 'continuous',
    data_date: ctx.info.dataDates.dossiers ?? null,
    disclosure: disclosureOf(ctx.indicators.method),
    available: has,
    unavailable_reason: has
      ? null
      : { vi: 'Kho chưa có dữ liệu hồ sơ để tính chỉ số.', en: 'The store holds no dossiers to score yet.' },
  };
}

/** Every dataset, in a fixed order: the cubes, the targets, the index, then the indicators by domain and id. */
export function listDatasets(ctx: Context): DatasetInfo[] {
  return [
    cube(ctx, 'population_cube'),
    cube(ctx, 'dossier_cube'),
    targets(ctx),
    index766(ctx),
    ...ctx.registry.list().map((def) => indicatorDataset(ctx, def)),
  ];
}

/** One dataset by id, or undefined. */
export function findDataset(ctx: Context, id: string): DatasetInfo | undefined {
  return listDatasets(ctx).find((d) => d.id === id);
}
