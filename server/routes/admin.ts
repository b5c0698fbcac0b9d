// Administration (role admin): accounts (list, create, change role/unit/name, disable, reset the
// password, lift a sign-in lock-out) and the audit log (filter, verify the hash chain, export as CSV).
// An admin's powers stay inside its units: accounts and audit rows of other units are not shown and
// answer as missing (404). The audit log has read routes only: nothing here or anywhere else updates or deletes it.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AccountCreateSchema,
  AccountSchema,
  AdminAccountSchema,
  AccountUpdateSchema,
  AuditAnswerSchema,
  AuditQuerySchema,
  PasswordResetSchema,
  UsernameParamsSchema,
} from '../contracts/auth.ts';
import { ErrorSchema } from '../contracts/common.ts';
import type { Context } from '../context.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { canSee, inDetail } from '../auth/scope.ts';
import type { FastifyRequest } from 'fastify';
import { audit, auditEvent } from '../audit/hook.ts';
import { checkUnit, createAccount } from '../auth/accounts.ts';
import { generatePassword, passwordProblem } from '../auth/passwords.ts';
import type { Account } from '../auth/store.ts';
import { csvCell } from '../exports/csv.ts';
import { COLUMNS as AUDIT_COLUMNS, type AuditScope } from '../audit/log.ts';

/** The schema checks a day's shape only: 2022-02-30 is refused here (DuckDB would fail on it). */
function checkDays(q: { from?: string; to?: string }): void {
  for (const [name, day] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    const d = day ? new Date(`${day}T00:00:00Z`) : null;
    if (d && (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day))
      throw badRequest(`Tham số ${name}: không có ngày ${day}.`, `Parameter ${name}: there is no day ${day}.`);
  }
}

