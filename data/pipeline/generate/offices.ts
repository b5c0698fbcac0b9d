// The demo's offices and plan (docs/data-formats.md, "offices" and "tasks"): the standard offices of every base
// commune (Văn phòng HĐND-UBND xã, Công an xã, Bộ phận một cửa, …) and two of each district (Công an huyện, Văn
// phòng HĐND-UBND huyện), the demo staff accounts in theirs, and the plan's tasks (data/reference/tasks.csv) as Nam
// Trung's. Written by generateDemo (index.ts); not random: the same for every seed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvWriter } from './csv-writer.ts';
import { CsvReader, parseCsv } from './csv-read.ts';
import { REFERENCE_DIR } from './reference.ts';
import type { Universe } from './universe.ts';

/** The commune whose plan tasks.csv is (Kế hoạch 16/KH-UBND of Nam Trung), and its demo staff accounts. */
export const PLAN_UNIT = '10633';
export const DEMO_OFFICE_ACCOUNTS: Record<string, string[]> = {
  [`${PLAN_UNIT}.mot-cua`]: ['canbo.namtrung'],
  [`${PLAN_UNIT}.cong-an`]: ['congan.namtrung'],
};

/**
 * The standard offices of a commune: slug, Vietnamese name (`{xã}`: "xã", "thị trấn" or "phường"), English name
 * (`{Commune}`: "Commune", "Town" or "Ward"). The names are those tasks.csv writes.
 */
export const COMMUNE_OFFICES: [string, string, string][] = [
  ['van-phong', 'Văn phòng HĐND-UBND {xã}', "{Commune} People's Council and People's Committee Office"],
  ['cong-an', 'Công an {xã}', '{Commune} Police'],
  ['mot-cua', 'Bộ phận một cửa', 'One-stop shop'],
  ['tu-phap', 'Bộ phận Tư pháp', 'Justice section'],
  ['ke-toan', 'Bộ phận Kế toán - Ngân sách', 'Accounting and Budget section'],
  ['quan-su', 'Ban Chỉ huy Quân sự {xã}', '{Commune} Military Command'],
  ['ldtbxh', 'Bộ phận Lao động - Thương binh và Xã hội', 'Labour, Invalids and Social Affairs section'],
  ['noi-vu', 'Văn phòng Nội vụ', 'Home Affairs Office'],
  ['truong-hoc', 'Các trường học', 'Schools'],
  ['nong-nghiep', 'Bộ phận Nông nghiệp và Phát triển nông thôn', 'Agriculture and Rural Development section'],
  ['dia-chinh', 'Bộ phận Địa chính - Xây dựng', 'Land Administration and Construction section'],
  ['y-te', 'Trạm Y tế', 'Health Station'],
  ['van-hoa', 'Bộ phận Văn hóa thông tin', 'Culture and Information section'],
];

/** The offices of a district (`{huyện}`: "huyện", "thị xã", "thành phố" or "quận"). */
export const DISTRICT_OFFICES: [string, string, string][] = [
  ['cong-an', 'Công an {huyện}', '{District} Police'],
  ['van-phong', 'Văn phòng HĐND-UBND {huyện}', "{District} People's Council and People's Committee Office"],
];

const COMMUNE_WORDS: [string, string, string][] = [
  ['Thị trấn ', 'thị trấn', 'Town'],
  ['Phường ', 'phường', 'Ward'],
  ['Xã ', 'xã', 'Commune'],
];
const DISTRICT_WORDS: [string, string, string][] = [
  ['Thị xã ', 'thị xã', 'Town'],
  ['Thành phố ', 'thành phố', 'City'],
  ['Quận ', 'quận', 'Urban district'],
  ['Huyện ', 'huyện', 'District'],
];

/** The word a unit's name starts with ("Thị trấn Nam Sách" → thị trấn, Town); the first of `words` by default. */
function wordsOf(name: string, words: [string, string, string][]): [string, string] {
  const found = words.find(([prefix]) => name.startsWith(prefix)) ?? words[words.length - 1];
  return [found[1], found[2]];
}

/** Writes offices.csv: the offices of every base commune and district of the universe; returns the rows. */
export function writeOffices(path: string, universe: Universe): number {
  const names = new Map(universe.units.map((u) => [u.unit_id, u.name]));
  const out = new CsvWriter(path, ['office_id', 'unit_id', 'name', 'name_en', 'accounts']);
  const write = (unitId: string, offices: [string, string, string][], words: [string, string, string][]) => {
    const [vi, en] = wordsOf(names.get(unitId) ?? '', words);
    for (const [slug, name, nameEn] of offices) {
      const id = `${unitId}.${slug}`;
      out.row([
        id,
        unitId,
        name.replace(/\{[^}]+\}/, vi),
        nameEn.replace(/\{[^}]+\}/, en),
        (DEMO_OFFICE_ACCOUNTS[id] ?? []).join('; '),
      ]);
    }
  };
  for (const d of universe.districts) write(d.unitId, DISTRICT_OFFICES, DISTRICT_WORDS);
  for (const c of [...universe.communes].sort((a, b) => a.unitId.localeCompare(b.unitId)))
    write(c.unitId, COMMUNE_OFFICES, COMMUNE_WORDS);
  out.close();
  return out.rows;
}

/**
 * Writes tasks.csv: data/reference/tasks.csv with a unit_id column (Nam Trung's), when the universe has Nam Trung;
 * returns the rows (0: no file).
 */
export function writeTasks(path: string, universe: Universe): number {
  if (!universe.communes.some((c) => c.unitId === PLAN_UNIT)) return 0;
  const text = readFileSync(join(REFERENCE_DIR, 'tasks.csv'), 'utf8');
  const header = new CsvReader().read(text, true)[0].fields;
  const out = new CsvWriter(path, ['unit_id', ...header]);
  for (const row of parseCsv(text)) out.row([PLAN_UNIT, ...header.map((h) => row[h] ?? '')]);
  out.close();
  return out.rows;
}
