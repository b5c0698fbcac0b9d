// TypeBox schemas shared by routes, the OpenAPI page and the web client: the API's one truth.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});

export const MetaSchema = Type.Object({
  generated: Type.Boolean({ description: 'true when the data are generated demo data (Dữ liệu mô phỏng)' }),
  data_date: Type.Union([Type.String(), Type.Null()], { description: 'last day the data cover' }),
  data_version: Type.Integer(),
  min_cell: Type.Integer({
    description:
      'k: with cellkey, rates on a published denominator below k are withheld; with suppress, counts 1..k-1 and ' +
      'rates on denominators below k are suppressed',
  }),
  disclosure: Type.Union([Type.Literal('cellkey'), Type.Literal('suppress')], {
    description:
      'cellkey: counts about people carry a small fixed perturbation (docs/disclosure.md); ' +
      'suppress: small counts are withheld',
  }),
});
export type Meta = Static<typeof MetaSchema>;

export const MonthSchema = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
