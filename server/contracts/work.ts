// Schemas of direction and follow-up (issue 21): the offices of a unit, the plan's tasks with their owners,
// directives a leader issues to an office from any panel, and comments on a view. The API's one truth for
// server/routes/work.ts, the OpenAPI page, the screen "Nhiệm vụ" (web/src/views/Tasks.tsx), the directive and
// comment panels (web/src/work/), the Overview, the wall, the live feed and the leader's brief.
import { Type, type Static } from '@sinclair/typebox';
import { DateSchema, MonthSchema, Nullable } from './common.ts';
import { TargetStatusSchema } from './targets.ts';

/** Longest texts accepted; longer ones get a 400 that says which field and how long it may be. */
export const TEXT_LIMITS = { title: 200, detail: 2000, expected: 300, note: 2000, comment: 2000, reason: 500 } as const;

/** An office of a unit (Công an xã, Bộ phận một cửa, …), imported with the file kind `offices`. */
export const OfficeSchema = Type.Object({
  id: Type.String({ description: 'office_id of the offices file, e.g. 10633.cong-an' }),
  unit_id: Type.String(),
  unit_name: Type.String(),
  name: Type.String(),
  name_en: Nullable(Type.String()),
  /** usernames of the accounts that belong to the office (an account belongs to at most one office) */
  accounts: Type.Array(Type.String()),
});
export type Office = Static<typeof OfficeSchema>;

/** An office as a task names it: resolved to an office of the unit (or above it), or kept as written. */
export const OfficeRefSchema = Type.Object({
  office_id: Nullable(Type.String({ description: 'null for a generic phrase ("các đơn vị liên quan")' })),
  name: Type.String({ description: "the office's name, or the phrase as the plan writes it" }),
});
export type OfficeRef = Static<typeof OfficeRefSchema>;

export const TaskStatusSchema = Type.Union(
  [Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('overdue')],
  {
    description:
      "done: the lead office said so; overdue: not done and the deadline (the task's own, else the earliest " +
      'deadline of its targets) is before today in Vietnam (UTC+7); in_progress: a progress note or status; ' +
      'else not_started',
  },
);
export type TaskStatus = Static<typeof TaskStatusSchema>;

/** A target a task serves, with its status for the task's unit now. */
export const TaskTargetSchema = Type.Object({
  target_id: Type.String(),
  indicator: Type.String(),
  title_vi: Type.String(),
  title_en: Type.String(),
  deadline: DateSchema,
  status: TargetStatusSchema,
  value: Nullable(Type.Number()),
  target: Type.Number(),
  comparator: Type.String(),
  unit: Type.String({ description: 'percent, count, milestone or points' }),
});
export type TaskTarget = Static<typeof TaskTargetSchema>;

/** A progress note or a change of a task or a directive, oldest first. */
export const WorkUpdateSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: 'ISO time' }),
  by: Type.String({ description: 'username' }),
  by_name: Type.String(),
  action: Type.String({
    description:
      'task: progress, status, edit, create; directive: issue, acknowledge, progress, done, accept, reopen, withdraw',
  }),
  note: Nullable(Type.String()),
  progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  /** task status set by this update (task updates only) */
  status: Nullable(Type.String()),
});
export type WorkUpdate = Static<typeof WorkUpdateSchema>;

export const TaskSchema = Type.Object({
  id: Type.String({ description: '<unit_id>.<task_id>, e.g. 10633.T036' }),
  task_id: Type.String({ description: 'T001 …' }),
  unit_id: Type.String(),
  unit_name: Type.String(),
  section: Type.String({ description: "the plan's clause, e.g. III.2.h" }),
  title_vi: Type.String(),
  title_en: Nullable(Type.String()),
  lead: Type.Array(OfficeRefSchema),
  partners: Type.Array(OfficeRefSchema),
  timeframe: Nullable(Type.String()),
  /** the task's own deadline (set by an admin), else the earliest deadline of its targets, else null */
  deadline: Nullable(DateSchema),
  deadline_from: Type.Union([Type.Literal('task'), Type.Literal('targets'), Type.Null()]),
  targets: Type.Array(TaskTargetSchema),
  notes: Nullable(Type.String()),
  status: TaskStatusSchema,
  progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  /** the account may set status and progress (a member of a lead office, or an admin of the unit) */
  can_update: Type.Boolean(),
  can_edit: Type.Boolean({ description: 'an admin of the unit may edit the fields' }),
  /** the account may add a note (a member of a lead or partner office, a leader, an admin of the unit) */
  can_note: Type.Boolean(),
  updates: Type.Array(WorkUpdateSchema),
});
export type Task = Static<typeof TaskSchema>;

