// The frozen data of a snapshot as one Arrow IPC stream: the rows of every indicator panel in one
// table (panel_id first), and the answers of the targets panels as JSON in the schema metadata
// (key "targets"), and the follow-up panels' (key "followup"), so that one byte string, and one hash, holds all the
// numbers. Used by store.ts.
import { Bool, Float64, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { IndicatorRow } from '../indicators/service.ts';
import type { TargetAnswer } from '../targets/service.ts';
import type { FollowUp } from '../contracts/work.ts';

export interface PanelData {
  rows?: IndicatorRow[];
  targets?: TargetAnswer[];
  followup?: FollowUp;
}

export function encodePanels(panels: Map<string, PanelData>): Uint8Array {
  const all: (IndicatorRow & { panel_id: string })[] = [];
  const targets: Record<string, TargetAnswer[]> = {};
  const followup: Record<string, FollowUp> = {};
  for (const [id, p] of panels) {
    for (const r of p.rows ?? []) all.push({ panel_id: id, ...r });
    if (p.targets) targets[id] = p.targets;
    if (p.followup) followup[id] = p.followup;
  }
  const col = <K extends keyof (typeof all)[number]>(k: K) => all.map((r) => r[k]);
  const table = new Table({
    panel_id: vectorFromArray(col('panel_id'), new Utf8()),
    unit: vectorFromArray(col('unit'), new Utf8()),
    unit_name: vectorFromArray(col('unit_name'), new Utf8()),
    period: vectorFromArray(col('period'), new Utf8()),
    last_month: vectorFromArray(col('last_month'), new Utf8()),
    value: vectorFromArray(col('value'), new Float64()),
    numerator: vectorFromArray(col('numerator'), new Float64()),
    denominator: vectorFromArray(col('denominator'), new Float64()),
    suppressed: vectorFromArray(col('suppressed'), new Bool()),
    suppression: vectorFromArray(col('suppression'), new Utf8()),
  });
  table.schema.metadata.set('targets', JSON.stringify(targets));
  if (Object.keys(followup).length > 0) table.schema.metadata.set('followup', JSON.stringify(followup));
  return tableToIPC(table, 'stream');
}

export function decodePanels(bytes: Uint8Array): Map<string, PanelData> {
  const table = tableFromIPC(bytes);
  const out = new Map<string, PanelData>();
  const get = (id: string) => out.get(id) ?? (out.set(id, {}), out.get(id)!);
  for (const r of table.toArray() as Record<string, unknown>[]) {
    const p = get(String(r.panel_id));
    (p.rows ??= []).push({
      unit: r.unit as string,
      unit_name: r.unit_name as string,
      period: r.period as string,
      last_month: r.last_month as string,
      value: r.value as number | null,
      numerator: r.numerator as number | null,
      denominator: r.denominator as number | null,
      suppressed: Boolean(r.suppressed),
      suppression: (r.suppression as IndicatorRow['suppression']) ?? null,
    });
  }
  const targets = JSON.parse(table.schema.metadata.get('targets') ?? '{}') as Record<string, TargetAnswer[]>;
  for (const [id, t] of Object.entries(targets)) get(id).targets = t;
  const followup = JSON.parse(table.schema.metadata.get('followup') ?? '{}') as Record<string, FollowUp>;
  for (const [id, f] of Object.entries(followup)) get(id).followup = f;
  return out;
}
