// Schemas of the leader's brief (issue 19): what a brief holds (BriefContent: the figures the text generator,
// the PDF and the screen read), the briefs kept, the schedules and the e-mail deliveries. The API's one truth for
// server/routes/briefs.ts, the OpenAPI page and the web screen "Báo cáo định kỳ" (web/src/views/Briefs.tsx).
import { Type, type Static } from '@sinclair/typebox';
import { DateSchema, MonthSchema, Nullable } from './common.ts';
import { TargetStatusSchema } from './targets.ts';
import { FollowUpSchema } from './work.ts';

export const PeriodKindSchema = Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')], {
  description: 'week: Monday to Sunday (ISO week); month; quarter',
});
export type PeriodKind = Static<typeof PeriodKindSchema>;

export const LangSchema = Type.Union([Type.Literal('vi'), Type.Literal('en')]);

/** A period of a brief: 2026-W47, 2026-11 or 2026-Q4. */
export const PeriodIdSchema = Type.String({
  pattern: '^\\d{4}-(W(0[1-9]|[1-4]\\d|5[0-3])|0[1-9]|1[0-2]|Q[1-4])$',
  description: 'YYYY-Www (ISO week), YYYY-MM or YYYY-Qn',
});

export const BriefPeriodSchema = Type.Object({
  kind: PeriodKindSchema,
  id: PeriodIdSchema,
  /** first and last day of the period, YYYY-MM-DD */
  from: DateSchema,
  to: DateSchema,
  /** "tháng 11/2026", "tuần 47/2026 (16/11–22/11/2026)", "quý IV/2026" */
  label_vi: Type.String(),
  label_en: Type.String(),
});
export type BriefPeriod = Static<typeof BriefPeriodSchema>;

const Titled = {
  title_vi: Type.String(),
  title_en: Type.String(),
};

/** One key figure of the unit: the value in the period's month and in the month before. */
export const BriefFigureSchema = Type.Object({
  indicator: Type.String(),
  ...Titled,
  domain: Type.String({ description: 'population | procedures' }),
  measure: Type.String({ description: "the indicator's unit: percent, persons, count, …" }),
  month: MonthSchema,
  value: Nullable(Type.Number()),
  previous_month: MonthSchema,
  previous: Nullable(Type.Number()),
  /** value or previous withheld by disclosure control (the number is then null, never 0) */
  suppressed: Type.Boolean(),
  /** the month is still in progress at the data date (a count is then not comparable) */
  partial: Type.Boolean(),
  /** the highest / lowest value of the months of the year so far (January … month), when there are ≥ 3 */
  year_high: Type.Boolean(),
  year_low: Type.Boolean(),
  /** higher is better (a share of online dossiers), lower is better (late dossiers), or neither (population) */
  direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('none')]),
});
export type BriefFigure = Static<typeof BriefFigureSchema>;

export const BriefTargetSchema = Type.Object({
  target_id: Type.String(),
  ...Titled,
  indicator: Type.String(),
  comparator: Type.String({ description: '>= | <= | done' }),
  target: Type.Number(),
  measure: Type.String(),
  deadline: DateSchema,
  status: TargetStatusSchema,
  /** the status at the end of the previous period (null when the target was not in force or not computed) */
  previous_status: Type.Union([TargetStatusSchema, Type.Null()]),
  value: Nullable(Type.Number()),
  value_month: Nullable(MonthSchema),
  forecast_at_deadline: Nullable(Type.Number()),
  probability: Nullable(Type.Number()),
  pace_needed: Nullable(Type.Number({ description: 'change per month still needed to meet it' })),
  months_left: Nullable(Type.Number()),
});
export type BriefTarget = Static<typeof BriefTargetSchema>;

/** A child unit below its target on an indicator (a district's brief). */
export const BriefLaggingSchema = Type.Object({
  unit: Type.String(),
  name: Type.String(),
  indicator: Type.String(),
  ...Titled,
  measure: Type.String(),
  value: Nullable(Type.Number()),
  target: Type.Number(),
  comparator: Type.String(),
});
export type BriefLagging = Static<typeof BriefLaggingSchema>;

export const BriefIndex766Schema = Type.Object({
  period: Type.String({ description: "the index's period: the brief's month or quarter" }),
  score: Nullable(Type.Number()),
  previous: Nullable(Type.Number({ description: 'the score of the period before' })),
  /** the biggest losses, most points first (at most 3), with their sentence */
  losses: Type.Array(
    Type.Object({ indicator: Type.String(), lost: Type.Number(), text_vi: Type.String(), text_en: Type.String() }),
  ),
});