/** An office behind on a target: it leads a task serving a target at risk or missed for the unit. */
export const OfficeBehindSchema = Type.Object({
  office_id: Type.String(),
  office_name: Type.String(),
  unit_id: Type.String(),
  target_id: Type.String(),
  title_vi: Type.String(),
  title_en: Type.String(),
  status: TargetStatusSchema,
  deadline: DateSchema,
  tasks: Type.Array(Type.String({ description: 'task ids' })),
  overdue_tasks: Type.Integer(),
  open_directives: Type.Integer(),
});
export type OfficeBehind = Static<typeof OfficeBehindSchema>;

export const TasksQuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ description: "default: the account's unit; its tasks and those below it" })),
    office: Type.Optional(Type.String()),
    status: Type.Optional(TaskStatusSchema),
    mine: Type.Optional(Type.Boolean({ description: "only the tasks of the account's office (lead or partner)" })),
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

export const TasksAnswerSchema = Type.Object({
  unit: Type.String(),
  /** today in Vietnam, the day overdue is judged on */
  today: DateSchema,
  /** the account's office, if it belongs to one */
  my_office: Nullable(Type.String()),
  offices: Type.Array(OfficeSchema),
  tasks: Type.Array(TaskSchema),
  behind: Type.Array(OfficeBehindSchema),
  counts: Type.Object({
    not_started: Type.Integer(),
    in_progress: Type.Integer(),
    done: Type.Integer(),
    overdue: Type.Integer(),
  }),
});
export type TasksAnswer = Static<typeof TasksAnswerSchema>;

/** POST /api/tasks (admin): a new task of a unit in the admin's scope. */
export const TaskCreateSchema = Type.Object(
  {
    unit_id: Type.String(),
    task_id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    section: Type.String({ minLength: 1, maxLength: 40 }),
    title_vi: Type.String({ minLength: 1, maxLength: 1000 }),
    title_en: Type.Optional(Type.String({ maxLength: 1000 })),
    lead: Type.Array(Type.String({ description: 'office ids' }), { minItems: 1, maxItems: 10 }),
    partners: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
    deadline: Type.Optional(Nullable(DateSchema)),
    targets: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type TaskCreate = Static<typeof TaskCreateSchema>;

/**
 * PATCH /api/tasks/:id: status, progress and a note (a member of a lead office, or an admin); a note alone
 * (a member of a lead or partner office, a leader of the unit); the fields (an admin, with a reason).
 */
export const TaskPatchSchema = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done')])),
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    title_vi: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    title_en: Type.Optional(Type.String({ maxLength: 1000 })),
    lead: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 10 })),
    partners: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
    deadline: Type.Optional(Nullable(DateSchema)),
    targets: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type TaskPatch = Static<typeof TaskPatchSchema>;

/** Where a directive was issued from. */
export const DirectiveSourceSchema = Type.Union([
  Type.Literal('target'),
  Type.Literal('chart'),
  Type.Literal('map'),
  Type.Literal('index766'),
  Type.Literal('comment'),
  Type.Literal('task'),
  Type.Literal('tasks'),
]);

export const DirectiveStatusSchema = Type.Union(
  [
    Type.Literal('issued'),
    Type.Literal('acknowledged'),
    Type.Literal('in_progress'),
    Type.Literal('done'),
    Type.Literal('accepted'),
    Type.Literal('reopened'),
    Type.Literal('withdrawn'),
  ],
  {
    description:
      'issued → acknowledged → in_progress → done (the office) → accepted or reopened (a leader); ' +
      'withdrawn by a leader with a reason; accepted and withdrawn are closed',
  },
);
export type DirectiveStatus = Static<typeof DirectiveStatusSchema>;

