// Creating and changing accounts with their checks, shared by the admin routes, `npm run user` and
// the demo accounts: a known role, a unit of the store, a password long enough.
import type { UnitDirectory } from '../units/directory.ts';
import { HttpError, badRequest } from '../errors.ts';
import { generatePassword, passwordProblem, verifyPassword } from './passwords.ts';
import { isRole } from './roles.ts';
import type { Account, AuthStore } from './store.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export interface NewAccount {
  username: string;
  display_name: string;
  role: string;
  unit_id: string;
  password?: string;
  demo?: boolean;
}

export function checkUnit(units: UnitDirectory, unitId: string): void {
  const u = units.get(unitId);
  if (!u) throw badRequest(`Không có đơn vị hành chính mã "${unitId}".`, `No administrative unit "${unitId}".`);
  if (units.members(unitId).length === 0)
    throw badRequest(`Đơn vị "${u.name}" không có số liệu trong kho.`, `Unit "${u.name}" has no data in the store.`);
}

/** Creates an account; returns it with the password (generated when none was given: shown once). */
export async function createAccount(
  store: AuthStore,
  units: UnitDirectory,
  input: NewAccount,
): Promise<{ account: Account; password: string }> {
  if (!USERNAME.test(input.username))
    throw badRequest(
      'Tên đăng nhập: 3–32 ký tự thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
      'User name: 3–32 lower-case letters, digits, dot, dash or underscore.',
    );
  if (!isRole(input.role))
    throw badRequest(
      `Vai trò "${input.role}" không có (admin, leader, planner, staff).`,
      `No role "${input.role}" (admin, leader, planner, staff).`,
    );
  if (!input.display_name.trim()) throw badRequest('Thiếu họ tên.', 'The display name is missing.');
  checkUnit(units, input.unit_id);
  if (store.get(input.username))
    throw new HttpError(
      409,
      'exists',
      `Tài khoản "${input.username}" đã có.`,
      `Account "${input.username}" already exists.`,
    );
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, input.username);
  if (problem) throw badRequest(problem.vi, problem.en);
  const account = await store.create({
    username: input.username,
    display_name: input.display_name.trim(),
    role: input.role,
    unit_id: input.unit_id,
    demo: input.demo ?? false,
    password,
  });
  return { account, password };
}

/** The demo accounts: one per role, bound to Nam Trung, the district or the district's top. */
export function demoAccounts(units: UnitDirectory): NewAccount[] {
  const namTrung = units.units.find((u) => u.level === 'commune' && u.is_base && /Nam Trung/i.test(u.name));
  const district =
    units.units.find((u) => u.level === 'district' && u.is_base) ?? units.units.find((u) => u.level === 'district');
  if (!namTrung || !district) return [];
  return [
    {
      username: 'lanhdao.namtrung',
      display_name: 'Lãnh đạo UBND xã Nam Trung',
      role: 'leader',
      unit_id: namTrung.unit_id,
    },
    {
      username: 'lanhdao.namsach',
      display_name: 'Lãnh đạo UBND huyện Nam Sách',
      role: 'leader',
      unit_id: district.unit_id,
    },
    { username: 'quyhoach', display_name: 'Cán bộ quy hoạch huyện', role: 'planner', unit_id: district.unit_id },
    {
      username: 'canbo.namtrung',
      display_name: 'Cán bộ một cửa xã Nam Trung',
      role: 'staff',
      unit_id: namTrung.unit_id,
    },
    {
      username: 'congan.namtrung',
      display_name: 'Cán bộ Công an xã Nam Trung',
      role: 'staff',
      unit_id: namTrung.unit_id,
    },
    { username: 'quantri', display_name: 'Quản trị hệ thống', role: 'admin', unit_id: district.unit_id },
  ];
}

/**
 * Demo mode: creates the demo accounts when missing and gives each a password for this run
 * (IOC_DEMO_PASSWORD, or new random ones), returned to be printed. Other accounts are untouched.
 */
export async function ensureDemoAccounts(
  store: AuthStore,
  units: UnitDirectory,
  fixed?: string,
): Promise<{ account: Account; password: string }[]> {
  const out: { account: Account; password: string }[] = [];
  for (const a of demoAccounts(units)) {
    const password = fixed ?? generatePassword();
    const existing = store.get(a.username);
    if (existing) {
      if (!existing.demo) continue;
      // a fixed password that is already set stays (and so do the account's sessions)
      if (fixed && (await verifyPassword(fixed, store.passwordHash(a.username) ?? ''))) {
        out.push({ account: existing, password });
        continue;
      }
      await store.setPassword(a.username, password);
      out.push({ account: existing, password });
    } else {
      out.push(await createAccount(store, units, { ...a, password, demo: true }));
    }
  }
  return out;
}
