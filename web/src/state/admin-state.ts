// The view state of the admin screens (/admin/accounts, /admin/audit, /admin/imports) and its URL form, as for
// the other screens: the audit log's filters and page, the account being edited, the creation form, the
// import shown, the language. Pure; tested in tests/unit/web-admin-state.test.ts.
import { ADMIN_SCREENS, type AdminScreen } from '../auth/session.ts';
import type { Lang } from './view-state.ts';

export interface AuditFilters {
  /** Vietnam days, YYYY-MM-DD */
  from?: string;
  to?: string;
  account?: string;
  action?: string;
  unit?: string;
  /** from 1 */
  page: number;
}

export interface AdminView {
  screen: AdminScreen;
  lang: Lang;
  audit: AuditFilters;
  /** accounts: the user name whose form is open */
  edit?: string;
  /** accounts: the creation form is open */
  create: boolean;
  /** imports: the import shown (its progress, preview or result) */
  job?: string;
}

/** Rows per page of the audit log. */
export const AUDIT_PAGE = 50;

/** Every action the server writes, in the order the filter lists them (one list: server/audit/actions.ts). */
export { AUDIT_ACTIONS } from '../../../server/audit/actions.ts';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ACTION = /^[a-z_]{1,32}$/;
const JOB = /^[A-Za-z0-9_-]{1,40}$/;
const text = (v: string | null, max: number) => (v && v.trim() ? v.trim().slice(0, max) : undefined);

/** The admin view of a path, or null when the path is not under /admin. */
export function parseAdmin(pathname: string, search: string): AdminView | null {
  const m = /^\/admin(?:\/([a-z]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const q = new URLSearchParams(search);
  const page = Number(q.get('page'));
  const from = q.get('from');
  const to = q.get('to');
  const action = q.get('action');
  return {
    screen: (ADMIN_SCREENS as readonly string[]).includes(m[1] ?? '') ? (m[1] as AdminScreen) : 'accounts',
    lang: q.get('lang') === 'en' ? 'en' : 'vi',
    audit: {
      from: from && DAY.test(from) ? from : undefined,
      to: to && DAY.test(to) ? to : undefined,
      account: text(q.get('account'), 64),
      action: action && ACTION.test(action) ? action : undefined,
      unit: text(q.get('unit'), 40),
      page: Number.isInteger(page) && page > 1 ? page : 1,
    },
    edit: text(q.get('edit'), 64),
    create: q.get('new') === '1',
    job: JOB.test(q.get('job') ?? '') ? q.get('job')! : undefined,
  };
}

function filterParams(f: AuditFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'account', 'action', 'unit'] as const) if (f[k]) q.set(k, f[k]);
  return q;
}

/** The URL of an admin view; only what differs from the defaults is written. */
export function adminUrl(v: AdminView): string {
  const q = v.screen === 'audit' ? filterParams(v.audit) : new URLSearchParams();
  if (v.screen === 'audit' && v.audit.page > 1) q.set('page', String(v.audit.page));
  if (v.screen === 'accounts' && v.edit) q.set('edit', v.edit);
  if (v.screen === 'accounts' && v.create) q.set('new', '1');
  if (v.screen === 'imports' && v.job) q.set('job', v.job);
  if (v.lang !== 'vi') q.set('lang', v.lang);
  const qs = q.toString();
  return `/admin/${v.screen}${qs ? `?${qs}` : ''}`;
}

/** The query of GET /api/admin/audit for the filters and their page. */
export function auditQuery(f: AuditFilters, size = AUDIT_PAGE): string {
  const q = filterParams(f);
  q.set('limit', String(size));
  q.set('offset', String((Math.max(1, f.page) - 1) * size));
  return q.toString();
}

/** The CSV download of the filtered log (every page). */
export function auditCsvUrl(f: AuditFilters): string {
  const qs = filterParams(f).toString();
  return `/api/admin/audit.csv${qs ? `?${qs}` : ''}`;
}

export const pageCount = (total: number, size = AUDIT_PAGE): number => Math.max(1, Math.ceil(total / size));

/** The first characters of a SHA-256, enough to compare by eye. */
export const shortHash = (hash: string | null | undefined, n = 10): string => (hash ? hash.slice(0, n) : '');