export const adminRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const tags = ['admin'];
  const config = { access: 'admin' as const };
  const withUnit = (a: Account) => ({ ...a, unit_name: ctx.units.get(a.unit_id)?.name ?? a.unit_id });
  const listed = (a: Account) => {
    const until = ctx.auth.limiter.lockedUntil(a.username);
    return {
      ...withUnit(a),
      sessions: ctx.auth.sessionCount(a.username),
      locked_until: until === null ? null : new Date(until).toISOString(),
    };
  };
  const manages = (request: FastifyRequest, unitId: string) => inDetail(ctx.units, request.scope, unitId);
  /** An admin gives only its own units (and below) to an account. */
  const checkManages = (request: FastifyRequest, unitId: string) => {
    if (!manages(request, unitId)) {
      const name = ctx.units.get(unitId)?.name ?? unitId;
      throw forbidden(
        `Đơn vị "${name}" nằm ngoài phạm vi quản trị của bạn.`,
        `Unit "${name}" is outside the units you administer.`,
      );
    }
  };
  /** An account of the admin's units; one of another unit answers as if there were none (404, not 403). */
  const managed = (request: FastifyRequest, username: string): Account => {
    const a = ctx.auth.get(username);
    if (!a || !manages(request, a.unit_id))
      throw notFound(`Không có tài khoản "${username}".`, `No account "${username}".`);
    return a;
  };
  /**
   * The audit rows an admin may read: everything for one whose units are the whole store; otherwise
   * rows of the accounts of its units naming only units it may see (server/audit/log.ts AuditScope).
   */
  const auditScope = (request: FastifyRequest): AuditScope | undefined => {
    if (ctx.units.baseIds().every((id) => request.scope.has(id))) return undefined;
    return {
      accounts: [
        ...ctx.auth
          .list()
          .filter((a) => manages(request, a.unit_id))
          .map((a) => a.username),
        // the API keys of its units: their requests are logged as key:<name> (server/auth/keys.ts)
        ...ctx.keys
          .list()
          .filter((k) => k.units.every((u) => manages(request, u)))
          .map((k) => `key:${k.name}`),
      ],
      units: ctx.units.units.filter((u) => canSee(ctx.units, request.scope, u.unit_id)).map((u) => u.unit_id),
    };
  };

  app.get(
    '/api/admin/accounts',
    {
      config,
      schema: {
        summary: 'The accounts of your units (never their passwords), with open sessions and sign-in lock-outs',
        tags,
        response: { 200: Type.Object({ accounts: Type.Array(AdminAccountSchema) }) },
      },
    },
    async (request) => {
      const accounts = ctx.auth
        .list()
        .filter((a) => manages(request, a.unit_id))
        .map(listed);
      request.auditNote = {
        units: [...new Set(accounts.map((a) => a.unit_id))],
        rows: accounts.length,
        detail: 'accounts listed',
      };
      return { accounts };
    },
  );

  app.post(
    '/api/admin/accounts',
    {
      config,
      schema: {
        summary: 'Create an account; without a password one is generated and returned once',
        tags,
        body: AccountCreateSchema,
        response: {
          201: Type.Object({ account: AccountSchema, password: Type.String() }),
          400: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      if (ctx.units.get(request.body.unit_id)) checkManages(request, request.body.unit_id);
      const { account, password } = await createAccount(ctx.auth, ctx.units, request.body);
      await auditEvent(
        request,
        'account_create',
        `${account.username} as ${account.role} of ${account.unit_id}`,
        undefined,
        [account.unit_id],
      );
      return reply.code(201).send({ account: withUnit(account), password });
    },
  );

  app.patch(
    '/api/admin/accounts/:username',
    {
      config,
      schema: {
        summary:
          "Change an account's name, role, unit or whether it is active " +
          '(its sessions end on a change of role, unit or when disabled)',
        tags,
        params: UsernameParamsSchema,
        body: AccountUpdateSchema,
        response: { 200: AccountSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { username } = request.params;
      const before = managed(request, username);
      const change = request.body;
      if (change.unit_id !== undefined) {
        checkUnit(ctx.units, change.unit_id);
        checkManages(request, change.unit_id);
      }
      // No one locks the last way in: an admin cannot disable or demote their own account.
      if (
        username === request.user!.username &&
        (change.active === false || (change.role !== undefined && change.role !== 'admin'))
      ) {
        throw badRequest(
          'Không thể tự khoá hoặc bỏ quyền quản trị của chính mình.',
          'You cannot disable your own account or remove your own admin role.',
        );
      }
      const after = await ctx.auth.update(username, change);
      const what = Object.entries(change)
        .map(([k, v]) => `${k}: ${String((before as unknown as Record<string, unknown>)[k])} → ${String(v)}`)
        .join('; ');
      await auditEvent(request, 'account_update', `${username}: ${what}`, undefined, [
        ...new Set([before.unit_id, after.unit_id]),
      ]);
      return withUnit(after);
    },
  );

  app.post(
    '/api/admin/accounts/:username/password',
    {
      config,
      schema: {
        summary: "Set an account's password (generated when not given, returned once); its sessions end",
        tags,
        params: UsernameParamsSchema,
        body: PasswordResetSchema,
        response: { 200: Type.Object({ password: Type.String() }), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { username } = request.params;
      const target = managed(request, username);
      const password = request.body.password ?? generatePassword();
      const problem = passwordProblem(password, username);
      if (problem) throw badRequest(problem.vi, problem.en);
      await ctx.auth.setPassword(username, password);
      await auditEvent(request, 'password_reset', `${username}: password set by an administrator`, undefined, [
        target.unit_id,
      ]);
      return { password };
    },
  );

  app.post(
    '/api/admin/accounts/:username/unlock',
    {
      config,
      schema: {
        summary: "Lift an account's sign-in lock-out after too many wrong passwords (it also ends after 15 minutes)",
        tags,
        params: UsernameParamsSchema,
        response: { 200: AdminAccountSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { username } = request.params;
      const target = managed(request, username);
      const was = ctx.auth.limiter.unlock(username);
      await auditEvent(
        request,
        'account_unlock',
        `${username}: ${was ? 'sign-in lock-out lifted' : 'not locked; failure counts cleared'} by an administrator`,
        undefined,
        [target.unit_id],
      );
      return listed(target);
    },
  );

  app.get(
    '/api/admin/audit',
    {
      config,
      schema: {
        summary: 'The audit log, newest first, filtered; with a check of its hash chain',
        tags,
        querystring: AuditQuerySchema,
        response: { 200: AuditAnswerSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      checkDays(q);
      if (q.from && q.to && q.from > q.to)
        throw badRequest(`Khoảng ngày sai: từ ${q.from} đến ${q.to}.`, `Empty date range: ${q.from} to ${q.to}.`);
      const [{ total, rows }, chain] = await Promise.all([
        ctx.audit.query({ ...q, scope: auditScope(request) }),
        ctx.audit.status(),
      ]);
      request.auditNote = { units: q.unit ? [q.unit] : [], rows: rows.length, detail: 'audit log read' };
      return { total, rows, chain };
    },
  );

  app.get(
    '/api/admin/audit.csv',
    {
      config,
      schema: {
        summary: 'The filtered audit log as CSV (UTF-8 with BOM, up to 100,000 rows)',
        tags,
        querystring: Type.Omit(AuditQuerySchema, ['limit', 'offset']),
        response: {
          200: {
            description: 'CSV (UTF-8 with BOM)',
            content: { 'text/csv': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
          },
          400: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      checkDays(request.query);
      const { rows } = await ctx.audit.query({ ...request.query, limit: 100_000, scope: auditScope(request) });
      const lines = [AUDIT_COLUMNS.join(','), ...rows.map((r) => AUDIT_COLUMNS.map((k) => csvCell(r[k])).join(','))];
      const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
      const sha256 = createHash('sha256').update(body).digest('hex');
      audit(request, {
        action: 'export',
        format: 'csv',
        subject: 'audit log',
        units: request.query.unit ? [request.query.unit] : [],
        rows: rows.length,
        bytes: body.length,
        sha256,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(body);
    },
  );
};