/** An indicator's value for the directive's unit: at issue (kept) or now (computed on each read). */
export const WorkValueSchema = Type.Object({
  value: Nullable(Type.Number()),
  month: MonthSchema,
  /** withheld by disclosure control (value null, never 0) */
  suppressed: Type.Boolean(),
});
export type WorkValue = Static<typeof WorkValueSchema>;

export const DirectiveSchema = Type.Object({
  id: Type.Integer(),
  unit_id: Type.String({ description: 'the unit the directive concerns' }),
  unit_name: Type.String(),
  office_id: Type.String(),
  office_name: Type.String(),
  indicator: Nullable(Type.String()),
  indicator_title_vi: Nullable(Type.String()),
  indicator_title_en: Nullable(Type.String()),
  measure: Nullable(Type.String({ description: "the indicator's unit: percent, persons, count, …" })),
  target_id: Nullable(Type.String()),
  task_id: Nullable(Type.String()),
  comment_id: Nullable(Type.Integer()),
  source: DirectiveSourceSchema,
  /** the view it was issued from, as a query string of the web app (screen=…&unit=…) */
  view: Nullable(Type.String()),
  title: Type.String(),
  detail: Nullable(Type.String()),
  due: DateSchema,
  expected: Nullable(Type.String({ description: 'the expected effect, in words' })),
  expected_value: Nullable(Type.Number()),
  value_at_issue: Nullable(WorkValueSchema),
  value_now: Nullable(WorkValueSchema),
  issued_by: Type.String(),
  issued_by_name: Type.String(),
  issued_at: Type.String(),
  status: DirectiveStatusSchema,
  /** not closed, not done, and due before today in Vietnam (UTC+7) */
  overdue: Type.Boolean(),
  progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  /** the actions this account may take now: acknowledge, progress, done, accept, reopen, withdraw */
  actions: Type.Array(Type.String()),
  updates: Type.Array(WorkUpdateSchema),
});
export type Directive = Static<typeof DirectiveSchema>;

export const DirectivesQuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ description: "default: the account's unit; its directives and below" })),
    office: Type.Optional(Type.String()),
    status: Type.Optional(DirectiveStatusSchema),
    overdue: Type.Optional(Type.Boolean()),
    open: Type.Optional(Type.Boolean({ description: 'only directives not accepted nor withdrawn' })),
    mine: Type.Optional(Type.Boolean({ description: "issued by the account, or to the account's office" })),
    indicator: Type.Optional(Type.String()),
    target: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const DirectivesAnswerSchema = Type.Object({
  unit: Type.String(),
  today: DateSchema,
  my_office: Nullable(Type.String()),
  directives: Type.Array(DirectiveSchema),
});
export type DirectivesAnswer = Static<typeof DirectivesAnswerSchema>;

