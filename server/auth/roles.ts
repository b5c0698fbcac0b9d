// Roles and what each may do. A route says which permission it needs (route config `access`);
// the auth plugin checks it against the caller's role before the handler runs.
export const ROLES = ['admin', 'leader', 'planner', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - public: anyone, signed in or not (the web app's files, health, login)
 * - read: any signed-in account, within its units (screens, indicators, targets, forecasts, live)
 * - export: files and snapshots of what was seen (staff; admin)
 * - ingest: posting events, imports (admin)
 * - admin: accounts and the audit log (admin)
 */
export type Access = 'public' | 'read' | 'export' | 'ingest' | 'admin';

const GRANTS: Record<Role, ReadonlySet<Access>> = {
  admin: new Set(['read', 'export', 'ingest', 'admin']),
  leader: new Set(['read']),
  planner: new Set(['read']),
  staff: new Set(['read', 'export']),
};

export const can = (role: Role, access: Access): boolean => access === 'public' || GRANTS[role].has(access);

export const isRole = (x: unknown): x is Role => typeof x === 'string' && (ROLES as readonly string[]).includes(x);

export const ROLE_LABEL: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  planner: { vi: 'Cán bộ quy hoạch', en: 'Planner' },
  staff: { vi: 'Cán bộ nghiệp vụ', en: 'Staff' },
};
