// What a signed-in account may see and do in the web app (web/src/auth/session.ts): role labels,
// permissions behind the export buttons and admin menu, its units, and labels of units that share a name.
import { describe, expect, it } from 'vitest';
import type { Me } from '../../web/src/api/auth.ts';
import {
  adminScreens,
  homeUnitOf,
  inScope,
  may,
  roleKey,
  sortedUnits,
  totalsOnly,
  unitLabels,
} from '../../web/src/auth/session.ts';
import { MESSAGES } from '../../web/src/i18n/index.ts';

const me = (role: Me['account']['role'], can: string[], units: Me['units'] = []): Me => ({
  account: {
    username: 'x',
    display_name: 'X',
    role,
    unit_id: '10633',
    unit_name: 'Xã Nam Trung',
    active: true,
    demo: false,
    created_at: '',
    updated_at: '',
  },
  csrf_token: 't',
  expires_at: '',
  can,
  units,
});

const LEADER_UNITS: Me['units'] = [
  { unit_id: '291', name: 'Huyện Nam Sách', level: 'district', totals_only: true },
  { unit_id: '10633', name: 'Xã Nam Trung', level: 'commune', totals_only: false },
];

describe('roles', () => {
  it.each([
    ['admin', 'Quản trị hệ thống', 'Administrator'],
    ['leader', 'Lãnh đạo', 'Leader'],
    ['planner', 'Cán bộ quy hoạch', 'Planner'],
    ['staff', 'Cán bộ nghiệp vụ', 'Staff'],
  ])('%s is "%s" / "%s"', (role, vi, en) => {
    expect(MESSAGES.vi[roleKey(role)]).toBe(vi);
    expect(MESSAGES.en[roleKey(role)]).toBe(en);
  });

  it('an unknown role has a label too', () => expect(MESSAGES.vi[roleKey('root')]).toBe('Vai trò khác'));
});

describe('permissions', () => {
  it.each([
    ['leader', ['read'], false, []],
    ['planner', ['read'], false, []],
    ['staff', ['read', 'export'], true, []],
    ['admin', ['read', 'export', 'ingest', 'admin'], true, ['accounts', 'audit', 'imports']],
  ] as const)('%s: export %s, admin screens %j', (role, can, exports, screens) => {
    const m = me(role, [...can]);
    expect(may(m, 'export')).toBe(exports);
    expect(adminScreens(m)).toEqual(screens);
  });

  it('no session may do nothing', () => {
    expect(may(null, 'read')).toBe(false);
    expect(adminScreens(null)).toEqual([]);
  });
});

describe('units', () => {
  const m = me('leader', ['read'], LEADER_UNITS);

  it('a commune leader sees the commune in detail and the district as totals only, no other commune', () => {
    expect(inScope(m, '10633')).toBe(true);
    expect(inScope(m, '291')).toBe(true);
    expect(inScope(m, '10630')).toBe(false);
    expect(totalsOnly(m, '291')).toBe(true);
    expect(totalsOnly(m, '10633')).toBe(false);
    expect(totalsOnly(null, '291')).toBe(false);
  });

  it('a view without a unit opens the account’s own unit (not the district it sees as totals)', () => {
    expect(homeUnitOf(m)).toBe('10633');
  });

  it('lists province, district, then communes by Vietnamese name', () => {
    const list = sortedUnits([
      { unit_id: '10606', name: 'Xã Đồng Lạc', level: 'commune', totals_only: false },
      { unit_id: '10633', name: 'Xã Nam Trung', level: 'commune', totals_only: false },
      { unit_id: '10603', name: 'Xã An Bình', level: 'commune', totals_only: false },
      { unit_id: '30', name: 'Tỉnh Hải Dương', level: 'province', totals_only: true },
      { unit_id: '291', name: 'Huyện Nam Sách', level: 'district', totals_only: false },
    ]);
    expect(list.map((u) => u.unit_id)).toEqual(['30', '291', '10603', '10606', '10633']);
  });

  it('adds the code to names that two units share (the communes of 2008–2024 and of 2025)', () => {
    const labels = unitLabels([
      { unit_id: '10606', name: 'Xã An Bình', level: 'commune', totals_only: false },
      { unit_id: '10606@2025-07', name: 'Xã An Bình', level: 'commune', totals_only: false },
      { unit_id: '10633', name: 'Xã Nam Trung', level: 'commune', totals_only: false },
    ]);
    expect([...labels.values()]).toEqual(['Xã An Bình (10606)', 'Xã An Bình (10606@2025-07)', 'Xã Nam Trung']);
  });
});

describe('catalogues', () => {
  it('every message has its Vietnamese and its English text', () => {
    const vi = Object.keys(MESSAGES.vi).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(
      vi.filter((k) => !en.includes(k)),
      'missing in English',
    ).toEqual([]);
    expect(
      en.filter((k) => !vi.includes(k)),
      'missing in Vietnamese',
    ).toEqual([]);
  });

  it('Vietnamese texts are precomposed (NFC) and the sign-in screen has its diacritics', () => {
    for (const [k, v] of Object.entries(MESSAGES.vi)) expect(v, k).toBe(v.normalize('NFC'));
    expect(MESSAGES.vi['auth.title']).toBe('Đăng nhập');
    expect(MESSAGES.vi['auth.username']).toBe('Tên đăng nhập');
    expect(MESSAGES.vi['auth.password']).toBe('Mật khẩu');
    expect(MESSAGES.vi['auth.sign_out']).toBe('Đăng xuất');
  });
});
