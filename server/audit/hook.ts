// The audit hook for exports and snapshots: every export (format, size, hash) and snapshot is
// reported here. Until accounts and the append-only audit table exist (issue "Accounts, unit-scoped
// access, audit"), entries go to the server log at info level with the tag `audit`.
import type { FastifyRequest } from 'fastify';

export interface AuditEntry {
  action: 'export' | 'snapshot_create' | 'snapshot_open' | 'snapshot_delete';
  /** csv | xlsx | pdf | png | html | json */
  format?: string;
  /** what was exported: route and parameters, or the view URL */
  subject: string;
  units?: string[];
  rows?: number;
  bytes?: number;
  sha256?: string;
}

export function audit(request: FastifyRequest, entry: AuditEntry): void {
  request.log.info({ audit: entry, route: request.routeOptions.url, ip: request.ip }, `audit: ${entry.action} ${entry.format ?? ''} ${entry.subject}`.trim());
}
