// The header's line under the app's title (web/src/auth/session.ts accountPlace): the signed-in account's own
// unit and the one above it, as /api/auth/me names them, never a unit written in the app (issue 17: the
// district leader's header said "Xã Nam Trung").
import { describe, expect, it } from 'vitest';
import type { Me } from '../../web/src/api/auth.ts';
import { accountPlace } from '../../web/src/auth/session.ts';
import { translate } from '../../web/src/i18n/index.ts';

const account = (unit_id: string, unit_name: string, units: Me['units']): Me => ({
  account: {
    username: 'x',
    display_name: 'X',
    role: 'leader',
    unit_id,
    unit_name,
    active: true,
    demo: false,
    created_at: '',
    updated_at: '',
  },
  csrf_token: 't',
  expires_at: '',
  can: ['read'],
  units,
});

// the units /api/auth/me sends the demo's commune and district leaders (its own and below, the one above as totals)
const COMMUNE = account('10633', 'Xã Nam Trung', [
  { unit_id: '10633', name: 'Xã Nam Trung', level: 'commune', totals_only: false },
  { unit_id: '291', name: 'Huyện Nam Sách', level: 'district', totals_only: true },
]);
const DISTRICT = account('291', 'Huyện Nam Sách', [
  { unit_id: '10606', name: 'Thị trấn Nam Sách', level: 'commune', totals_only: false },
  { unit_id: '10633', name: 'Xã Nam Trung', level: 'commune', totals_only: false },
  { unit_id: '291', name: 'Huyện Nam Sách', level: 'district', totals_only: false },
  { unit_id: '30', name: 'Tỉnh Hải Dương', level: 'province', totals_only: true },
  { unit_id: '31@2025-07', name: 'Thành phố Hải Phòng', level: 'province', totals_only: false },
]);
const PROVINCE = account('30', 'Tỉnh Hải Dương', [
  { unit_id: '30', name: 'Tỉnh Hải Dương', level: 'province', totals_only: false },
  { unit_id: '291', name: 'Huyện Nam Sách', level: 'district', totals_only: false },
]);

const line = (me: Me, lang: 'vi' | 'en') => {
  const p = accountPlace(me, lang);
  return p.parent ? translate(lang, 'app.subtitle', { unit: p.unit, parent: p.parent }) : p.unit;
};

describe('the header names the account’s unit', () => {
  it.each([
    ['a commune leader', COMMUNE, 'vi', 'Xã Nam Trung · huyện Nam Sách'],
    ['a commune leader (English)', COMMUNE, 'en', 'Xã Nam Trung · Huyện Nam Sách'],
    ['the district leader', DISTRICT, 'vi', 'Huyện Nam Sách · tỉnh Hải Dương'],
    ['a province account (nothing above it)', PROVINCE, 'vi', 'Tỉnh Hải Dương'],
  ] as const)('%s: %s → "%s"', (_, me, lang, expected) => expect(line(me, lang)).toBe(expected));

  it('the district leader’s header never names a commune', () => {
    expect(line(DISTRICT, 'vi')).not.toMatch(/Nam Trung|Xã/);
  });
});
