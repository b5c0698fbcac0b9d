// Schemas of the snapshot routes (issue 6): the request that freezes a view, the list, and the
// frozen answer. Shared with the web client (the "Chụp nhanh" button and the /s/<id> page).
import { Type, type Static } from '@sinclair/typebox';
import { DateSchema, MetaSchema, MonthSchema } from './common.ts';
import { IndicatorFiltersSchema, IndicatorMetaSchema, IndicatorQuerySchema, IndicatorRowSchema } from './indicators.ts';
import { TargetAnswerSchema } from './targets.ts';
import { FollowUpSchema } from './work.ts';

export const MAX_PANELS = 40;

/** indicator: rows of one indicator; targets: the targets of a unit; followup: its overdue directives and tasks. */
const PanelKindSchema = Type.Union([Type.Literal('indicator'), Type.Literal('targets'), Type.Literal('followup')]);

/** A panel's filters: those of an indicator request (the registry's one list). */
export const SnapshotFiltersSchema = IndicatorFiltersSchema;

export const PanelRequestSchema = Type.Object(
  {
    indicator: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+$' })),
    unit: Type.String({ minLength: 1, maxLength: 32 }),
    from: Type.Optional(MonthSchema),
    to: Type.Optional(MonthSchema),
    by: Type.Optional(IndicatorQuerySchema.properties.by),
    at: Type.Optional(DateSchema),
    filters: Type.Optional(SnapshotFiltersSchema),
  },
  { additionalProperties: false },
);

export const PanelSpecSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ maxLength: 300 }),
    kind: PanelKindSchema,
    request: PanelRequestSchema,
  },
  { additionalProperties: false },
);
export type PanelSpec = Static<typeof PanelSpecSchema>;

export const SnapshotCreateSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    view: Type.String({ maxLength: 2000, description: 'the app URL path and query, e.g. /targets?unit=291' }),
    panels: Type.Array(PanelSpecSchema, { minItems: 1, maxItems: MAX_PANELS }),
  },
  { additionalProperties: false },
);
export type SnapshotCreate = Static<typeof SnapshotCreateSchema>;

export const SnapshotCreatedSchema = Type.Object({
  id: Type.String(),
  link: Type.String({ description: '/s/<id>: the web page of the snapshot' }),
  sha256: Type.String({ description: 'SHA-256 (hex) of the stored data bytes (data.arrow)' }),
  created_at: Type.String(),
  data_version: Type.Integer(),
});

export const SnapshotSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  view: Type.String(),
  owner: Type.String(),
  created_at: Type.String(),
  data_version: Type.Integer(),
  data_date: Type.Union([Type.String(), Type.Null()]),
});
export const SnapshotListSchema = Type.Object({ snapshots: Type.Array(SnapshotSummarySchema) });

/** What was frozen with each panel besides its rows: the answer's own header. */
export const PanelFrozenSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: PanelKindSchema,
  request: PanelRequestSchema,
  indicator: Type.Optional(IndicatorMetaSchema),
  unit: Type.String(),
  unit_name: Type.String(),
  by: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  meta: MetaSchema,
});
export type PanelFrozen = Static<typeof PanelFrozenSchema>;

/** The JSON spec kept with the data: the panels as asked and answered, who, when, data version, hash. */
export const SnapshotSpecSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  view: Type.String(),
  owner: Type.String(),
  created_at: Type.String(),
  data_version: Type.Integer(),
  data_date: Type.Union([Type.String(), Type.Null()]),
  generated: Type.Boolean(),
  min_cell: Type.Integer(),
  /** how the frozen figures were protected; absent in snapshots taken before the cell-key method (suppression) */
  disclosure: Type.Optional(Type.Union([Type.Literal('cellkey'), Type.Literal('suppress')])),
  sha256: Type.String(),
  format: Type.Literal('arrow-ipc-stream'),
  panels: Type.Array(PanelFrozenSchema),
});
export type SnapshotSpec = Static<typeof SnapshotSpecSchema>;

export const SnapshotPanelSchema = Type.Composite([
  PanelFrozenSchema,
  Type.Object({
    rows: Type.Optional(Type.Array(IndicatorRowSchema)),
    targets: Type.Optional(Type.Array(TargetAnswerSchema)),
    followup: Type.Optional(FollowUpSchema),
  }),
]);

export const SnapshotAnswerSchema = Type.Object({
  frozen: Type.Literal(true),
  spec: Type.Omit(SnapshotSpecSchema, ['panels']),
  panels: Type.Array(SnapshotPanelSchema),
});

export const SnapshotParamsSchema = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{6,32}$' }) });
