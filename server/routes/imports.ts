// Imports through the running server (role admin): upload files or a zip (multipart) → checked and previewed
// (nothing written) → committed on request in one transaction → taken back if need be (the last one). The
// import runs on the server's own DuckDB instance, so readers keep their answers meanwhile. docs/import-server.md.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FastifyRequest } from 'fastify';
import { cellText } from '../../data/pipeline/cells.ts';
import type { ImportError } from '../../data/pipeline/import/index.ts';
import { listSql } from '../../data/pipeline/import/rules.ts';
import type { StagedFile } from '../../data/pipeline/import/stage.ts';
import { auditEvent } from '../audit/hook.ts';
import { inDetail } from '../auth/scope.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { ImportIdParamsSchema, ImportJobSchema, ImportListSchema, type ImportJob } from '../contracts/imports.ts';
import type { Context } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { csvCell } from '../exports/csv.ts';
import { extractZip, FileProblem, isZip, saveStream, tooBig, type SavedFile } from '../imports/files.ts';
import { ImportBusy, type Actor, type ImportManager, type JobOptions } from '../imports/jobs.ts';

/** Kinds that change what every unit shares (the map, the catalogue, the plan): only an admin of every unit. */
const SHARED_KINDS = new Set(['units', 'lineage', 'procedures', 'targets']);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function actorOf(request: FastifyRequest): Actor {
  return {
    account: request.user?.username ?? '?',
    role: request.user?.role ?? null,
    ip: request.ip ?? null,
    method: request.method,
    route: request.routeOptions.url,
  };
}

/** The accounts an offices file puts in offices: each an account of a unit the admin administers. */
async function officeAccounts(
  ctx: Context,
  scope: FastifyRequest['scope'],
  conn: DuckDBConnection,
  st: StagedFile,
): Promise<ImportError[]> {
  const r = await conn.runAndReadAll(
    `SELECT DISTINCT unnest(${listSql('accounts')}) AS username FROM ${st.table} ORDER BY username`,
  );
  const errors: ImportError[] = [];
  for (const row of r.getRowObjectsJson()) {
    const username = cellText(row.username);
    const account = ctx.auth.get(username);
    const reason =
      account === undefined
        ? `no account "${username}": create it first (Quản trị → Tài khoản)`
        : !inDetail(ctx.units, scope, account.unit_id)
          ? `account "${username}" belongs to a unit outside the units you administer`
          : null;
    if (reason)
      errors.push({ file: st.src.file, line: 0, column: st.raw?.header.get('accounts') ?? 'accounts', reason });
  }
  return errors;
}

/** The rows an admin may write: units within its scope; shared kinds only with every unit in scope. */
export function scopeCheck(ctx: Context, request: FastifyRequest) {
  const scope = request.scope;
  const whole = ctx.units.baseIds().every((id) => scope.has(id));
  return async (conn: DuckDBConnection, staged: StagedFile[]): Promise<ImportError[]> => {
    const errors: ImportError[] = [];
    for (const st of staged) {
      if (!st.table) continue;
      if (SHARED_KINDS.has(st.src.kind)) {
        if (!whole) {
          errors.push({
            file: st.src.file,
            line: 0,
            column: '',
            reason:
              `only an administrator of every unit may import ${st.src.kind} ` +
              '(they change what all units share); ask the province administrator',
          });
        }
        continue;
      }
      if (st.src.kind === 'offices') errors.push(...(await officeAccounts(ctx, scope, conn, st)));
      const cols = (await conn.runAndReadAll(`DESCRIBE ${st.table}`)).getRowObjectsJson();
      if (!cols.some((c) => c.column_name === 'unit_id')) continue;
      const r = await conn.runAndReadAll(
        `SELECT DISTINCT unit_id FROM ${st.table} WHERE unit_id IS NOT NULL ORDER BY unit_id`,
      );
      const outside = r
        .getRowObjectsJson()
        .map((row) => cellText(row.unit_id))
        .filter((u) => ctx.units.get(u) !== undefined && !inDetail(ctx.units, scope, u));
      if (outside.length > 0) {
        const names = outside.slice(0, 10).map((u) => `${ctx.units.get(u)?.name ?? u} (${u})`);
        errors.push({
          file: st.src.file,
          line: 0,
          column: 'unit_id',
          reason:
            `rows of ${outside.length} unit(s) outside the units you administer: ${names.join(', ')}` +
            (outside.length > 10 ? ', …' : ''),
        });
      }
    }
    return errors;
  };
}

