// Freezes a view: evaluates every panel now through the same services as the API (so scope and
// suppression are exactly those on screen), and builds the spec and the Arrow bytes to store.
import type { Scope } from '../auth/scope.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from '../context.ts';
import type { PanelFrozen, SnapshotCreate, SnapshotSpec } from '../contracts/snapshots.ts';
import { badRequest } from '../errors.ts';
import { answerMeta } from '../routes/meta.ts';
import { indicatorMeta } from '../routes/indicators.ts';
import { encodePanels, type PanelData } from './data.ts';
import { followUp, workService } from '../work/service.ts';

export interface Captured {
  spec: SnapshotSpec;
  data: Uint8Array;
}

export async function captureSnapshot(
  ctx: Context,
  body: SnapshotCreate,
  scope: Scope,
  owner: string,
): Promise<Captured> {
  const ids = new Set(body.panels.map((p) => p.id));
  if (ids.size !== body.panels.length) throw badRequest('Mã bảng (panel id) bị trùng.', 'Duplicate panel id.');
  // The data version is read before the panels: an event batch landing during the capture can only
  // make the stored version older than the numbers, never newer.
  const dataVersion = ctx.info.dataVersion;
  const frozen: PanelFrozen[] = [];
  const data = new Map<string, PanelData>();
  for (const p of body.panels) {
    const q = p.request;
    const unitName = ctx.units.get(q.unit)?.name ?? q.unit;
    if (p.kind === 'targets') {
      const targets = await ctx.targets.forUnit(q.unit, scope);
      frozen.push({ ...p, unit: q.unit, unit_name: unitName, meta: answerMeta(ctx, null) });
      data.set(p.id, { targets });
      continue;
    }
    if (p.kind === 'followup') {
      // what is overdue today, and what moved since the first of the month (Vietnam's days)
      const today = workService(ctx).today();
      const followup = await followUp(ctx, scope, q.unit, { from: `${today.slice(0, 8)}01`, to: today });
      frozen.push({ ...p, unit: q.unit, unit_name: unitName, meta: answerMeta(ctx, null) });
      data.set(p.id, { followup });
      continue;
    }
    if (!q.indicator) throw badRequest(`Bảng ${p.id} thiếu chỉ tiêu (indicator).`, `Panel ${p.id} has no indicator.`);
    const def = ctx.indicators.indicator(q.indicator);
    const filters = Object.fromEntries(Object.entries(q.filters ?? {}).filter(([, v]) => v !== undefined));
    const answer = await ctx.indicators.run({
      id: def.id,
      unit: q.unit,
      from: q.from,
      to: q.to,
      by: q.by ?? 'month',
      at: q.at,
      filters,
      scope,
    });
    frozen.push({
      ...p,
      indicator: indicatorMeta(def),
      unit: answer.unit,
      unit_name: unitName,
      by: answer.by,
      from: answer.from,
      to: answer.to,
      meta: answerMeta(ctx, def.domain),
    });
    data.set(p.id, { rows: answer.rows });
  }
  const bytes = encodePanels(data);
  const base = answerMeta(ctx, null);
  const spec: SnapshotSpec = {
    id: randomBytes(9).toString('base64url'),
    title: body.title,
    view: body.view,
    owner,
    created_at: new Date().toISOString(),
    data_version: dataVersion,
    data_date: base.data_date,
    generated: base.generated,
    min_cell: base.min_cell,
    disclosure: base.disclosure,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: 'arrow-ipc-stream',
    panels: frozen,
  };
  return { spec, data: bytes };
}
