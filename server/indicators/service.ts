// Runs named indicators for a unit and period range within the caller's scope, rolls them up,
// applies disclosure control and caches answers by data version. Used by routes and the targets service.
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { bindParams, type IndicatorDef, type Registry } from '../registry/index.ts';
import type { UnitDirectory } from '../units/directory.ts';
import { groupBy, suppressCells, type SuppressionReason } from '../disclosure/suppress.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { composeIndicatorSql, periodLabel, type Grain } from './compose.ts';
import { Lru } from './lru.ts';
import { canSee, membersInScope, type Scope } from '../auth/scope.ts';

export type Filters = Record<string, string | number | undefined>;

export interface IndicatorRequest {
  id: string;
  unit: string;
  from?: string; // YYYY-MM
  to?: string; // YYYY-MM
  by: Grain;
  filters: Filters;
  scope: Scope;
  /** with by=unit: compare the children valid on this day (YYYY-MM-DD) instead of the base units */
  at?: string;
}

/** One base-rolled row before disclosure control (never sent as is). */
export interface RawRow {
  unit: string;
  period: string; // first day of the period
  last_month: string;
  months: number;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorRow {
  unit: string;
  unit_name: string;
  period: string;
  last_month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  suppression: SuppressionReason | null;
}

export interface IndicatorAnswer {
  indicator: string;
  unit: string;
  by: Grain;
  from: string;
  to: string;
  rows: IndicatorRow[];
}

export interface ServiceOptions {
  minCell: number;
  cacheEntries: number;
  /** Last month (YYYY-MM) with data, per indicator domain. */
  dataMonth: (domain: string) => string;
  firstMonth: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class IndicatorService {
  private cache: Lru<IndicatorAnswer>;
  constructor(
    private readonly pool: Pool,
    readonly registry: Registry,
    readonly units: UnitDirectory,
    private readonly opts: ServiceOptions,
  ) {
    this.cache = new Lru(opts.cacheEntries);
  }

  get minCell(): number {
    return this.opts.minCell;
  }

  /** Forget cached answers (after new data was stored). */
  invalidate(): void {
    this.cache.clear();
  }

  indicator(id: string): IndicatorDef {
    const def = this.registry.indicators.get(id);
    if (!def) throw notFound(`Không có chỉ tiêu "${id}".`, `No indicator "${id}".`);
    return def;
  }

  /** Resolves the unit and the units to report, and checks they lie in the caller's scope. */
  resolveGroups(unitId: string, by: Grain, scope: Scope, at?: string): string[] {
    const unit = this.units.get(unitId);
    if (!unit) throw notFound(`Không có đơn vị hành chính mã "${unitId}".`, `No administrative unit "${unitId}".`);
    const kids = by === 'unit' ? this.units.reportChildren(unitId, at).map((u) => u.unit_id) : [];
    const groups = kids.length > 0 ? kids : [unitId];
    // A ranking of a unit's parts shows the parts the caller may see; a unit seen only as a total
    // (the level above the account's unit) is not broken down into parts outside the scope.
    const visible = groups.filter((g) => canSee(this.units, scope, g));
    if (!canSee(this.units, scope, unitId)) {
      throw forbidden(`Đơn vị "${unit.name}" nằm ngoài phạm vi của bạn.`, `Unit "${unit.name}" is outside your scope.`);
    }
    return visible;
  }

  range(def: IndicatorDef, from?: string, to?: string): { from: string; to: string } {
    const f = from ?? this.opts.firstMonth;
    const t = to ?? this.opts.dataMonth(def.domain);
    for (const [name, v] of [
      ['from', f],
      ['to', t],
    ] as const) {
      if (!MONTH.test(v))
        throw badRequest(
          `Tham số ${name} phải có dạng YYYY-MM (nhận "${v}").`,
          `Parameter ${name} must be YYYY-MM (got "${v}").`,
        );
    }
    if (f > t) throw badRequest(`Khoảng thời gian sai: từ ${f} đến ${t}.`, `Empty period: from ${f} to ${t}.`);
    return { from: f, to: t };
  }

  checkFilters(def: IndicatorDef, filters: Filters): void {
    for (const [name, v] of Object.entries(filters)) {
      if (v === undefined) continue;
      if (!(def.meta.filters as string[]).includes(name)) {
        throw badRequest(
          `Chỉ tiêu "${def.id}" không lọc được theo "${name}" (lọc được: ${def.meta.filters.join(', ') || 'không'}).`,
          `Indicator "${def.id}" cannot be filtered by "${name}" (allowed: ${def.meta.filters.join(', ') || 'none'}).`,
        );
      }
    }
  }

  /** Rolled-up rows without disclosure control: for server-side computations only. */
  async raw(
    def: IndicatorDef,
    groups: string[],
    from: string,
    to: string,
    by: Grain,
    filters: Filters,
    scope: Scope,
  ): Promise<RawRow[]> {
    if (groups.length === 0) return [];
    const members = membersInScope(this.units, scope, groups);
    const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters });
    const sql = composeIndicatorSql(def, by);
    const reader = await this.pool.query(
      sql,
      { ...values, groups: listValue(groups) },
      { ...types, groups: LIST(VARCHAR) },
    );
    return reader.getRowObjectsJson() as unknown as RawRow[];
  }

  async run(req: IndicatorRequest): Promise<IndicatorAnswer> {
    const def = this.indicator(req.id);
    this.checkFilters(def, req.filters);
    const { from, to } = this.range(def, req.from, req.to);
    const groups = this.resolveGroups(req.unit, req.by, req.scope, req.at);
    const key = JSON.stringify([def.id, req.unit, groups, from, to, req.by, req.filters]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const raw = await this.raw(def, groups, from, to, req.by, req.filters, req.scope);
    const answer: IndicatorAnswer = {
      indicator: def.id,
      unit: req.unit,
      by: req.by,
      from,
      to,
      rows: this.disclose(def, raw, req.by, from, to),
    };
    this.cache.set(key, answer);
    return answer;
  }

  /** Values, labels and disclosure control for rolled-up rows. */
  disclose(def: IndicatorDef, raw: RawRow[], by: Grain, from: string, to: string): IndicatorRow[] {
    const groups =
      by === 'unit' ? groupBy(raw, (r) => r.period) : def.meta.time === 'sum' ? groupBy(raw, (r) => r.unit) : [];
    const marks =
      def.meta.units === 'max'
        ? raw.map(() => null)
        : suppressCells(raw, def.meta.disclosure, this.opts.minCell, groups);
    return raw.map((r, i) => {
      const hidden = marks[i] !== null;
      return {
        unit: r.unit,
        unit_name: this.units.get(r.unit)?.name ?? r.unit,
        period: periodLabel(by, r.period, from, to),
        last_month: r.last_month.slice(0, 7),
        value: hidden ? null : indicatorValue(r.numerator, r.denominator, def.meta.scale),
        numerator: hidden ? null : r.numerator,
        denominator: hidden ? null : r.denominator,
        suppressed: hidden,
        suppression: marks[i],
      };
    });
  }
}

/** numerator ÷ denominator × scale; a count when there is no denominator; null when it is 0. */
export function indicatorValue(numerator: number | null, denominator: number | null, scale: number): number | null {
  if (numerator === null) return null;
  if (denominator === null) return numerator;
  if (denominator === 0) return null;
  return (numerator / denominator) * scale;
}