/** POST /api/directives (a leader): the office and the unit must be in the leader's scope, due today or later. */
export const DirectiveCreateSchema = Type.Object(
  {
    office_id: Type.String({ minLength: 1, maxLength: 100 }),
    unit_id: Type.String({ minLength: 1, maxLength: 40 }),
    indicator: Type.Optional(Type.String({ maxLength: 80 })),
    target_id: Type.Optional(Type.String({ maxLength: 40 })),
    task_id: Type.Optional(Type.String({ maxLength: 80 })),
    comment_id: Type.Optional(Type.Integer({ minimum: 1 })),
    source: DirectiveSourceSchema,
    view: Type.Optional(Type.String({ maxLength: 1000 })),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    detail: Type.Optional(Type.String({ maxLength: 2000 })),
    due: DateSchema,
    expected: Type.Optional(Type.String({ maxLength: 300 })),
    expected_value: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type DirectiveCreate = Static<typeof DirectiveCreateSchema>;

export const DirectiveActionSchema = Type.Union([
  Type.Literal('acknowledge'),
  Type.Literal('progress'),
  Type.Literal('done'),
  Type.Literal('accept'),
  Type.Literal('reopen'),
  Type.Literal('withdraw'),
]);
export type DirectiveAction = Static<typeof DirectiveActionSchema>;

/**
 * POST /api/directives/:id/updates: acknowledge, progress, done by a member of the office; accept, reopen,
 * withdraw by a leader who sees the unit (reopen and withdraw need a note: the reason).
 */
export const DirectiveUpdateSchema = Type.Object(
  {
    action: DirectiveActionSchema,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type DirectiveUpdate = Static<typeof DirectiveUpdateSchema>;

/**
 * A view's exact state as the web app's query string: screen and unit always; indicator, from, to, by, at,
 * target and the filters (sex, age, residence, …) when set. The server puts it in one canonical order
 * (server/work/view-key.ts), so two spellings of one view are one key.
 */
export const ViewKeySchema = Type.String({ minLength: 1, maxLength: 1000 });

export const MentionSchema = Type.Object({
  kind: Type.Union([Type.Literal('account'), Type.Literal('office')]),
  id: Type.String({ description: 'username or office id' }),
  name: Type.String(),
});
export type Mention = Static<typeof MentionSchema>;

export const CommentSchema = Type.Object({
  id: Type.Integer(),
  view: Type.String({ description: 'the canonical view key' }),
  screen: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  indicator: Nullable(Type.String()),
  /** "2025-01…2026-11" or one month, when the view has a period */
  period: Nullable(Type.String()),
  text: Type.String({ description: 'plain text, always shown as text' }),
  author: Type.String(),
  author_name: Type.String(),
  at: Type.String(),
  mentions: Type.Array(MentionSchema),
  /** the directive this comment became */
  directive_id: Nullable(Type.Integer()),
  withdrawn: Nullable(Type.Object({ at: Type.String(), by: Type.String(), reason: Type.String() })),
});
export type Comment = Static<typeof CommentSchema>;

export const CommentsQuerySchema = Type.Object(
  {
    view: Type.Optional(ViewKeySchema),
    unit: Type.Optional(Type.String({ description: 'without view: the latest comments of the unit and below' })),
  },
  { additionalProperties: false },
);

export const CommentsAnswerSchema = Type.Object({
  view: Nullable(Type.String()),
  comments: Type.Array(CommentSchema),
});
export type CommentsAnswer = Static<typeof CommentsAnswerSchema>;

/** POST /api/comments: any signed-in account that sees the view's unit. */
export const CommentCreateSchema = Type.Object(
  {
    view: ViewKeySchema,
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    /** usernames and office ids, each within the author's scope */
    mentions: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type CommentCreate = Static<typeof CommentCreateSchema>;

export const CommentWithdrawSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

/** `work` of a live message: a directive or a task whose status changed, sent to those who see its unit. */
export const LiveWorkSchema = Type.Object({
  kind: Type.Union([Type.Literal('directive'), Type.Literal('task')]),
  id: Type.String({ description: 'directive id as text, or task id' }),
  unit: Type.String(),
  unit_name: Type.String(),
  office_id: Nullable(Type.String()),
  office_name: Nullable(Type.String()),
  title: Type.String(),
  status: Type.String(),
  previous_status: Nullable(Type.String()),
  overdue: Type.Boolean(),
  by_name: Type.String(),
});
export type LiveWork = Static<typeof LiveWorkSchema>;

/**
 * Follow-up of a unit (followUp in server/work/service.ts): what is overdue today in Vietnam, and what moved in a
 * period. Read by the leader's brief and by a snapshot's follow-up panel; the Overview and the wall read the same
 * through /api/directives?overdue=true and /api/tasks?status=overdue.
 */
export const FollowUpSchema = Type.Object({
  unit: Type.String(),
  today: DateSchema,
  /** the period counted (issued, done), YYYY-MM-DD both ends */
  from: DateSchema,
  to: DateSchema,
  overdue_directives: Type.Array(DirectiveSchema),
  overdue_tasks: Type.Array(TaskSchema),
  counts: Type.Object({
    open_directives: Type.Integer(),
    overdue_directives: Type.Integer(),
    overdue_tasks: Type.Integer(),
    issued: Type.Integer({ description: 'directives issued in the period' }),
    done: Type.Integer({ description: 'directives marked done or accepted in the period' }),
  }),
});
export type FollowUp = Static<typeof FollowUpSchema>;
