// Direction and follow-up (issue 21): the plan's tasks (GET/POST /api/tasks, PATCH /api/tasks/:id), directives
// (GET/POST /api/directives, POST /api/directives/:id/updates), comments on a view (GET/POST /api/comments,
// POST /api/comments/:id/withdraw) and the offices an account may address (GET /api/offices). Every route needs a
// signed-in account ('read'; an API key is refused) and CSRF on writes (the auth plugin); who may do what is
// checked here, by role and office (server/work/service.ts): a 403 says why. Everything belongs to a unit the
// account must read in detail: a directive, task or comment of another unit answers 404 as if it were absent, a
// list or a new item about a unit outside the scope 403. Every write is audited (task_create, task_update,
// directive_create, directive_update, comment_create, comment_withdraw) and directive and task status changes go
// to the live feed of those who see the unit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditEvent, noteRead } from '../audit/hook.ts';
import type { Context } from '../context.ts';
import type { Live } from '../live/index.ts';
import { ErrorSchema } from '../contracts/common.ts';
import {
  CommentCreateSchema,
  CommentSchema,
  CommentsAnswerSchema,
  CommentsQuerySchema,
  CommentWithdrawSchema,
  DirectiveCreateSchema,
  DirectiveSchema,
  DirectivesAnswerSchema,
  DirectivesQuerySchema,
  DirectiveUpdateSchema,
  OfficeSchema,
  TaskCreateSchema,
  TaskPatchSchema,
  TaskSchema,
  TasksAnswerSchema,
  TasksQuerySchema,
} from '../contracts/work.ts';
import { callerOf, workService } from '../work/service.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const TaskParams = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9@_-]{1,40}\\.[A-Za-z0-9_-]{1,32}$', description: '<unit_id>.<task_id>' }),
});
const OfficesQuery = Type.Object(
  { unit: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: "default: the account's unit" })) },
  { additionalProperties: false },
);

