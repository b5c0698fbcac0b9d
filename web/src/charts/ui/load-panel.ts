// Loads several indicators' monthly columns in one request (GET /api/panel: each answer the one
// /api/indicators/:id gives, with only the filters its indicator accepts). The Population and Procedures
// screens' panels ask once instead of once per indicator (issue 18); what they get is loadMonthly's.
import type { Static } from '@sinclair/typebox';
import { get, readDisclosure, type IndicatorColumns } from '../../api/client.ts';
import { indicators } from '../../app/data.ts';
import type { FilterKey } from '../../state/view-state.ts';
import type { PanelAnswerSchema } from '../../../../server/contracts/panel.ts';
import type { Loaded } from './load-series.ts';

type PanelAnswer = Static<typeof PanelAnswerSchema>;

/** One answer of the panel as the columns fetchIndicatorColumns reads from Arrow. */
export function panelColumns(a: PanelAnswer['answers'][number]): IndicatorColumns {
  const col = <K extends keyof (typeof a.rows)[number]>(k: K) => a.rows.map((r) => r[k]);
  return {
    unit: col('unit'),
    unit_name: col('unit_name'),
    period: col('period'),
    value: col('value'),
    numerator: col('numerator'),
    denominator: col('denominator'),
    suppressed: col('suppressed'),
    suppression: col('suppression'),
    generated: a.meta.generated,
    data_date: a.meta.data_date ?? '',
    disclosure: readDisclosure(a.meta.disclosure),
    min_cell: a.meta.min_cell > 0 ? a.meta.min_cell : null,
  };
}

export async function loadPanel(
  ids: string[],
  unit: string,
  filters: Partial<Record<FilterKey, string>>,
  from?: string,
  to?: string,
): Promise<Map<string, Loaded>> {
  const catalogue = await indicators();
  const metas = ids.flatMap((id) => catalogue.indicators.filter((m) => m.id === id));
  const known = metas.map((m) => m.id);
  if (known.length === 0) return new Map();
  // a filter none of them takes is refused by the server: not sent
  const taken = new Set(metas.flatMap((m) => m.filters as readonly string[]));
  const q = new URLSearchParams({ ids: known.join(','), unit, by: 'month' });
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  for (const [k, v] of Object.entries(filters)) if (v && taken.has(k)) q.set(k, v);
  const answer = (await (await get(`/api/panel?${q}`)).json()) as PanelAnswer;
  return new Map(answer.answers.map((a) => [a.indicator.id, { meta: a.indicator, cols: panelColumns(a) }]));
}