export const BriefContentSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String({ description: '"Xã Nam Trung": the name with its level' }),
  level: Type.String({ description: 'commune | district | province' }),
  /** the unit's parent name (the issuing authority's superior line of Decree 30), or null */
  parent_name: Nullable(Type.String()),
  period: BriefPeriodSchema,
  /** the period compared with: the one before */
  previous_period: BriefPeriodSchema,
  /** the last day the data cover */
  data_date: DateSchema,
  data_version: Type.Integer(),
  generated: Type.Boolean({ description: 'simulated (demo) data' }),
  disclosure: Type.Union([Type.Literal('cellkey'), Type.Literal('suppress')]),
  min_cell: Type.Integer(),
  /** every target in force for the unit, in the plan's order */
  targets: Type.Array(BriefTargetSchema),
  /** children below their target (a district or province brief); [] for a commune */
  lagging: Type.Array(BriefLaggingSchema),
  index766: Type.Union([BriefIndex766Schema, Type.Null()]),
  figures: Type.Array(BriefFigureSchema),
  /** directives and tasks overdue when the brief was made, and directives issued and done in the period (issue 21);
   * absent in briefs made before it */
  followup: Type.Optional(FollowUpSchema),
});
export type BriefContent = Static<typeof BriefContentSchema>;

export const DeliveryStateSchema = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]);

export const DeliverySchema = Type.Object({
  id: Type.String(),
  brief: Type.String(),
  to: Type.String({ description: 'the address it goes to' }),
  state: DeliveryStateSchema,
  attempts: Type.Integer(),
  last_error: Nullable(Type.String()),
  next_attempt_at: Nullable(Type.String({ description: 'ISO time of the next try (pending)' })),
  sent_at: Nullable(Type.String()),
  created_at: Type.String(),
  /** for the admin's list: the brief's unit and period */
  unit_name: Type.String(),
  period_label: Type.String(),
  account: Type.String(),
});
export type Delivery = Static<typeof DeliverySchema>;

export const BriefSummarySchema = Type.Object({
  id: Type.String(),
  unit: Type.String(),
  unit_name: Type.String(),
  period: BriefPeriodSchema,
  lang: LangSchema,
  /** "12/BC-IOC": the brief's number in its unit's year */
  number: Type.String(),
  created_at: Type.String({ description: 'ISO time' }),
  data_date: DateSchema,
  data_version: Type.Integer(),
  /** the account it was made for (its schedule's subscriber, or who asked) */
  account: Type.String(),
  schedule: Nullable(Type.String()),
  /** the slot of the schedule it was made for (ISO), or null when asked by hand */
  slot: Nullable(Type.String()),
  bytes: Type.Integer({ description: 'size of the PDF' }),
  /** the summary paragraph, as the PDF has it */
  summary: Type.String(),
  deliveries: Type.Array(DeliverySchema),
});
export type BriefSummary = Static<typeof BriefSummarySchema>;

export const BriefListSchema = Type.Object({ briefs: Type.Array(BriefSummarySchema) });

export const BriefAnswerSchema = Type.Composite([BriefSummarySchema, Type.Object({ content: BriefContentSchema })]);

export const BriefCreateSchema = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 32 }),
    kind: PeriodKindSchema,
    period: Type.Optional(PeriodIdSchema),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
);

export const BriefParamsSchema = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

export const ScheduleSchema = Type.Object({
  id: Type.String(),
  /** the subscriber */
  account: Type.String(),
  unit: Type.String(),
  unit_name: Type.String(),
  kind: PeriodKindSchema,
  /** week: 1 = Monday … 7 = Sunday */
  weekday: Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()]),
  /** month, quarter: the day of the month (of the quarter's first month); past a month's end, its last day */
  day: Type.Union([Type.Integer({ minimum: 1, maximum: 31 }), Type.Null()]),
  /** HH:MM in Vietnam's time (Asia/Ho_Chi_Minh) */
  time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  lang: LangSchema,
  /** where the PDF is e-mailed (null: kept only) */
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  created_by: Type.String(),
  created_at: Type.String(),
  /** the last slot a brief was made for (ISO), or null */
  last_slot: Nullable(Type.String()),
  /** the latest slot run: when, and whether its brief was made (a failed one says why; it is tried again) */
  last_run: Type.Union([
    Type.Object({
      slot: Type.String({ description: 'ISO time of the slot' }),
      state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
      brief: Nullable(Type.String()),
      error: Nullable(Type.String()),
      attempts: Type.Integer(),
    }),
    Type.Null(),
  ]),
  /** the next slot (ISO) and its wording: "Thứ Hai 07:00, 07/12/2026" */
  next_slot: Nullable(Type.String()),
  label_vi: Type.String(),
  label_en: Type.String(),
});
export type Schedule = Static<typeof ScheduleSchema>;

export const ScheduleCreateSchema = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 32 }),
    kind: PeriodKindSchema,
    weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    lang: Type.Optional(LangSchema),
    email: Type.Optional(Type.String({ maxLength: 254, format: 'email' })),
    /** an admin may subscribe another account of their units */
    account: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const ScheduleUpdateSchema = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });

export const ScheduleListSchema = Type.Object({ schedules: Type.Array(ScheduleSchema) });
export const DeliveryListSchema = Type.Object({ deliveries: Type.Array(DeliverySchema) });