export const workRoutes: FastifyPluginAsyncTypebox<{ ctx: Context; live: Live }> = async (app, { ctx, live }) => {
  const work = workService(ctx);
  const tags = ['work'];
  const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
  const writeErrors = { ...errors, 409: ErrorSchema };
  const caller = callerOf;

  app.get(
    '/api/offices',
    {
      schema: {
        summary: 'The offices the account may address about a unit (its own, above and below it): the directive form',
        tags,
        querystring: OfficesQuery,
        response: { 200: Type.Object({ offices: Type.Array(OfficeSchema) }), ...errors },
      },
    },
    async (request) => {
      const unit = request.query.unit ?? request.user!.unit_id;
      work.checkUnit(request.scope, unit);
      const offices = await work.officesFor(request.scope, unit);
      noteRead(request, [unit, ...offices.map((o) => o.unit_id)], offices.length);
      return { offices };
    },
  );

  app.get(
    '/api/tasks',
    {
      schema: {
        summary: "The plan's tasks of a unit and below, with owners, status, targets and progress; who is behind",
        description:
          'Status: done (the lead office said so); overdue (not done, and the deadline — the task’s own, else the ' +
          'earliest deadline of its targets — is before today in Vietnam, UTC+7); in_progress; not_started.',
        tags,
        querystring: TasksQuerySchema,
        response: { 200: TasksAnswerSchema, ...errors },
      },
    },
    async (request) => {
      const { lang: _lang, ...q } = request.query;
      const answer = await work.tasks(caller(request), request.scope, q);
      noteRead(request, [answer.unit, ...answer.tasks.map((t) => t.unit_id)], answer.tasks.length);
      return answer;
    },
  );

  app.post(
    '/api/tasks',
    {
      schema: {
        summary: 'Add a task to the plan of a unit (an administrator of the unit)',
        tags,
        body: TaskCreateSchema,
        response: { 201: TaskSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const task = await work.createTask(caller(request), request.scope, request.body);
      await auditEvent(request, 'task_create', `${task.id}: ${task.title_vi.slice(0, 120)}`, undefined, [task.unit_id]);
      return reply.code(201).send(task);
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        summary: "Set a task's status and progress, note it, or (an administrator, with a reason) edit it",
        description:
          'Status and progress: a member of a lead office, or an administrator. A note alone: also a member of a ' +
          'partner office, or a leader. The fields (title, offices, deadline, targets): an administrator, with a ' +
          'reason.',
        tags,
        params: TaskParams,
        body: TaskPatchSchema,
        response: { 200: TaskSchema, ...writeErrors },
      },
    },
    async (request) => {
      const who = caller(request);
      const { task, before, detail } = await work.patchTask(who, request.scope, request.params.id, request.body);
      await auditEvent(request, 'task_update', detail, undefined, [task.unit_id]);
      if (task.status !== before.status || request.body.status !== undefined)
        live.hub.publishWork(work.liveOfTask(task, before.status, who.username));
      return task;
    },
  );

  app.get(
    '/api/directives',
    {
      schema: {
        summary: 'Directives about a unit and below: value at issue and now, status, overdue, what you may do',
        tags,
        querystring: DirectivesQuerySchema,
        response: { 200: DirectivesAnswerSchema, ...errors },
      },
    },
    async (request) => {
      const answer = await work.directives(caller(request), request.scope, request.query);
      noteRead(request, [answer.unit, ...answer.directives.map((d) => d.unit_id)], answer.directives.length);
      return answer;
    },
  );

  app.post(
    '/api/directives',
    {
      schema: {
        summary: 'Issue a directive to an office (a leader): what, by when, the indicator and the expected effect',
        description:
          'The unit and the office must be within the leader’s scope (403), the office of the unit, above or below ' +
          'it; the due date today or later in Vietnam (400). The indicator’s published value now is kept as ' +
          'value_at_issue.',
        tags,
        body: DirectiveCreateSchema,
        response: { 201: DirectiveSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const who = caller(request);
      const d = await work.createDirective(who, request.scope, request.body);
      await auditEvent(
        request,
        'directive_create',
        `${d.id} to ${d.office_id} due ${d.due}: ${d.title.slice(0, 120)}`,
        undefined,
        [d.unit_id],
      );
      live.hub.publishWork(work.liveOfDirective(d, null, who.username));
      return reply.code(201).send(d);
    },
  );

  app.post(
    '/api/directives/:id/updates',
    {
      schema: {
        summary: 'A step of a directive: acknowledge, progress, done (its office); accept, reopen, withdraw (a leader)',
        description: 'reopen and withdraw need a note (the reason); a step the status does not allow is 409.',
        tags,
        params: IdParams,
        body: DirectiveUpdateSchema,
        response: { 200: DirectiveSchema, ...writeErrors },
      },
    },
    async (request) => {
      const who = caller(request);
      const { directive, previous } = await work.stepDirective(who, request.scope, request.params.id, request.body);
      await auditEvent(
        request,
        'directive_update',
        `${directive.id} ${request.body.action}: ${previous} → ${directive.status}`,
        undefined,
        [directive.unit_id],
      );
      live.hub.publishWork(work.liveOfDirective(directive, previous, who.username));
      return directive;
    },
  );

  app.get(
    '/api/comments',
    {
      schema: {
        summary: "A view's comments (view=the view's query string), or the latest comments of a unit and below",
        tags,
        querystring: CommentsQuerySchema,
        response: { 200: CommentsAnswerSchema, ...errors },
      },
    },
    async (request) => {
      const answer = await work.comments(caller(request), request.scope, request.query);
      const asked = answer.view
        ? new URLSearchParams(answer.view).get('unit')!
        : (request.query.unit ?? request.user!.unit_id);
      noteRead(request, [asked, ...answer.comments.map((c) => c.unit_id)], answer.comments.length);
      return answer;
    },
  );

  app.post(
    '/api/comments',
    {
      schema: {
        summary: 'Comment on a view (plain text), mentioning accounts or offices',
        tags,
        body: CommentCreateSchema,
        response: { 201: CommentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const c = await work.createComment(caller(request), request.scope, request.body);
      await auditEvent(
        request,
        'comment_create',
        `${c.id} on ${c.view}` + (c.mentions.length ? ` mentioning ${c.mentions.map((m) => m.id).join(', ')}` : ''),
        undefined,
        [c.unit_id],
      );
      return reply.code(201).send(c);
    },
  );

  app.post(
    '/api/comments/:id/withdraw',
    {
      schema: {
        summary: 'Withdraw a comment with a reason (its author, a leader or an administrator); it is kept',
        tags,
        params: IdParams,
        body: CommentWithdrawSchema,
        response: { 200: CommentSchema, ...writeErrors },
      },
    },
    async (request) => {
      const c = await work.withdrawComment(caller(request), request.scope, request.params.id, request.body.reason);
      await auditEvent(request, 'comment_withdraw', `${c.id}: ${c.withdrawn?.reason ?? ''}`, undefined, [c.unit_id]);
      return c;
    },
  );
};
