// What the signed-in account may see and do, from /api/auth/me: its role's label, its permissions
// (which buttons and menu entries show), the units it may choose (marking those seen as totals
// only) and its own unit, where a view without a unit opens. Pure; tests/unit/web-session.test.ts.
import type { Me, Role } from '../api/auth.ts';

export const ROLES: readonly Role[] = ['admin', 'leader', 'planner', 'staff'];

/** i18n key of a role's label (Quản trị hệ thống, Lãnh đạo, Cán bộ quy hoạch, Cán bộ nghiệp vụ). */
export const roleKey = (role: string): string =>
  `role.${(ROLES as readonly string[]).includes(role) ? role : 'unknown'}`;

export type Permission = 'read' | 'export' | 'ingest' | 'admin';

export const may = (me: Me | null | undefined, what: Permission): boolean => !!me && me.can.includes(what);

/** The admin screens (each at /admin/<screen>). */
export const ADMIN_SCREENS = ['accounts', 'keys', 'audit', 'imports'] as const;
export type AdminScreen = (typeof ADMIN_SCREENS)[number];
/** The menu entry a screen is a tab of ("Khóa API" is a tab of "Tài khoản"); the others are their own entry. */
export const menuScreenOf = (s: AdminScreen): AdminScreen => (s === 'keys' ? 'accounts' : s);
/** The admin screens an account sees in the menu (none unless it may administer). */
export const adminScreens = (me: Me | null | undefined): AdminScreen[] =>
  may(me, 'admin') ? ADMIN_SCREENS.filter((s) => menuScreenOf(s) === s) : [];

export type ScopeUnit = Me['units'][number];

/** The unit a view without one opens: the account's own (from /api/auth/me), never a unit written in the app. */
export const homeUnitOf = (me: Me): string => me.account.unit_id;

/** Whether the account may open a unit at all (in detail, or as a total). */
export const inScope = (me: Me, unitId: string): boolean => me.units.some((u) => u.unit_id === unitId);

/** Whether a unit is shown to the account as one total only (the level above its own unit). */
export const totalsOnly = (me: Me | null | undefined, unitId: string): boolean =>
  !!me?.units.find((u) => u.unit_id === unitId)?.totals_only;

const LEVEL_ORDER: Record<string, number> = { province: 0, district: 1, commune: 2 };

/** The account's units for a list: province, district, communes, each by name (Vietnamese order). */
export function sortedUnits(units: readonly ScopeUnit[]): ScopeUnit[] {
  const collator = new Intl.Collator('vi');
  return [...units].sort(
    (a, b) =>
      (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
      collator.compare(a.name, b.name) ||
      a.unit_id.localeCompare(b.unit_id),
  );
}

/**
 * Labels for a list of units: the name, and the unit's code too when another unit of the list has the
 * same name (the communes of 2008–2024 and those of 2025 share some names).
 */
export function unitLabels(units: readonly ScopeUnit[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const u of units) count.set(u.name, (count.get(u.name) ?? 0) + 1);
  return new Map(units.map((u) => [u.unit_id, (count.get(u.name) ?? 0) > 1 ? `${u.name} (${u.unit_id})` : u.name]));
}

/**
 * Where the account works, for the header: its own unit's name and the unit above it (the one it sees
 * as totals only), as the server names them in /api/auth/me. In Vietnamese running text the level word
 * of the second name is lower case ("Xã Nam Trung · huyện Nam Sách").
 */
export function accountPlace(me: Me, lang: 'vi' | 'en'): { unit: string; parent: string | null } {
  const own = me.units.find((u) => u.unit_id === me.account.unit_id);
  const level = LEVEL_ORDER[own?.level ?? ''] ?? 9;
  const above = me.units
    .filter((u) => u.totals_only && (LEVEL_ORDER[u.level] ?? 9) < level)
    .sort((a, b) => (LEVEL_ORDER[b.level] ?? 9) - (LEVEL_ORDER[a.level] ?? 9))[0];
  if (!above) return { unit: me.account.unit_name, parent: null };
  const parent = lang === 'vi' ? above.name.charAt(0).toLocaleLowerCase('vi') + above.name.slice(1) : above.name;
  return { unit: me.account.unit_name, parent };
}
