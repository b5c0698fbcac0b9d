// Issue 17: the TargetService's previous month (the change a tile shows) and triage group, on hand-made monthly
// cells behind a stand-in indicator service whose disclosure rule withholds a rate on a base below 10. The expected
// values are worked out here by hand.
import { describe, expect, it } from 'vitest';
import type { Pool } from '../../server/db/pool.ts';
import type { IndicatorService, RawRow } from '../../server/indicators/service.ts';
import type { IndicatorDef } from '../../server/registry/index.ts';
import { TargetService, type TargetDef } from '../../server/targets/service.ts';

const K = 10;
const scope = { has: () => true, aggregates: new Set<string>() };

function target(id: string, indicator: string, deadline = '2030-12-31', target = 50): TargetDef {
  return {
    target_id: id,
    target_group: 'tthc',
    indicator,
    title_vi: id,
    title_en: id,
    level: 'all',
    comparator: '>=',
    target,
    unit: 'percent',
    deadline,
    source_clause: '',
  };
}

function def(id: string, time: 'sum' | 'last'): IndicatorDef {
  return {
    id,
    domain: 'procedures',
    file: '',
    sql: '',
    meta: { time, scale: 100, disclosure: 'rate', filters: [] },
  } as unknown as IndicatorDef;
}

/** Monthly rows of 2025-01… with the given numerators and denominators. */
function rows(cells: [number, number][]): RawRow[] {
  return cells.map(([numerator, denominator], i) => {
    const month = `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    return { unit: 'u', period: `${month}-01`, last_month: `${month}-01`, months: 1, numerator, denominator };
  });
}

function service(targets: TargetDef[], data: Record<string, RawRow[]>, today = '2026-02-28'): TargetService {
  const defs = new Map([
    ['stock_ok', def('stock_ok', 'last')],
    ['stock_prev_small', def('stock_prev_small', 'last')],
    ['stock_now_small', def('stock_now_small', 'last')],
    ['flow', def('flow', 'sum')],
  ]);
  const indicators = {
    units: { members: () => ['u'], get: () => ({ unit_id: 'u', level: 'commune' }) },
    registry: { indicators: defs },
    resolveGroups: () => ['u'],
    range: () => ({ from: '2025-01', to: '2026-02' }),
    judgedMonths: async (d: IndicatorDef) => data[d.id],
    withheld: (_: IndicatorDef, cell: { denominator: number | null }) => (cell.denominator ?? 0) < K,
  } as unknown as IndicatorService;
  const pool = { use: async () => targets } as unknown as Pool;
  return new TargetService(pool, indicators, () => today, 4);
}

// 14 months, 2025-01 … 2026-02; the stocks' last two months decide the cases
const base = Array.from({ length: 12 }, (): [number, number] => [30, 60]);

describe('the previous month of a target', () => {
  it('is the month before with its value; withheld or missing months give nothing', async () => {
    const s = service(
      [
        target('T1', 'stock_ok'),
        target('T2', 'stock_prev_small'),
        target('T3', 'stock_now_small'),
        target('T4', 'flow'),
        target('T5', 'not_an_indicator', '2022-12-31'),
      ],
      {
        stock_ok: rows([...base, [40, 80], [45, 75]]),
        stock_prev_small: rows([...base, [4, 8], [45, 75]]),
        stock_now_small: rows([...base, [40, 80], [3, 6]]),
        // flow: 12-month windows; January 2026's window 2025-02…2026-01, February's 2025-03…2026-02
        flow: rows([...base, [42, 60], [48, 60]]),
      },
    );
    const byId = Object.fromEntries((await s.forUnit('u', scope as never)).map((t) => [t.target_id, t]));

    expect(byId.T1).toMatchObject({ value: 60, value_month: '2026-02', previous_month: '2026-01', previous_value: 50 });
    // January's base 8 < k: its value is not shown, so no change either (February's 60 % is shown)
    expect(byId.T2).toMatchObject({ value: 60, value_month: '2026-02', previous_month: null, previous_value: null });
    // February withheld: the whole target is withheld, the month before too
    expect(byId.T3).toMatchObject({ status: 'suppressed', value: null, previous_month: null, previous_value: null });
    // windows: January = (11×30 + 42) / 720 = 51.666…%, February = (10×30 + 42 + 48) / 720 = 54.1666…%
    expect(byId.T4.value_month).toBe('2026-02');
    expect(byId.T4.value).toBeCloseTo((390 / 720) * 100, 9);
    expect(byId.T4.previous_month).toBe('2026-01');
    expect(byId.T4.previous_value).toBeCloseTo((372 / 720) * 100, 9);
    expect(byId.T5).toMatchObject({ status: 'no_data', previous_month: null, previous_value: null });
  });

  it('puts each target in its triage group from the deadline and the data date', async () => {
    const s = service(
      [
        target('LIVE_RISK', 'stock_ok', '2026-12-31', 90),
        target('LIVE_MET', 'stock_ok', '2026-12-31', 10),
        target('HIDDEN', 'stock_now_small', '2026-12-31'),
        target('PASSED', 'stock_ok', '2025-12-31'),
        target('NONE', 'not_an_indicator', '2022-12-31'),
        target('NONE_LIVE', 'not_an_indicator', '2030-12-31'),
      ],
      { stock_ok: rows([...base, [40, 80], [45, 75]]), stock_now_small: rows([...base, [40, 80], [3, 6]]) },
    );
    const groups = Object.fromEntries((await s.forUnit('u', scope as never)).map((t) => [t.target_id, t.triage]));
    expect(groups).toEqual({
      LIVE_RISK: 'attention',
      LIVE_MET: 'on_track',
      HIDDEN: 'unknown',
      PASSED: 'passed',
      NONE: 'passed',
      NONE_LIVE: 'unknown',
    });
  });
});
