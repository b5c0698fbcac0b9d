// The projected population by age group in any year between two 5-year steps. Pure;
// tests/unit/web-forecast-text.test.ts.
import type { PopulationForecast } from '../../api/client.ts';

/**
 * Age groups in a year: between two 5-year steps each group is interpolated linearly, as the yearly
 * totals are (server/forecast/summary.ts); suppressed starting cells count as 0 in the picture.
 */
export function groupsIn(f: PopulationForecast, year: number): { year: number; male: number[]; female: number[] } {
  const steps = f.steps;
  const y = Math.min(Math.max(year, steps[0].year), steps[steps.length - 1].year);
  const k = Math.max(
    0,
    steps.findIndex((s, j) => s.year <= y && (steps[j + 1]?.year ?? Infinity) >= y),
  );
  const a = steps[k];
  const b = steps[k + 1] ?? a;
  const w = b.year === a.year ? 0 : (y - a.year) / (b.year - a.year);
  const mix = (xs: (number | null)[], ys: (number | null)[]) =>
    xs.map((x, g) => Math.round((x ?? 0) * (1 - w) + (ys[g] ?? 0) * w));
  return { year: y, male: mix(a.male, b.male), female: mix(a.female, b.female) };
}
