// Vietnamese column names and enum values (aliases.ts): consistent with columns.ts, and read from CSV headers written
// in any case, NFC or NFD, with extra blanks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headerKey, importColumns, sheetMatches, VI_COLUMNS, VI_VALUES } from '../../data/pipeline/import/aliases.ts';
import { COLUMNS, KIND_ORDER, type Kind } from '../../data/pipeline/import/columns.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-aliases-'));
let store: Store | undefined;
afterAll(() => {
  store?.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the Vietnamese names', () => {
  it('name columns that exist, and no header means two columns of a kind', () => {
    for (const [kind, names] of Object.entries(VI_COLUMNS)) {
      const specs = COLUMNS[kind as Kind];
      expect(specs, kind).toBeDefined();
      for (const column of Object.keys(names ?? {}))
        expect(
          specs.some((c) => c.name === column),
          `${kind}.${column}`,
        ).toBe(true);
    }
    for (const kind of KIND_ORDER) {
      const owner = new Map<string, string>();
      for (const col of importColumns(kind))
        for (const name of [col.name, ...(col.aliases ?? [])]) {
          const key = headerKey(name);
          expect(owner.get(key) ?? col.name, `${kind}: "${name}"`).toBe(col.name);
          owner.set(key, col.name);
        }
    }
  });

  it('map enum spellings to values of the column', () => {
    for (const [kind, columns] of Object.entries(VI_VALUES))
      for (const [column, spellings] of Object.entries(columns ?? {})) {
        const spec = COLUMNS[kind as Kind].find((c) => c.name === column);
        expect(spec?.value.type, `${kind}.${column}`).toBe('enum');
        const values = spec?.value.type === 'enum' ? new Set(Object.values(spec.value.values)) : new Set();
        for (const [spelling, value] of Object.entries(spellings)) expect(values.has(value), spelling).toBe(true);
      }
  });

  it('compare headers and sheet names in any case, NFC or NFD, with extra blanks', () => {
    expect(headerKey('  NGÀY\u00a0 tiếp\n nhận '.normalize('NFD'))).toBe(headerKey('Ngày tiếp nhận'));
    expect(sheetMatches('dossiers', ' hồ SƠ'.normalize('NFD'))).toBe(true);
    expect(sheetMatches('dossiers', 'DOSSIERS')).toBe(true);
    expect(sheetMatches('dossiers', 'Dân cư')).toBe(false);
  });
});

describe('CSV files with Vietnamese headers and values', () => {
  it('load units and procedures', async () => {
    const dir = join(tmp, 'vi');
    mkdirSync(dir);
    const units = [
      'Mã đơn vị,Mã hành chính,Tên đơn vị,CẤP,Mã đơn vị cấp trên,Hiệu lực từ,Diện tích (km²)',
      '30,30,Tỉnh Hải Dương,Tỉnh,,01/01/2008,1668.2',
      '291,291,Huyện Nam Sách,huyện,30,01/01/2008,109.5',
      `10633,10633,Xã Nam Trung,${'Xã'.normalize('NFD')},291,2008-01-01,5.6`,
    ];
    const procedures = [
      ['Mã  thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Thời hạn giải quyết (ngày)']
        .map((h) => h.normalize('NFD'))
        .join(','),
      '1.001193,Đăng ký khai sinh,Hộ tịch,Cấp xã,1',
      '1.004194,Đăng ký thường trú,cư trú,Cấp huyện,7',
    ];
    writeFileSync(join(dir, 'units.csv'), units.join('\n') + '\n');
    writeFileSync(join(dir, 'procedures.csv'), procedures.join('\n') + '\n');
    store = await memoryStore();
    const report = await importFolder(store.connection, dir, { now: NOW });
    expect(report.errors).toEqual([]);
    expect(
      await rows(
        store.connection,
        'SELECT unit_id, level, parent_id, valid_from::VARCHAR AS valid_from, area_km2 FROM units ORDER BY unit_id',
      ),
    ).toEqual([
      { unit_id: '10633', level: 'commune', parent_id: '291', valid_from: '2008-01-01', area_km2: 5.6 },
      { unit_id: '291', level: 'district', parent_id: '30', valid_from: '2008-01-01', area_km2: 109.5 },
      { unit_id: '30', level: 'province', parent_id: null, valid_from: '2008-01-01', area_km2: 1668.2 },
    ]);
    expect(
      await rows(store.connection, 'SELECT procedure_code, field, level, due_days FROM procedures ORDER BY 1'),
    ).toEqual([
      { procedure_code: '1.001193', field: 'civil_status', level: 'commune', due_days: 1 },
      { procedure_code: '1.004194', field: 'residence', level: 'district', due_days: 7 },
    ]);
  });
});