export const importRoutes: FastifyPluginAsyncTypebox<{ ctx: Context; imports: ImportManager }> = async (
  app,
  { ctx, imports },
) => {
  const limit = ctx.config.uploadMb * 1048576;
  // Parts are streamed to disk by the route (the size is counted there, over every part of one import).
  await app.register(multipart, { limits: { fileSize: limit + 1, files: 200, fields: 10, parts: 210 } });
  const tags = ['admin'];
  const config = { access: 'admin' as const };
  /** An admin sees the imports of the accounts of its units; one of every unit sees all (and the inbox's). */
  const visible = (request: FastifyRequest) => {
    const whole = ctx.units.baseIds().every((id) => request.scope.has(id));
    return (job: ImportJob) => {
      if (whole) return true;
      const a = ctx.auth.get(job.created_by);
      return a !== undefined && inDetail(ctx.units, request.scope, a.unit_id);
    };
  };
  const jobOf = (request: FastifyRequest, id: string): ImportJob => {
    const job = imports.get(id);
    if (!job || !visible(request)(job)) throw notFound(`Không có lượt nhập ${id}.`, `No import ${id}.`);
    return job;
  };
  const problem = (e: unknown): never => {
    if (e instanceof ImportBusy) {
      throw new HttpError(
        409,
        'import_running',
        `Đang có một lượt nhập khác (${e.running}) chưa xong hoặc chờ xác nhận: ghi hoặc hủy nó trước.`,
        `Another import (${e.running}) is in progress or waits for its commit: commit or discard it first.`,
      );
    }
    if (e instanceof FileProblem) {
      throw new HttpError(e.statusCode, e.statusCode === 413 ? 'too_large' : 'bad_files', e.vi, e.en);
    }
    // the multipart reader's own refusals (a broken body, too many parts): the client's fault, said as such
    const status = (e as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const why = (e as Error).message;
      throw new HttpError(
        status,
        'bad_upload',
        `Không đọc được tệp gửi lên (multipart): ${why}`,
        `The upload (multipart) could not be read: ${why}`,
      );
    }
    if (e instanceof Error && /multipart|boundary|Unexpected end of form|Malformed part header/i.test(e.message)) {
      throw new HttpError(
        400,
        'bad_upload',
        `Không đọc được tệp gửi lên (multipart): ${e.message}`,
        `The upload (multipart) could not be read: ${e.message}`,
      );
    }
    throw e;
  };

  app.post(
    '/api/admin/imports',
    {
      config,
      schema: {
        summary: 'Upload files (or a .zip) to import: answered at once; the check and the preview run behind',
        description:
          'multipart/form-data: one or more files (.csv, .parquet, .geojson, .xlsx, or a .zip of them) and ' +
          'optionally a field data_date (YYYY-MM-DD). Nothing is written to the store before commit. ' +
          `At most IOC_UPLOAD_MB (${ctx.config.uploadMb}) MB an import. One import at a time.`,
        tags,
        consumes: ['multipart/form-data'],
        response: { 202: ImportJobSchema, 400: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new HttpError(
          415,
          'not_multipart',
          'Hãy gửi tệp dưới dạng multipart/form-data.',
          'Send the files as multipart/form-data.',
        );
      }
      const opts: JobOptions = {
        source: 'upload',
        actor: actorOf(request),
        // a tasks file without unit_id holds the tasks of the administrator's unit
        unit: request.user?.unit_id,
        scopeCheck: scopeCheck(ctx, request),
      };
      let job: ImportJob;
      try {
        job = await imports.start(opts, async (dir) => {
          const taken = new Set<string>();
          const files: SavedFile[] = [];
          let left = limit;
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (part.fieldname === 'data_date') {
                const v = String(part.value);
                if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
                  throw new FileProblem(
                    `data_date "${v}" không phải ngày YYYY-MM-DD.`,
                    `data_date "${v}" is not a day (YYYY-MM-DD).`,
                  );
                opts.dataDate = v;
              }
              continue;
            }
            const saved = await saveStream(part.file, dir, part.filename, left, taken).catch((e: unknown) => {
              if (e instanceof FileProblem && e.statusCode === 413) throw tooBig(part.filename, limit);
              throw e;
            });
            if (part.file.truncated) throw tooBig(part.filename, limit);
            left -= saved.size;
            if (isZip(saved.name)) {
              const inside = await extractZip(saved, dir, left, taken);
              left -= inside.reduce((a, f) => a + f.size, 0);
              files.push(...inside);
            } else files.push(saved);
          }
          return files;
        });
      } catch (e) {
        reply.header('connection', 'close');
        return problem(e);
      }
      await auditEvent(
        request,
        'import_upload',
        `${job.id}: ${job.files.map((f) => `${f.name} (${f.size} B, sha256 ${f.sha256})`).join('; ')}`,
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/admin/imports',
    {
      config,
      schema: {
        summary: 'The imports (newest first) and the one running, if any',
        tags,
        response: { 200: ImportListSchema },
      },
    },
    async (request) => {
      const list = imports.list(visible(request));
      request.auditNote = { units: [], rows: list.length, detail: 'imports listed' };
      return { imports: list, running: imports.running };
    },
  );

  app.get(
    '/api/admin/imports/:id',
    {
      config,
      schema: {
        summary: "An import's state: progress, preview of what would change, every problem found",
        tags,
        params: ImportIdParamsSchema,
        response: { 200: ImportJobSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const job = jobOf(request, request.params.id);
      request.auditNote = { units: [], rows: job.rows, detail: `import ${job.id} (${job.status})` };
      return job;
    },
  );

  app.get(
    '/api/admin/imports/:id/errors.csv',
    {
      config,
      schema: {
        summary: "An import's problems as CSV (UTF-8 with BOM): file, sheet, line, column, reason",
        tags,
        params: ImportIdParamsSchema,
        response: { 200: Type.String(), 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const job = jobOf(request, request.params.id);
      const rows = [
        ['file', 'sheet', 'line', 'column', 'reason'],
        ...job.errors.map((e) => [e.file, e.sheet ?? '', String(e.line), e.column, e.reason]),
      ];
      if (job.error_count > job.errors.length)
        rows.push(['', '', '', '', `… ${job.error_count - job.errors.length} more`]);
      request.auditNote = { units: [], rows: job.errors.length, detail: `import ${job.id} errors` };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${job.id}-errors.csv"`)
        .send('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
    },
  );

  app.post(
    '/api/admin/imports/:id/commit',
    {
      config,
      schema: {
        summary: 'Apply a previewed import in one transaction (answered at once; poll the import for the end)',
        tags,
        params: ImportIdParamsSchema,
        response: { 202: ImportJobSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      jobOf(request, request.params.id);
      let job: ImportJob;
      try {
        job = imports.commit(request.params.id, actorOf(request));
      } catch (e) {
        return problem(e);
      }
      // one record now (who asked), one more when the commit ends (import_commit with its batch, or import_failed)
      await auditEvent(request, 'import_commit', `${job.id}: commit asked (${job.rows} rows)`);
      return reply.code(202).send(job);
    },
  );

  app.post(
    '/api/admin/imports/:id/undo',
    {
      config,
      schema: {
        summary: 'Take back the last committed import: the rows it replaced come back, as a new data version',
        tags,
        params: ImportIdParamsSchema,
        response: { 200: ImportJobSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      jobOf(request, request.params.id);
      try {
        return await imports.undo(request.params.id, actorOf(request));
      } catch (e) {
        return problem(e);
      } finally {
        request.audited = true;
      }
    },
  );

  app.delete(
    '/api/admin/imports/:id',
    {
      config,
      schema: {
        summary: 'Discard a previewed import (nothing was written)',
        tags,
        params: ImportIdParamsSchema,
        response: { 200: ImportJobSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      jobOf(request, request.params.id);
      try {
        return await imports.discard(request.params.id, 'asked', actorOf(request));
      } catch (e) {
        return problem(e);
      } finally {
        request.audited = true;
      }
    },
  );
};
