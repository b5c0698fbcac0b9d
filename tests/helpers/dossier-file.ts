// A month of new dossiers for a store, in the dossiers format of docs/data-formats.md: the store's own base units,
// procedures and channels in the proportions of the store's dossier_month for that month, some linked bundles
// (one dossier per step of a birth or death bundle), seeded. Written as CSV (CsvWriter) or as an .xlsx workbook
// (exceljs' streaming WorkbookWriter: real dates, booleans and numbers in the cells, as Excel saves them). Used by
// the import bench (tests/bench/import.ts) and the kill -9 test of imports (tests/api/import-kill9.test.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { cellText } from '../../data/pipeline/cells.ts';
import { CsvWriter } from '../../data/pipeline/generate/csv-writer.ts';
import { COLUMNS, DOSSIER_766_COLUMNS } from '../../data/pipeline/import/columns.ts';

/** The documented columns of a dossiers file, in their order (columns.ts); not the optional ones of Decision 766. */
export const DOSSIER_HEADER = COLUMNS.dossiers
  .filter((c) => !(DOSSIER_766_COLUMNS as readonly string[]).includes(c.name))
  .map((c) => c.name as keyof DossierRow);

interface Cell {
  unit: string;
  procedure: string;
  channel: string;
}

/** What the rows are drawn from: cells of the store's dossier_month with their weights. */
export interface DossierPlan {
  /** YYYY-MM */
  month: string;
  cells: Cell[];
  /** cumulative weights of cells (received), for sampling */
  cumulative: number[];
  due: Map<string, number>;
  /** procedure codes of each bundle by step, and the cells (unit, channel) of its first step */
  bundles: { bundle: string; steps: string[]; cells: Cell[] }[];
}

const rowsOf = async (conn: DuckDBConnection, sql: string, params?: Record<string, string>) =>
  (await conn.runAndReadAll(sql, params)).getRowObjectsJson();

/** The plan for `month` (default: the last full month of the store's dossiers). */
export async function dossierPlan(conn: DuckDBConnection, month?: string): Promise<DossierPlan> {
  if (!month) {
    const r = await rowsOf(conn, `SELECT strftime(max(month) - INTERVAL 1 MONTH, '%Y-%m') AS m FROM dossier_month`);
    month = cellText(r[0].m);
  }
  const cells = await rowsOf(
    conn,
    `SELECT m.unit_id, m.procedure_code, m.channel, sum(m.received)::INTEGER AS n
     FROM dossier_month m JOIN units u USING (unit_id)
     WHERE m.month = ($month || '-01')::DATE AND u.is_base AND m.received > 0
     GROUP BY ALL ORDER BY ALL`,
    { month },
  );
  if (cells.length === 0) throw new Error(`no dossiers in ${month} to model a month on`);
  const procs = await rowsOf(conn, 'SELECT procedure_code, due_days, bundle, bundle_step FROM procedures');
  const due = new Map(procs.map((p) => [cellText(p.procedure_code), Number(p.due_days ?? 5)]));
  const plan: DossierPlan = { month, cells: [], cumulative: [], due, bundles: [] };
  let total = 0;
  for (const c of cells) {
    plan.cells.push({ unit: cellText(c.unit_id), procedure: cellText(c.procedure_code), channel: cellText(c.channel) });
    plan.cumulative.push((total += Number(c.n)));
  }
  const byBundle = new Map<string, { step: number; code: string }[]>();
  for (const p of procs) {
    if (p.bundle === null || p.bundle_step === null) continue;
    const list = byBundle.get(cellText(p.bundle)) ?? [];
    list.push({ step: Number(p.bundle_step), code: cellText(p.procedure_code) });
    byBundle.set(cellText(p.bundle), list);
  }
  for (const [bundle, list] of byBundle) {
    const steps = [...list].sort((a, b) => a.step - b.step).map((x) => x.code);
    const first = plan.cells.filter((c) => c.procedure === steps[0]);
    if (first.length > 0) plan.bundles.push({ bundle, steps, cells: first });
  }
  return plan;
}

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One dossier: the fields of DOSSIER_HEADER (timestamps as local wall-clock Date values in UTC). */
export interface DossierRow {
  dossier_id: string;
  procedure_code: string;
  unit_id: string;
  received_at: Date;
  due_at: Date;
  resolved_at: Date | null;
  channel: string;
  status: string;
  eid_authenticated: boolean;
  population_data_reused: boolean;
  result_digitised: boolean;
  paid_online: boolean;
  processed_online: boolean;
  applicant_had_eid: boolean;
  eid_enrolled_on_site: boolean;
  satisfaction: number | null;
  bundle_ref: string | null;
}

const DAY = 86_400_000;
const STATUSES: [string, number][] = [
  ['resolved', 0.93],
  ['rejected', 0.02],
  ['supplement', 0.015],
  ['withdrawn', 0.015],
  ['processing', 0.015],
  ['received', 0.005],
];

