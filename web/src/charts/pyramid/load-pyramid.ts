// Loads an age pyramid: population by sex × 5-year group at one month, 36 small requests run together
// (the API has no by=age; answers are cached server-side). Used by the Population screen and the map's profile.
import { fetchIndicatorColumns } from '../../api/client.ts';
import { AGE_GROUPS, type PyramidInput } from './pyramid-option.ts';

export async function loadPyramid(unit: string, month: string, residence?: string): Promise<PyramidInput> {
  let dataDate: string | undefined;
  const cell = async (sex: 'M' | 'F', g: number) => {
    const c = await fetchIndicatorColumns('population', {
      unit,
      by: 'month',
      from: month,
      to: month,
      filters: { sex, age_min: String(g), age_max: String(g), residence },
    });
    dataDate ??= c.data_date || undefined;
    return { value: c.value[0] ?? null, suppressed: c.suppressed[0] ?? false };
  };
  const [male, female] = await Promise.all([
    Promise.all(AGE_GROUPS.map((g) => cell('M', g))),
    Promise.all(AGE_GROUPS.map((g) => cell('F', g))),
  ]);
  return { male, female, month, dataDate };
}
