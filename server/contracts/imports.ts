// Imports through the running server (server/routes/imports.ts): an import job's state as the API returns it.
import { Type, type Static } from '@sinclair/typebox';

export const IMPORT_STATUSES = ['validating', 'preview', 'loading', 'done', 'failed', 'undone', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Int = Type.Integer();
const MonthRange = Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()]);

export const ImportErrorSchema = Type.Object({
  file: Type.String(),
  sheet: Type.Optional(Type.String()),
  line: Type.Integer({ description: 'CSV line, sheet row, Parquet row or GeoJSON feature; 0 = the whole file' }),
  column: Type.String(),
  reason: Type.String(),
});

export const ImportFileSchema = Type.Object({
  name: Type.String(),
  size: Int,
  sha256: Type.String(),
  kind: Nullable(Type.String()),
  format: Nullable(Type.String()),
  status: Type.Union([Type.Literal('new'), Type.Literal('seen'), Type.Literal('ignored')], {
    description: 'seen: the same content was loaded before (skipped); ignored: not a file the importer reads',
  }),
});

export const ImportPreviewFileSchema = Type.Object({
  file: Type.String(),
  kind: Type.String(),
  format: Type.String(),
  sheet: Type.Optional(Type.String()),
  columns: Type.Array(Type.Object({ column: Type.String(), header: Type.String() })),
  rows: Int,
  skipped_rows: Int,
  counted: Type.Union([Type.Literal('rows'), Type.Literal('cells')], {
    description: 'what changes counts: rows of the store, or cells of the population cube',
  }),
  units: Type.Array(Type.String(), { description: 'the first 50' }),
  unit_count: Int,
  months: MonthRange,
  changes: Type.Object({ added: Int, replaced: Int, unchanged: Int }),
  feeds: Type.Array(Type.String(), { description: 'indicators this kind of source can feed' }),
  notes: Type.Array(Type.String()),
  largest: Type.Array(
    Type.Object({
      unit: Type.String(),
      unit_name: Type.String(),
      month: Type.String(),
      cell: Type.String(),
      column: Type.String(),
      old: Type.Union([Type.Number(), Type.Null()]),
      new: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

export const ImportPreviewSchema = Type.Object({
  files: Type.Array(ImportPreviewFileSchema),
  indicators: Type.Array(Type.String(), { description: 'indicators whose values may change' }),
  months: MonthRange,
  tables: Type.Array(Type.Object({ table: Type.String(), rows: Int, months: Type.Array(Type.String()) })),
});

export const ImportProgressSchema = Type.Object({
  phase: Type.String(),
  rows_read: Int,
  rows_total: Type.Union([Int, Type.Null()]),
  bytes_read: Int,
  bytes_total: Int,
  current_file: Nullable(Type.String()),
  elapsed_ms: Int,
  remaining_ms: Type.Union([Int, Type.Null()]),
});

export const ImportJobSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([
    Type.Literal('validating'),
    Type.Literal('preview'),
    Type.Literal('loading'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('undone'),
    Type.Literal('discarded'),
  ]),
  source: Type.Union([Type.Literal('upload'), Type.Literal('inbox')]),
  created_by: Type.String(),
  created_at: Type.String(),
  finished_at: Nullable(Type.String()),
  files: Type.Array(ImportFileSchema),
  progress: ImportProgressSchema,
  preview: Type.Union([ImportPreviewSchema, Type.Null()]),
  errors: Type.Array(ImportErrorSchema, { description: 'the first 1,000' }),
  error_count: Int,
  batch_id: Type.Union([Int, Type.Null()]),
  data_version: Type.Union([Int, Type.Null()]),
  duration_ms: Type.Union([Int, Type.Null()]),
  rows: Int,
  can_commit: Type.Boolean(),
  can_undo: Type.Boolean(),
  message: Nullable(Type.String()),
  message_en: Nullable(Type.String()),
});
export type ImportJob = Static<typeof ImportJobSchema>;
export type ImportPreview = Static<typeof ImportPreviewSchema>;
export type ImportFileState = Static<typeof ImportFileSchema>;

export const ImportListSchema = Type.Object({
  imports: Type.Array(ImportJobSchema),
  running: Nullable(Type.String()),
});

export const ImportIdParamsSchema = Type.Object({ id: Type.String({ pattern: '^i[0-9]{1,9}$' }) });