/** `n` new dossiers of the plan's month, ids `<prefix>-<YYYYMM>-<serial>`; about 3 % in linked bundles. */
export function* dossierRows(plan: DossierPlan, n: number, prefix: string, seed = 1): Generator<DossierRow> {
  const rnd = random(seed);
  const [y, m] = plan.month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const total = plan.cumulative[plan.cumulative.length - 1];
  const pick = (): Cell => {
    const w = rnd() * total;
    let lo = 0;
    let hi = plan.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (plan.cumulative[mid] > w) hi = mid;
      else lo = mid + 1;
    }
    return plan.cells[lo];
  };
  const chance = (p: number) => rnd() < p;
  let serial = 0;
  const one = (cell: Cell, procedure: string, bundleRef: string | null, received: number): DossierRow => {
    const dueDays = plan.due.get(procedure) ?? 5;
    let w = rnd();
    let status = STATUSES[STATUSES.length - 1][0];
    for (const [s, p] of STATUSES) {
      if (w < p) {
        status = s;
        break;
      }
      w -= p;
    }
    const due = received + dueDays * DAY;
    const ends = status === 'resolved' || status === 'rejected';
    const late = chance(0.08);
    const resolved = ends
      ? late
        ? due + (0.1 + rnd() * 5) * DAY
        : received + (0.05 + rnd() * 0.95) * (due - received)
      : null;
    const online = cell.channel === 'online';
    const hadEid = chance(0.9);
    const rated = status === 'resolved' && chance(0.6);
    return {
      dossier_id: `${prefix}-${plan.month.replace('-', '')}-${String(++serial).padStart(7, '0')}`,
      procedure_code: procedure,
      unit_id: cell.unit,
      received_at: new Date(received),
      due_at: new Date(due),
      resolved_at: resolved === null ? null : new Date(Math.round(resolved / 60_000) * 60_000),
      channel: cell.channel,
      status,
      eid_authenticated: chance(online ? 0.8 : 0.3),
      population_data_reused: chance(0.6),
      result_digitised: status === 'resolved' && chance(0.7),
      paid_online: chance(online ? 0.5 : 0.05),
      processed_online: online && chance(0.7),
      applicant_had_eid: hadEid,
      eid_enrolled_on_site: !hadEid && chance(0.5),
      satisfaction: rated ? (chance(0.85) ? 4 + Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 3)) : null,
      bundle_ref: bundleRef,
    };
  };
  const receivedAt = () => {
    const day = 1 + Math.floor(rnd() * days);
    const minute = 7 * 60 + 30 + Math.floor(rnd() * 9 * 60);
    return Date.UTC(y, m - 1, day) + minute * 60_000;
  };
  let bundles = 0;
  let made = 0;
  while (made < n) {
    if (plan.bundles.length > 0 && chance(0.01)) {
      const b = plan.bundles[Math.floor(rnd() * plan.bundles.length)];
      if (made + b.steps.length <= n) {
        const cell = b.cells[Math.floor(rnd() * b.cells.length)];
        const ref = `${prefix}-LT-${++bundles}`;
        let at = receivedAt();
        for (const code of b.steps) {
          yield one(cell, code, ref, at);
          at += Math.floor(rnd() * 2 * DAY);
          made++;
        }
        continue;
      }
    }
    const cell = pick();
    yield one(cell, cell.procedure, null, receivedAt());
    made++;
  }
}

/** A Date holding local wall-clock time in UTC, as the CSV's `YYYY-MM-DD HH:MM:SS`. */
const stamp = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '');

/** Writes the rows as a dossiers CSV; returns its size in bytes and the rows written. */
export function writeDossierCsv(path: string, rows: Iterable<DossierRow>): { bytes: number; rows: number } {
  const out = new CsvWriter(path, DOSSIER_HEADER);
  for (const r of rows) {
    out.row(
      DOSSIER_HEADER.map((c) => {
        const v = r[c];
        return v instanceof Date || v === null ? stamp(v) : v;
      }),
    );
  }
  const rowCount = out.rows;
  return { bytes: out.close(), rows: rowCount };
}

/**
 * Writes the rows as an .xlsx workbook (one sheet "Hồ sơ", the portal's Vietnamese headers are not needed: the
 * store's column names) with exceljs' streaming writer: Excel dates with a date-time format, booleans, numbers.
 */
export async function writeDossierXlsx(
  path: string,
  rows: Iterable<DossierRow>,
): Promise<{ bytes: number; rows: number }> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const ws = writer.addWorksheet('Hồ sơ');
  ws.addRow([...DOSSIER_HEADER]).commit();
  let n = 0;
  for (const r of rows) {
    const row = ws.addRow(DOSSIER_HEADER.map((c) => r[c] ?? null));
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.commit();
    n++;
  }
  ws.commit();
  await writer.commit();
  return { bytes: statSync(path).size, rows: n };
}
