// The Overview's first screen in one answer (GET /api/overview): the targets from the targets service, the map's
// values and the "changes" panel's from the indicator service (the very answers /api/targets and
// /api/indicators/:id give the same caller: the same code, the same cell keys and disclosure control, the same
// caches), and the boundaries as quantized TopoJSON. The serialized answer is kept per (scope, unit, indicator,
// boundaries) for the data version it was made from: the second leader of the morning gets it from memory, and a
// new data version (an event, an import) or new units make it anew.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { topology } from 'topojson-server';
import { addMonths } from '../contracts/months.ts';
import type { OverviewAnswer, UnitValues } from '../contracts/overview.ts';
import type { Context } from '../context.ts';
import { canSee, type Scope } from '../auth/scope.ts';
import { forbidden, notFound } from '../errors.ts';
import { Lru } from '../indicators/lru.ts';
import { indicatorMeta } from '../routes/indicators.ts';
import { answerMeta } from '../routes/meta.ts';
import { mapUnits, neighbourUnits } from '../routes/reference-geo.ts';
import type { Unit } from '../units/directory.ts';
import { KEY_INDICATORS, lastCompleteMonth, mapIndicator, MAX_SINGLE, SELF_DAY } from './rules.ts';

/** TopoJSON's grid: 10^5 steps across the drawn area (a few metres in a province; the shapes are simplified). */
export const QUANTIZATION = 1e5;

export interface FirstScreenRequest {
  unit: string;
  indicator?: string;
  boundaries: boolean;
  scope: Scope;
}

/** The answer as sent, and what the audit record says it held. */
export interface FirstScreenAnswer {
  body: string;
  units: string[];
  rows: number;
  /** the body compressed, per encoding, made once when first asked for (a kept answer is not compressed again) */
  encoded: Map<Encoding, Promise<Buffer>>;
}

export type Encoding = 'br' | 'gzip';
/** Brotli's quality for a kept answer: made once, sent many times (the per-request answers use 4). */
const BROTLI_KEPT_QUALITY = 9;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The body in an encoding the client accepts (br first, then gzip), made once per answer; null: send it as is. */
export function encodedBody(
  answer: FirstScreenAnswer,
  accept: string | undefined,
): { encoding: Encoding; body: Promise<Buffer> } | null {
  const accepted = (accept ?? '')
    .split(',')
    .map((x) => x.trim().split(';'))
    .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name.toLowerCase());
  const encoding = (['br', 'gzip'] as const).find((e) => accepted.includes(e));
  if (!encoding || answer.body.length < 1024) return null;
  let body = answer.encoded.get(encoding);
  if (!body) {
    body =
      encoding === 'br'
        ? brotli(answer.body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_KEPT_QUALITY } })
        : gzipped(answer.body, { level: 6 });
    answer.encoded.set(encoding, body);
  }
  return { encoding, body };
}

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

const scopeKeys = new WeakMap<Scope, string>();
/** The scope as a key: its base units and its totals (two accounts of the same unit share answers). */
function scopeKey(scope: Scope): string {
  let key = scopeKeys.get(scope);
  if (key === undefined) {
    key = `${[...scope].sort().join(',')}|${[...scope.aggregates].sort().join(',')}`;
    scopeKeys.set(scope, key);
  }
  return key;
}

export class FirstScreen {
  private answers = new Lru<Promise<FirstScreenAnswer>>(64);
  private geometries: Promise<Map<string, string>> | null = null;
  private version = -1;

  constructor(private readonly ctx: Context) {
    ctx.unitListeners.push(() => this.clear());
  }

  clear(): void {
    this.answers.clear();
    this.geometries = null;
  }

  /** The answer for a caller; 404 for an unknown unit, 403 for one outside the scope (checked before any cache). */
  get(req: FirstScreenRequest): Promise<FirstScreenAnswer> {
    const { ctx } = this;
    const unit = ctx.units.get(req.unit);
    if (!unit) {
      throw notFound(`Không có đơn vị hành chính mã "${req.unit}".`, `No administrative unit "${req.unit}".`);
    }
    if (!canSee(ctx.units, req.scope, req.unit)) {
      const name = unit.name;
      throw forbidden(`Đơn vị "${name}" nằm ngoài phạm vi của bạn.`, `Unit "${name}" is outside your scope.`);
    }
    if (ctx.info.dataVersion !== this.version) {
      this.clear();
      this.version = ctx.info.dataVersion;
    }
    const key = JSON.stringify([this.version, scopeKey(req.scope), req.unit, req.indicator ?? '', req.boundaries]);
    let hit = this.answers.get(key);
    if (!hit) {
      hit = this.compute(req);
      this.answers.set(key, hit);
      hit.catch(() => this.answers.clear());
    }
    return hit;
  }

  private loadGeometries(): Promise<Map<string, string>> {
    this.geometries ??= this.ctx.pool
      .use((c) => c.runAndReadAll('SELECT unit_id, geometry FROM units WHERE geometry IS NOT NULL'))
      .then(
        (r) =>
          new Map(
            (r.getRowObjectsJson() as { unit_id: string; geometry: string }[]).map((x) => [x.unit_id, x.geometry]),
          ),
      );
    this.geometries.catch(() => (this.geometries = null));
    return this.geometries;
  }

