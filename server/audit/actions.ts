// Every action the audit log records, the one list of them: the server writes only these
// (server/audit/hook.ts takes an AuditAction), and the audit screen's filter offers them in this order
// (web/src/state/admin-state.ts).
export const AUDIT_ACTIONS = [
  'read',
  'denied',
  'refused',
  'export',
  'snapshot_create',
  'snapshot_open',
  'snapshot_delete',
  'login',
  'login_failed',
  'logout',
  'account_create',
  'account_update',
  'account_locked',
  'account_unlock',
  'password_reset',
  'password_change',
  'password_change_failed',
  'ingest',
  'import_upload',
  'import_commit',
  'import_failed',
  'import_discard',
  'import_undo',
  'import_inbox',
  'brief_create',
  'brief_open',
  'brief_schedule',
  'brief_schedule_change',
  'brief_delivery',
  'brief_delivery_failed',
  'key_create',
  'key_revoke',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
