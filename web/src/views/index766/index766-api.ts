// The answer of GET /api/index766 (Decision 766 service index) as the screen reads it, and its fetch. The types are
// the route's schemas (server/contracts/index766.ts), the one truth the server validates against.
import type { Static } from '@sinclair/typebox';
import { get } from '../../api/client.ts';
import type {
  Index766AnswerSchema,
  Index766CauseSchema,
  Index766ForecastSchema,
  Index766IndicatorDefSchema,
  Index766LossSchema,
  Index766PortalSchema,
  Index766RowIndicatorSchema,
  Index766RowSchema,
  Index766StatusSchema,
} from '../../../../server/contracts/index766.ts';

export type Index766Answer = Static<typeof Index766AnswerSchema>;
export type Index766Row = Static<typeof Index766RowSchema>;
export type Index766IndicatorDef = Static<typeof Index766IndicatorDefSchema>;
export type Index766IndicatorValue = Static<typeof Index766RowIndicatorSchema>;
export type Index766Loss = Static<typeof Index766LossSchema>;
export type Index766Cause = Static<typeof Index766CauseSchema>;
export type Index766Portal = Static<typeof Index766PortalSchema>;
export type Index766Forecast = Static<typeof Index766ForecastSchema>;
export type IndicatorStatus = Static<typeof Index766StatusSchema>;
export type Grade = NonNullable<Index766Row['grade']>;

/** One unit's index for a period (YYYY-MM, YYYY-Qn, YYYY): by unit (it and its children) or by month. */
export async function fetchIndex766(unit: string, period: string, by: 'unit' | 'month'): Promise<Index766Answer> {
  const q = new URLSearchParams({ unit, period, by });
  return (await get(`/api/index766?${q}`)).json() as Promise<Index766Answer>;
}