  private values(id: string, unit: string, month: string, scope: Scope, at?: string): Promise<UnitValues> {
    const def = this.ctx.indicators.indicator(id);
    return this.ctx.indicators
      .run({ id, unit, from: month, to: month, by: 'unit', at, filters: {}, scope })
      .then((a) => ({ ...a, meta: answerMeta(this.ctx, def.domain) }));
  }

  private async compute(req: FirstScreenRequest): Promise<FirstScreenAnswer> {
    const { ctx } = this;
    const { scope } = req;
    const meta = answerMeta(ctx, null);
    const month = lastCompleteMonth(meta.data_date ?? new Date().toISOString().slice(0, 10));
    const previous = addMonths(month, -1);
    // the units a commune map draws, as GET /api/units/geo?level=commune chooses them, and the units around
    const geometries = await this.loadGeometries();
    const drawn = mapUnits(ctx.units, 'commune')
      .filter((u) => canSee(ctx.units, scope, u.unit_id))
      .filter((u) => geometries.has(u.unit_id));
    const keys = KEY_INDICATORS.filter((k) => ctx.registry.indicators.has(k));
    const targetsP = ctx.targets.forUnit(req.unit, scope);
    const changesP = Promise.all(
      keys.map(async (k) => {
        const [a, b] = await Promise.all([
          this.values(k, req.unit, previous, scope),
          this.values(k, req.unit, month, scope),
        ]);
        return { indicator: k, previous: a, last: b };
      }),
    );
    const targets = await targetsP;
    const indicator = mapIndicator(targets, req.indicator, (id) => ctx.registry.indicators.has(id));
    const mapP = indicator ? this.mapValues(indicator, req.unit, month, scope, drawn) : Promise.resolve(null);
    const [map, changes] = await Promise.all([mapP, changesP]);
    const ids = new Set([...targets.map((t) => t.indicator), ...(indicator ? [indicator] : []), ...keys]);
    const around = req.boundaries
      ? neighbourUnits(ctx.units, scope, 'commune').filter((u) => geometries.has(u.unit_id))
      : [];
    const answer: OverviewAnswer = {
      unit: req.unit,
      unit_name: ctx.units.get(req.unit)?.name ?? req.unit,
      meta,
      targets,
      month,
      indicators: ctx.registry
        .list()
        .filter((d) => ids.has(d.id))
        .map(indicatorMeta),
      map,
      changes,
      boundaries: req.boundaries ? boundaryTopology(drawn, around, geometries) : null,
    };
    const read = new Set<string>([req.unit]);
    let rows = targets.length;
    for (const v of [...(map ? [map.values, ...map.extra] : []), ...changes.flatMap((c) => [c.previous, c.last])]) {
      for (const r of v.rows) read.add(r.unit);
      rows += v.rows.length;
    }
    if (req.boundaries) for (const u of drawn) read.add(u.unit_id);
    return { body: JSON.stringify(answer), units: [...read], rows, encoded: new Map() };
  }

  /**
   * The map's values as the map asks for them (web/src/map/map-data.ts): the unit's children, then each unit on the
   * map they do not cover by itself (at most MAX_SINGLE; one that cannot be read is left without a value).
   */
  private async mapValues(indicator: string, unit: string, month: string, scope: Scope, drawn: Unit[]) {
    const values = await this.values(indicator, unit, month, scope);
    const covered = new Set(values.rows.map((r) => r.unit));
    const missing = drawn
      .map((u) => u.unit_id)
      .filter((code) => !covered.has(code))
      .slice(0, MAX_SINGLE);
    const extra = (
      await Promise.all(missing.map((code) => this.values(indicator, code, month, scope, SELF_DAY).catch(() => null)))
    ).filter((x) => x !== null);
    return { indicator, values, extra };
  }
}

/** The units drawn (properties as GET /api/units/geo) and the units around (as GET /api/geo/neighbours) as TopoJSON. */
export function boundaryTopology(drawn: Unit[], around: Unit[], geometries: Map<string, string>) {
  const feature = (u: Unit, properties: Record<string, unknown>): Feature => ({
    type: 'Feature',
    properties,
    geometry: JSON.parse(geometries.get(u.unit_id)!) as unknown,
  });
  const units = drawn.map((u) =>
    feature(u, {
      code: u.unit_id,
      gso_code: u.code,
      name: u.name,
      name_en: u.name_en,
      level: u.level,
      parent_id: u.parent_id,
      area_km2: u.area_km2,
      valid_from: u.valid_from,
      valid_to: u.valid_to,
    }),
  );
  const context = around.map((u) => feature(u, { code: u.unit_id, name: u.name, name_en: u.name_en, level: u.level }));
  return topology(
    {
      units: { type: 'FeatureCollection', features: units },
      around: { type: 'FeatureCollection', features: context },
    } as unknown as Parameters<typeof topology>[0],
    QUANTIZATION,
  ) as unknown as Record<string, unknown>;
}
