// Data export routes: one indicator answer or the targets table as CSV or XLSX, with the same
// rows (suppression included) as the JSON routes, headers in the caller's language; each export audited.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../contracts/common.ts';
import { IndicatorQuerySchema } from '../contracts/indicators.ts';
import { FILTER_NAMES } from '../registry/filter-defs.ts';
import { TargetsQuerySchema } from '../contracts/targets.ts';
import { Index766QuerySchema } from '../contracts/index766.ts';
import type { Context } from '../context.ts';
import { audit } from '../audit/hook.ts';
import { prefersEnglish } from '../plugins/errors.ts';
import { toCsv } from '../exports/csv.ts';
import { toXlsx } from '../exports/xlsx.ts';
import { indicatorTable } from '../exports/indicator-table.ts';
import { targetTable } from '../exports/target-table.ts';
import { index766Table } from '../exports/index766-table.ts';
import { directiveTable, taskTable } from '../exports/work-table.ts';
import { DirectivesQuerySchema, TasksQuerySchema } from '../contracts/work.ts';
import { callerOf, workService } from '../work/service.ts';
import type { Lang } from '../exports/labels.ts';
import type { ExportTable } from '../exports/table.ts';
import { answerMeta } from './meta.ts';

const LangSchema = Type.Optional(
  Type.Union([Type.Literal('vi'), Type.Literal('en')], {
    description: 'header language (default: Accept-Language, else Vietnamese)',
  }),
);
const FormatSchema = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) });
export const IndicatorExportQuerySchema = Type.Object({
  indicator: Type.String({ pattern: '^[a-z0-9_]+$', description: 'indicator id, as in /api/indicators/:id' }),
  ...IndicatorQuerySchema.properties,
  lang: LangSchema,
});
export const TargetsExportQuerySchema = Type.Object({ ...TargetsQuerySchema.properties, lang: LangSchema });
export const Index766ExportQuerySchema = Type.Object({ ...Index766QuerySchema.properties, lang: LangSchema });
export const DirectivesExportQuerySchema = Type.Object(
  { ...DirectivesQuerySchema.properties, lang: LangSchema },
  { additionalProperties: false },
);
export const TasksExportQuerySchema = Type.Object(
  { ...TasksQuerySchema.properties, lang: LangSchema },
  { additionalProperties: false },
);

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const binary = (format: 'csv' | 'xlsx') => ({
  description: `The ${format.toUpperCase()} file`,
  content: { [TYPES[format]]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
});
const responses = {
  200: {
    description: 'CSV (UTF-8 with BOM) or XLSX file',
    content: { [TYPES.csv]: binary('csv').content[TYPES.csv], [TYPES.xlsx]: binary('xlsx').content[TYPES.xlsx] },
  },
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
};

const langOf = (request: FastifyRequest, lang?: 'vi' | 'en'): Lang => lang ?? (prefersEnglish(request) ? 'en' : 'vi');

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachment(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  const star = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${star}`;
}

async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  table: ExportTable,
  format: 'csv' | 'xlsx',
  name: string,
  units: string[],
  created: Date,
) {
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table, created);
  const sha256 = createHash('sha256').update(body).digest('hex');
  audit(request, {
    action: 'export',
    format,
    subject: request.url,
    units,
    rows: table.rows.length,
    bytes: body.length,
    sha256,
  });
  return reply
    .type(TYPES[format])
    .header('content-disposition', attachment(`${name}.${format}`))
    .header('cache-control', 'no-store')
    .send(body);
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/export/indicator.:format',
    {
      config: { access: 'export' },
      schema: {
        summary: 'One indicator as CSV or XLSX: the rows of GET /api/indicators/:id for the same query',
        description:
          'Query as GET /api/indicators/:id with the id as `indicator`. ' +
          'XLSX: typed cells and an information sheet (unit, period, filters, data date, source, suppression rule). ' +
          'CSV: the table only, UTF-8 with BOM.',
        tags: ['exports'],
        params: FormatSchema,
        querystring: IndicatorExportQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const lang = langOf(request, q.lang);
      const filters = Object.fromEntries(
        FILTER_NAMES.filter((k) => q[k] !== undefined).map((k) => [k, q[k] as string | number]),
      );
      const def = ctx.indicators.indicator(q.indicator);
      const answer = await ctx.indicators.run({
        id: def.id,
        unit: q.unit,
        from: q.from,
        to: q.to,
        by: q.by,
        at: q.at,
        filters,
        scope: request.scope,
      });
      const unitName = ctx.units.get(answer.unit)?.name ?? answer.unit;
      const created = new Date();
      const table = indicatorTable({
        def,
        answer,
        unitName,
        filters,
        meta: answerMeta(ctx, def.domain),
        info: ctx.info,
        lang,
        created,
      });
      const period = answer.from === answer.to ? answer.from : `${answer.from}_${answer.to}`;
      const units = [...new Set([answer.unit, ...answer.rows.map((r) => r.unit)])];
      return send(
        request,
        reply,
        table,
        request.params.format,
        `${def.id}_${answer.unit}_${unitName}_${answer.by}_${period}`,
        units,
        created,
      );
    },
  );

  app.get(
    '/api/export/targets.:format',
    {
      config: { access: 'export' },
      schema: {
        summary: "The plan's targets for a unit as CSV or XLSX: the rows of GET /api/targets",
        tags: ['exports'],
        params: FormatSchema,
        querystring: TargetsExportQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const { unit, lang: asked } = request.query;
      const targets = await ctx.targets.forUnit(unit, request.scope);
      const unitName = ctx.units.get(unit)?.name ?? unit;
      const meta = answerMeta(ctx, null);
      const created = new Date();
      const table = targetTable({
        unit,
        unitName,
        targets,
        meta,
        info: ctx.info,
        lang: langOf(request, asked),
        created,
      });
      return send(
        request,
        reply,
        table,
        request.params.format,
        `targets_${unit}_${unitName}_${(meta.data_date ?? '').slice(0, 7)}`,
        [unit],
        created,
      );
    },
  );

  app.get(
    '/api/export/index766.:format',
    {
      config: { access: 'export' },
      schema: {
        summary: 'The Decision 766 index of a unit as CSV or XLSX: the rows of GET /api/index766, one per indicator',
        description:
          'Query as GET /api/index766. For each unit (or month) a total line (score, grade, points, rank), then one ' +
          'line per indicator (numerator, denominator, ratio, points, maximum, points lost, status). XLSX: typed ' +
          'cells and an information sheet (unit, period, data date, source, the points rules, disclosure). ' +
          'CSV: the table only, UTF-8 with BOM.',
        tags: ['exports'],
        params: FormatSchema,
        querystring: Index766ExportQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const lang = langOf(request, q.lang);
      const answer = await ctx.index766.answer({
        unit: q.unit,
        period: q.period,
        by: q.by,
        scope: request.scope,
        lang,
      });
      const created = new Date();
      const table = index766Table({ answer, meta: answerMeta(ctx, 'index766'), info: ctx.info, lang, created });
      return send(
        request,
        reply,
        table,
        request.params.format,
        `index766_${answer.unit}_${answer.unit_name}_${answer.period}`,
        [...new Set([answer.unit, ...answer.rows.map((r) => r.unit)])],
        created,
      );
    },
  );

  const work = workService(ctx);
  app.get(
    '/api/export/directives.:format',
    {
      config: { access: 'export' },
      schema: {
        summary: 'The directives of a unit as CSV or XLSX: the rows of GET /api/directives with the same query',
        description:
          'One line per directive: unit, office, what to do, indicator and target, due date, status, overdue ' +
          '(judged on today in Vietnam), progress, expected effect, the value at issue and now with their months ' +
          '(empty when withheld), who issued it and when. XLSX adds an information sheet.',
        tags: ['exports'],
        params: FormatSchema,
        querystring: DirectivesExportQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const { lang: asked, ...q } = request.query;
      const answer = await work.directives(callerOf(request), request.scope, q);
      const unitName = ctx.units.get(answer.unit)?.name ?? answer.unit;
      const created = new Date();
      const input = { unit: answer.unit, unitName, today: answer.today, meta: answerMeta(ctx, null), info: ctx.info };
      const table = directiveTable({ ...input, lang: langOf(request, asked), created, directives: answer.directives });
      const units = [answer.unit, ...answer.directives.map((d) => d.unit_id)];
      const name = `directives_${answer.unit}_${unitName}_${answer.today}`;
      return send(request, reply, table, request.params.format, name, [...new Set(units)], created);
    },
  );

  app.get(
    '/api/export/tasks.:format',
    {
      config: { access: 'export' },
      schema: {
        summary: "The plan's tasks of a unit as CSV or XLSX: the rows of GET /api/tasks with the same query",
        description:
          'One line per task: id, clause, unit, title, lead and partner offices, deadline, status (judged on today ' +
          'in Vietnam), progress, the targets it serves with their status, the latest note. XLSX adds an ' +
          'information sheet.',
        tags: ['exports'],
        params: FormatSchema,
        querystring: TasksExportQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const { lang: asked, ...q } = request.query;
      const answer = await work.tasks(callerOf(request), request.scope, q);
      const unitName = ctx.units.get(answer.unit)?.name ?? answer.unit;
      const created = new Date();
      const input = { unit: answer.unit, unitName, today: answer.today, meta: answerMeta(ctx, null), info: ctx.info };
      const table = taskTable({ ...input, lang: langOf(request, asked), created, tasks: answer.tasks });
      const units = [answer.unit, ...answer.tasks.map((t) => t.unit_id)];
      const name = `tasks_${answer.unit}_${unitName}_${answer.today}`;
      return send(request, reply, table, request.params.format, name, [...new Set(units)], created);
    },
  );
};
