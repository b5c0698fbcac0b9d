// Loads an age pyramid: population by sex × 5-year group at one month, in one request
// (GET /api/population/pyramid: each cell the value /api/indicators/population publishes for that sex and group).
// Used by the Population screen and the map's profile.
import type { Static } from '@sinclair/typebox';
import { get } from '../../api/client.ts';
import type { PyramidAnswerSchema } from '../../../../server/contracts/pyramid.ts';
import { AGE_GROUPS, type PyramidCell, type PyramidInput } from './pyramid-option.ts';

type PyramidAnswer = Static<typeof PyramidAnswerSchema>;

export async function loadPyramid(unit: string, month: string, residence?: string): Promise<PyramidInput> {
  const q = new URLSearchParams({ unit, month });
  if (residence) q.set('residence', residence);
  const answer = (await (await get(`/api/population/pyramid?${q}`)).json()) as PyramidAnswer;
  const side = (sex: 'M' | 'F'): PyramidCell[] =>
    AGE_GROUPS.map((g) => {
      const c = answer.cells.find((x) => x.sex === sex && x.age_group === g);
      return { value: c?.value ?? null, suppressed: c?.suppressed ?? false };
    });
  return { male: side('M'), female: side('F'), month, dataDate: answer.meta.data_date ?? undefined };
}
