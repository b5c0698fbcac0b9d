// Writing to the audit log from a request: who (account, role, address), what (route, parameters,
// units, rows) and, for exports and snapshots, the format, size and hash of what left the server.
// Routes call audit() for exports and snapshots and noteRead() to say which units and how many rows
// a read returned; the auth plugin writes one record for every other read and every refusal.
import type { FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import type { AuditAction } from './actions.ts';
import type { AuditRecord } from './log.ts';

export interface AuditEntry {
  action: Extract<AuditAction, 'export' | 'snapshot_create' | 'snapshot_open' | 'snapshot_delete' | 'brief_open'>;
  /** csv | xlsx | pdf | png | html | json | arrow */
  format?: string;
  /** what was exported: route and parameters, or the view URL */
  subject: string;
  units?: string[];
  rows?: number;
  bytes?: number;
  sha256?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: Context;
  }
}

function base(request: FastifyRequest): Pick<AuditRecord, 'account' | 'role' | 'ip' | 'method' | 'route' | 'params'> {
  const params = { ...(request.params as object | undefined), ...(request.query as object | undefined) };
  return {
    // a machine client's request is logged under its key's name (server/auth/keys.ts)
    account: request.apiKey ? `key:${request.apiKey.name}` : (request.user?.username ?? null),
    role: request.apiKey ? 'key' : (request.user?.role ?? null),
    ip: request.ip ?? null,
    method: request.method,
    route: request.routeOptions.url ?? request.url.split('?')[0],
    params: Object.keys(params).length > 0 ? JSON.stringify(params) : null,
  };
}

function write(ctx: Context, request: FastifyRequest, record: AuditRecord): Promise<void> {
  return ctx.audit.append(record).catch((err: unknown) => request.log.error({ err }, 'audit record not written'));
}

/** Exports and snapshots: one record with format, size and hash (the request is then not logged again as a read). */
export function audit(request: FastifyRequest, entry: AuditEntry): void {
  request.audited = true;
  void write(request.server.ctx, request, {
    ...base(request),
    action: entry.action,
    units: entry.units ?? [],
    rows: entry.rows ?? null,
    status: 200,
    format: entry.format ?? null,
    bytes: entry.bytes ?? null,
    sha256: entry.sha256 ?? null,
    detail: entry.subject,
  });
}

/** What a read returned: the units in its answer and how many rows. */
export function noteRead(request: FastifyRequest, units: Iterable<string>, rows: number, detail?: string): void {
  request.auditNote = { units: [...new Set(units)], rows, ...(detail ? { detail } : {}) };
}

/** A record for a read or a refusal, from the request and what the route noted. */
export function auditFromRequest(
  ctx: Context,
  request: FastifyRequest,
  r: { action: Extract<AuditAction, 'read' | 'denied' | 'refused' | 'ingest'>; status: number },
): Promise<void> {
  const note = request.auditNote;
  const q = request.query as { unit?: unknown } | undefined;
  const asked = typeof q?.unit === 'string' ? [q.unit] : [];
  return write(ctx, request, {
    ...base(request),
    action: r.action,
    units: note?.units ?? asked,
    rows: note?.rows ?? null,
    status: r.status,
    format: null,
    bytes: null,
    sha256: null,
    detail: note?.detail ?? null,
  });
}

/** Sign-ins, sign-outs and account changes. */
export function auditEvent(
  request: FastifyRequest,
  action: AuditAction,
  detail: string,
  account?: string,
  units: string[] = [],
): Promise<void> {
  request.audited = true;
  const b = base(request);
  // never a password in the log: these routes' bodies are not kept, only the detail given
  return write(request.server.ctx, request, {
    ...b,
    params: null,
    account: account ?? b.account,
    action,
    units,
    rows: null,
    status: null,
    format: null,
    bytes: null,
    sha256: null,
    detail,
  });
}

/**
 * A request refused after the route read it (POST /api/events: a 422 batch), written by the route with
 * what was refused, so that probing leaves a trace; the request is then not logged again.
 */
export function auditRefused(request: FastifyRequest, r: { status: number; units: string[]; detail: string }): void {
  request.audited = true;
  void write(request.server.ctx, request, {
    ...base(request),
    action: 'refused',
    units: r.units,
    rows: null,
    status: r.status,
    format: null,
    bytes: null,
    sha256: null,
    detail: r.detail,
  });
}
