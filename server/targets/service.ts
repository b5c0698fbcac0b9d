// The plan's targets for one unit: value now (or at the deadline), status and data date.
// Flows are judged on trailing 12-month totals, stocks on the month's value (docs/targets.md).
import { membersInScope, type Scope } from '../auth/scope.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { isPrimarySuppressed } from '../disclosure/suppress.ts';
import type { IndicatorDef } from '../registry/index.ts';
import type { Unit } from '../units/directory.ts';
import { indicatorValue, type Filters, type IndicatorService, type RawRow } from '../indicators/service.ts';
import { Lru } from '../indicators/lru.ts';
import { evaluateTarget, rolling12, type Comparator, type TargetEvaluation, type TargetStatus } from './status.ts';

export interface TargetDef {
  target_id: string;
  target_group: string;
  indicator: string;
  title_vi: string;
  title_en: string;
  level: 'all' | 'district' | 'commune';
  comparator: Comparator;
  target: number;
  unit: string;
  deadline: string;
  source_clause: string;
}

export interface TargetAnswer extends Omit<TargetEvaluation, 'status'> {
  target_id: string;
  group: string;
  indicator: string;
  title_vi: string;
  title_en: string;
  level: TargetDef['level'];
  comparator: Comparator;
  target: number;
  unit: string;
  deadline: string;
  source_clause: string;
  status: TargetStatus | 'suppressed';
  suppressed: boolean;
  data_date: string | null;
  window: 'month' | '12_months' | null;
}

export async function loadTargets(conn: DuckDBConnection): Promise<TargetDef[]> {
  const reader = await conn.runAndReadAll(
    `SELECT target_id, target_group, indicator, title_vi, title_en, level, comparator, target,
            unit, deadline::VARCHAR AS deadline, source_clause FROM targets ORDER BY target_id`,
  );
  return reader.getRowObjectsJson() as unknown as TargetDef[];
}

/** A district-level target applies to districts and above; a commune target also rolls up. */
export function applies(t: TargetDef, unit: Unit): boolean {
  return t.level !== 'district' || unit.level !== 'commune';
}

export class TargetService {
  private cache: Lru<Promise<TargetAnswer[]>>;
  constructor(
    private readonly pool: Pool,
    private readonly indicators: IndicatorService,
    private readonly dataDate: (domain: string) => string,
    cacheEntries: number,
  ) {
    this.cache = new Lru(cacheEntries);
  }

  /** Forget cached answers (after new data or targets were stored). */
  invalidate(): void {
    this.cache.clear();
  }

  async forUnit(unitId: string, scope: Scope): Promise<TargetAnswer[]> {
    const groups = this.indicators.resolveGroups(unitId, 'month', scope);
    const key = JSON.stringify([unitId, membersInScope(this.indicators.units, scope, groups)]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const answer = this.compute(unitId, groups, scope);
    this.cache.set(key, answer);
    answer.catch(() => this.cache.clear());
    return answer;
  }

  private async compute(unitId: string, groups: string[], scope: Scope): Promise<TargetAnswer[]> {
    const unit = this.indicators.units.get(unitId);
    const targets = (await this.pool.use(loadTargets)).filter((t) => unit && applies(t, unit));
    const memo = new Map<string, Promise<RawRow[]>>();
    // the pool bounds how many of these run at once
    return Promise.all(
      targets.map((t) => {
        const def = this.indicators.registry.indicators.get(t.indicator);
        return def ? this.evaluate(t, def, groups, scope, memo) : blank(t, 'no_data');
      }),
    );
  }

  private async evaluate(t: TargetDef, def: IndicatorDef, groups: string[], scope: Scope, memo: Map<string, Promise<RawRow[]>>): Promise<TargetAnswer> {
    const filters: Filters = (def.meta.filters as string[]).includes('procedure_level') && t.level !== 'all' ? { procedure_level: t.level } : {};
    const today = this.dataDate(def.domain);
    const { from, to } = this.indicators.range(def);
    const key = `${def.id}|${JSON.stringify(filters)}`;
    if (!memo.has(key)) memo.set(key, this.indicators.raw(def, groups, from, to, 'month', filters, scope));
    const monthly = await memo.get(key)!;
    const rows = def.meta.time === 'sum' ? rolling12(monthly) : monthly;
    const series = rows.map((r) => ({ month: r.period.slice(0, 7), value: indicatorValue(r.numerator, r.denominator, def.meta.scale) }));
    const evaluation = evaluateTarget({ comparator: t.comparator, target: t.target, deadline: t.deadline }, series, today);
    const cell = rows.find((r) => r.period.slice(0, 7) === evaluation.value_month);
    const hidden = cell !== undefined && def.meta.units !== 'max' && isPrimarySuppressed(cell, def.meta.disclosure, this.indicators.minCell);
    const base = blank(t, hidden ? 'suppressed' : evaluation.status);
    return {
      ...base,
      ...(hidden ? {} : evaluation),
      status: base.status,
      suppressed: hidden,
      data_date: today,
      window: def.meta.time === 'sum' ? '12_months' : 'month',
    };
  }
}

function blank(t: TargetDef, status: TargetAnswer['status']): TargetAnswer {
  return {
    target_id: t.target_id,
    group: t.target_group,
    indicator: t.indicator,
    title_vi: t.title_vi,
    title_en: t.title_en,
    level: t.level,
    comparator: t.comparator,
    target: t.target,
    unit: t.unit,
    deadline: t.deadline,
    source_clause: t.source_clause,
    status,
    suppressed: false,
    value: null,
    value_month: null,
    met_on: null,
    projected: null,
    data_date: null,
    window: null,
  };
}
