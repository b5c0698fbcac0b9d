// Applies a batch of live events to the store in one transaction, or nothing: the events table (for
// idempotency), the population cube, the dossiers and their cubes, incrementally (deltas upserted, no
// rebuild; but service_month, Decision 766, is rebuilt for the units of the batch's dossiers from the month the
// earliest of them was received, and in every unit from the month of the old data date when that moved),
// data dates and the data version. Used by POST /api/events and by the importer for event
// files. Callers serialise batches (one writer). Idempotency is per unit: an event_id is a duplicate
// only when the same unit sent it before, so an id another unit used answers as a fresh one (issue 12).
// Every count delta carries its cell-key delta (cell-key.ts), added modulo CELL_KEY_MODULUS: population events
// with the event's record key, dossier events with the dossier's (so that the keys equal a rebuild's).
import type { DuckDBAppender, DuckDBConnection, Json } from '@duckdb/node-api';
import type { EventProblem, LiveEvent } from '../../../server/contracts/events.ts';
import { keyModSql, readCellKeySecret, recordKey } from '../cell-key.ts';
import { cellText } from '../cells.ts';
import { BUNDLE_MONTH_COUNTS, bundleCellsSql, DOSSIER_COLUMNS } from '../import/load-dossiers.ts';
import { monthOf, serviceDataDate, updateServiceMonth } from '../import/load-service.ts';
import { DossierBatch, DM_MEASURES, unitDossierKey, type CatalogueEntry, type DossierState } from './dossiers.ts';
import { addPopulationEvent, PopDeltas, POP_MEASURES, POP_STOCKS, type PopDelta } from './population.ts';
import { monthIndex, monthStart } from './time.ts';
import { checkEvents, type UnitFacts } from './validate.ts';

/** A batch that cannot be applied (422): every problem found, nothing stored. */
export class EventsRejected extends Error {
  constructor(readonly problems: EventProblem[]) {
    super(
      `${problems.length} sự kiện không hợp lệ; không sự kiện nào được ghi / ` +
        `${problems.length} invalid event(s); nothing was applied`,
    );
  }
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  batchId: number;
  dataVersion: number;
  dataDate: string;
  /** the newest day of the applied population and dossier events (undefined: none in the batch) */
  newest: { people?: string; dossiers?: string };
  /** base units and month indexes whose data changed, by domain */
  touched: { population: Map<string, Set<number>>; procedures: Map<string, Set<number>> };
}

/** The counts of dossier_month, each with a cell key (resolution_days_sum is a sum of days, not a count). */
const DM_COUNTS = DM_MEASURES.filter((m) => m !== 'resolution_days_sum');
const DM_KEYED = DM_COUNTS.map((m) => DM_MEASURES.indexOf(m));

/** `col = old + new` of an upsert's cell keys, back into [0, CELL_KEY_MODULUS). */
const addKeysSql = (table: string, cols: readonly string[]) =>
  cols.map((m) => `${m}_key = ${keyModSql(`coalesce(${table}.${m}_key, 0) + EXCLUDED.${m}_key`)}`).join(', ');

const STAGING = `
CREATE OR REPLACE TEMP TABLE ev_ids (event_id VARCHAR, type VARCHAR, unit_id VARCHAR, month VARCHAR);
CREATE OR REPLACE TEMP TABLE ev_pop (unit_id VARCHAR, month VARCHAR, sex VARCHAR, age_group INTEGER, residence VARCHAR,
  ${POP_MEASURES.map((m) => `${m} INTEGER`).join(', ')}, ${POP_MEASURES.map((m) => `${m}_key INTEGER`).join(', ')});
CREATE OR REPLACE TEMP TABLE ev_dm (unit_id VARCHAR, month VARCHAR, procedure_code VARCHAR, channel VARCHAR,
  ${DM_MEASURES.map((m) => `${m} DOUBLE`).join(', ')}, ${DM_COUNTS.map((m) => `${m}_key INTEGER`).join(', ')});
CREATE OR REPLACE TEMP TABLE ev_dossiers (dossier_id VARCHAR, procedure_code VARCHAR, unit_id VARCHAR,
  received_at VARCHAR, due_at VARCHAR, resolved_at VARCHAR, channel VARCHAR, status VARCHAR,
  eid_authenticated BOOLEAN, population_data_reused BOOLEAN, result_digitised BOOLEAN, paid_online BOOLEAN,
  processed_online BOOLEAN, applicant_had_eid BOOLEAN, eid_enrolled_on_site BOOLEAN, satisfaction INTEGER,
  bundle_ref VARCHAR, result_electronic BOOLEAN, components_digitised BOOLEAN, reused_digitised BOOLEAN,
  from_data_store BOOLEAN, result_to_data_store BOOLEAN, supplement_count INTEGER, supplement_days DOUBLE,
  fee_amount DOUBLE, synced_portal BOOLEAN);
CREATE OR REPLACE TEMP TABLE ev_refs (dossier_id VARCHAR);
CREATE OR REPLACE TEMP TABLE ev_keys (event_id VARCHAR);`;

/**
 * The key an event is kept under in `events` when another unit's event already holds its id: the id and
 * the unit ('|' cannot be in an event_id). A unit's event is a duplicate when its id or this key is
 * stored for that unit; another unit's id neither blocks it nor shows through `duplicates`.
 */
export const unitEventKey = (eventId: string, unit: string): string => `${eventId}|${unit}`;

async function append(
  conn: DuckDBConnection,
  table: string,
  rows: number,
  write: (a: DuckDBAppender, i: number) => void,
): Promise<void> {
  if (rows === 0) return;
  const a = await conn.createAppender(table, 'main', 'temp');
  for (let i = 0; i < rows; i++) {
    write(a, i);
    a.endRow();
  }
  a.closeSync();
}

type DossierEventLike = { dossier: { dossier_id: string } };
const str = (a: DuckDBAppender, v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
const json = async (conn: DuckDBConnection, sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

/** What the ingestor reads from the store once (units and catalogue change only through imports). */
export interface StoreFacts {
  units: Map<string, UnitFacts>;
  catalogue: Map<string, CatalogueEntry>;
}

export async function loadStoreFacts(conn: DuckDBConnection): Promise<StoreFacts> {
  const units = new Map<string, UnitFacts>();
  for (const r of await json(
    conn,
    'SELECT unit_id, level, is_base, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to FROM units',
  )) {
    units.set(cellText(r.unit_id), {
      level: cellText(r.level),
      is_base: Boolean(r.is_base),
      valid_from: cellText(r.valid_from),
      valid_to: r.valid_to === null ? null : cellText(r.valid_to),
    });
  }
  const catalogue = new Map<string, CatalogueEntry>();
  for (const r of await json(conn, 'SELECT procedure_code, due_days, level FROM procedures')) {
    catalogue.set(cellText(r.procedure_code), { due_days: Number(r.due_days), level: cellText(r.level) });
  }
  return { units, catalogue };
}

/**
 * Checks and applies `values` (parsed JSON, not yet trusted) on `conn`; throws EventsRejected (nothing
 * applied) when any event is invalid. `facts` come from loadStoreFacts (refresh them after imports).
 */
export async function applyEvents(
  conn: DuckDBConnection,
  values: unknown[],
  facts: StoreFacts,
  now = Date.now(),
): Promise<IngestResult> {
  const { ok, problems } = checkEvents(values, { units: facts.units, now });
  if (problems.length > 0) throw new EventsRejected(problems);

  // Within the batch, the first event of a unit with an id wins; later ones are duplicates.
  const unitKey = (c: (typeof ok)[number]) => unitEventKey(c.event.event_id, c.event.unit);
  const firstOfId = new Map<string, number>();
  for (const c of ok) if (!firstOfId.has(unitKey(c))) firstOfId.set(unitKey(c), c.index);
  const unique = ok.filter((c) => firstOfId.get(unitKey(c)) === c.index);

  await conn.run(STAGING);
  const lookup = unique.flatMap((c) => [c.event.event_id, unitKey(c)]);
  await append(conn, 'ev_keys', lookup.length, (a, i) => a.appendVarchar(lookup[i]));

  await conn.run('BEGIN TRANSACTION');
  try {
    const secret = await readCellKeySecret(conn);
    const stored = new Map(
      (await json(conn, 'SELECT event_id, unit_id FROM events WHERE event_id IN (SELECT event_id FROM ev_keys)')).map(
        (r) => [cellText(r.event_id), cellText(r.unit_id)],
      ),
    );
    const fresh = unique.filter((c) => stored.get(c.event.event_id) !== c.event.unit && !stored.has(unitKey(c)));
    const duplicates = ok.length - fresh.length;
    // An id held by another unit's event (or an earlier unit of this batch): kept under the unit key.
    const taken = new Set(stored.keys());
    const keys = fresh.map((c) => {
      const key = taken.has(c.event.event_id) ? unitKey(c) : c.event.event_id;
      taken.add(key);
      return key;
    });
    await append(conn, 'ev_ids', fresh.length, (a, i) => {
      const c = fresh[i];
      a.appendVarchar(keys[i]);
      a.appendVarchar(c.event.type);
      a.appendVarchar(c.event.unit);
      a.appendVarchar(monthStart(c.time.month));
    });
    const meta = await json(
      conn,
      `SELECT
        (SELECT data_date::VARCHAR FROM datasets WHERE kind = 'people') AS people,
        (SELECT data_date::VARCHAR FROM datasets WHERE kind = 'dossiers') AS dossiers,
        (SELECT max(month)::VARCHAR FROM pop_month) AS last_month,
        (SELECT coalesce(max(TRY_CAST(value AS INTEGER)), 0) FROM store_meta WHERE key = 'event_batch') AS batch,
        (SELECT coalesce(max(TRY_CAST(value AS INTEGER)), 0) FROM store_meta WHERE key = 'data_version') AS version`,
    );
    const m0 = meta[0];
    const batchId = Number(m0.batch) + 1;
    const dataVersion = Number(m0.version) + (fresh.length > 0 ? 1 : 0);
    const touched: IngestResult['touched'] = { population: new Map(), procedures: new Map() };
    const touch = (domain: 'population' | 'procedures', unit: string, month: number) => {
      let set = touched[domain].get(unit);
      if (!set) touched[domain].set(unit, (set = new Set()));
      set.add(month);
    };
    const latest = (kind: 'population' | 'procedures') => {
      const days = fresh.filter((c) => 'dossier' in c.event === (kind === 'procedures')).map((c) => c.time.day);
      return days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;
    };
    const popDay = latest('population');
    const dosDay = latest('procedures');
    const dataDate =
      [m0.people, m0.dossiers, popDay, dosDay]
        .filter((d): d is string => typeof d === 'string')
        .sort()
        .at(-1) ?? '';

    /** The dossiers' data date before the batch and the first month its dossiers count in (service_month). */
    let service: { before: string | null; from: string } | null = null;
    if (fresh.length > 0) {
      // Population: extend the cube to the newest event's month (stocks carried, no flows), then add the deltas.
      const pops = fresh.filter((c) => !('dossier' in c.event));
      // a population event's record key: of the key it is stored under in `events`
      const storedAs = new Map(fresh.map((c, i) => [c.index, keys[i]]));
      let last = m0.last_month === null ? -1 : monthIndex(cellText(m0.last_month));
      if (pops.length > 0) {
        const newest = Math.max(...pops.map((c) => c.time.month));
        if (last >= 0 && newest > last) {
          await conn.run(`INSERT INTO pop_month (unit_id, month, sex, age_group, residence, ${POP_MEASURES.join(', ')},
              ${POP_STOCKS.map((m) => `${m}_key`).join(', ')})
            SELECT unit_id, (month + to_months(k))::DATE, sex, age_group, residence,
              ${POP_STOCKS.join(', ')}, 0, 0, 0, 0, ${POP_STOCKS.map((m) => `${m}_key`).join(', ')}
            FROM pop_month, range(1, ${newest - last + 1}) r(k) WHERE month = DATE '${monthStart(last)}'`);
        }
        last = Math.max(last, newest);
        const deltas = new PopDeltas();
        for (const c of pops) {
          const key = recordKey(secret, 'e', storedAs.get(c.index)!);
          addPopulationEvent(deltas, c.event as Parameters<typeof addPopulationEvent>[1], c.time, last, c.index, key);
          touch('population', c.event.unit, c.time.month);
        }
        const cells = deltas.list();
        await appendPop(conn, cells);
        const popKeys = POP_MEASURES.map((m) => `${m}_key`).join(', ');
        await conn.run(`INSERT INTO pop_month (unit_id, month, sex, age_group, residence, ${POP_MEASURES.join(', ')},
            ${popKeys})
          SELECT unit_id, month::DATE, sex, age_group, residence, ${POP_MEASURES.join(', ')}, ${popKeys} FROM ev_pop
          ON CONFLICT (unit_id, month, sex, age_group, residence) DO UPDATE SET
          ${POP_MEASURES.map((m) => `${m} = pop_month.${m} + EXCLUDED.${m}`).join(', ')},
          ${addKeysSql('pop_month', POP_MEASURES)}`);
        const negative = await json(
          conn,
          `SELECT p.unit_id, p.month::VARCHAR AS month, p.sex, p.age_group, p.residence
          FROM pop_month p JOIN ev_pop s ON p.unit_id = s.unit_id AND p.month = s.month::DATE AND p.sex = s.sex
            AND p.age_group = s.age_group AND p.residence = s.residence
          WHERE ${[...POP_STOCKS, 'births', 'deaths', 'moves_in', 'moves_out'].map((m) => `p.${m} < 0`).join(' OR ')}
          LIMIT 20`,
        );
        if (negative.length > 0) throw new EventsRejected(negativeProblems(negative, cells, values));
        // The stocks of later months changed too (the cube carries them forward).
        for (const c of pops) for (let m = c.time.month + 1; m <= last; m++) touch('population', c.event.unit, m);
      }

      // Dossiers: current states of the dossiers referred to, the batch applied in order, then written.
      const dos = fresh.filter((c) => 'dossier' in c.event);
      if (dos.length > 0) {
        // each dossier under its id and under the unit key of the event's unit (see unitDossierKey)
        const ids = [
          ...new Set(
            dos.flatMap((c) => [
              (c.event as DossierEventLike).dossier.dossier_id,
              unitDossierKey((c.event as DossierEventLike).dossier.dossier_id, c.event.unit),
            ]),
          ),
        ];
        await append(conn, 'ev_refs', ids.length, (a, i) => a.appendVarchar(ids[i]));
        const stored = new Map<string, DossierState>();
        for (const r of await json(
          conn,
          `SELECT ${DOSSIER_COLUMNS.map((c) =>
            ['received_at', 'due_at', 'resolved_at'].includes(c) ? `strftime(${c}, '%Y-%m-%d %H:%M:%S') AS ${c}` : c,
          ).join(', ')}
            FROM dossiers WHERE dossier_id IN (SELECT dossier_id FROM ev_refs)`,
        )) {
          const num = (v: Json) => (v === null ? null : Number(v));
          stored.set(cellText(r.dossier_id), {
            ...(r as unknown as DossierState),
            satisfaction: num(r.satisfaction),
            supplement_count: num(r.supplement_count),
            supplement_days: num(r.supplement_days),
            fee_amount: num(r.fee_amount),
          });
        }
        // the units holding each bundle_ref the batch names: another unit's bundle is not joined
        // (DossierBatch.bundleKey)
        const refs = [
          ...new Set(
            dos
              .map((c) => (c.event as { dossier: { bundle_ref?: string } }).dossier.bundle_ref)
              .filter((r): r is string => typeof r === 'string'),
          ),
        ];
        const holders = new Map<string, Set<string>>();
        if (refs.length > 0) {
          await conn.run(`CREATE OR REPLACE TEMP TABLE ev_bundle_refs (bundle_ref VARCHAR)`);
          await append(conn, 'ev_bundle_refs', refs.length, (a, i) => a.appendVarchar(refs[i]));
          for (const r of await json(
            conn,
            'SELECT DISTINCT bundle_ref, unit_id FROM dossiers ' +
              'WHERE bundle_ref IN (SELECT bundle_ref FROM ev_bundle_refs)',
          )) {
            const set = holders.get(cellText(r.bundle_ref)) ?? new Set<string>();
            set.add(cellText(r.unit_id));
            holders.set(cellText(r.bundle_ref), set);
          }
        }
        const batch = new DossierBatch(stored, facts.catalogue, holders, (id) => recordKey(secret, 'd', id));
        for (const c of dos) batch.apply(c.event as Parameters<DossierBatch['apply']>[0], c.time, c.index);
        if (batch.problems.length > 0) throw new EventsRejected(batch.problems);
        const states = [...batch.changed.values()];
        // service_month of their units is rebuilt after the data dates move (below), from the earliest month one of
        // them counts in: the one it was received in
        if (states.length > 0)
          service = {
            before: await serviceDataDate(conn),
            from: monthOf(states.map((x) => x.received_at).reduce((a, b) => (a < b ? a : b))),
          };
        const bundles = states.some((s) => s.bundle_ref !== null);
        const inBatch = 'd.bundle_ref IN (SELECT bundle_ref FROM ev_dossiers WHERE bundle_ref IS NOT NULL)';
        await appendDossiers(conn, states);
        if (bundles) await conn.run(`CREATE OR REPLACE TEMP TABLE ev_bundle_before AS ${bundleCellsSql(inBatch)}`);
        await conn.run('DELETE FROM dossiers WHERE dossier_id IN (SELECT dossier_id FROM ev_dossiers)');
        await conn.run(
          `INSERT INTO dossiers (${DOSSIER_COLUMNS.join(', ')}) SELECT ${DOSSIER_COLUMNS.join(', ')} FROM ev_dossiers`,
        );
        const cube = batch.cubeDeltas();
        await append(conn, 'ev_dm', cube.length, (a, i) => {
          const d = cube[i];
          a.appendVarchar(d.unit);
          a.appendVarchar(monthStart(d.month));
          a.appendVarchar(d.procedure_code);
          a.appendVarchar(d.channel);
          for (const v of d.values) a.appendDouble(v);
          for (const i of DM_KEYED) a.appendInteger(d.keys[i]);
        });
        const dmKeys = DM_COUNTS.map((m) => `${m}_key`).join(', ');
        await conn.run(`INSERT INTO dossier_month (unit_id, month, procedure_code, channel, ${DM_MEASURES.join(', ')},
            ${dmKeys})
          SELECT unit_id, month::DATE, procedure_code, channel,
            ${DM_MEASURES.map((m) => (m === 'resolution_days_sum' ? m : `${m}::INTEGER`)).join(', ')}, ${dmKeys}
          FROM ev_dm
          ON CONFLICT (unit_id, month, procedure_code, channel) DO UPDATE SET
          ${DM_MEASURES.map((m) => `${m} = dossier_month.${m} + EXCLUDED.${m}`).join(', ')},
          ${addKeysSql('dossier_month', DM_COUNTS)}`);
        for (const d of cube) touch('procedures', d.unit, d.month);
        if (bundles) {
          // the bundles of the batch after minus before, counts and keys
          const diff = (m: string) => `coalesce(a.${m}, 0) - coalesce(b.${m}, 0)`;
          await conn.run(`INSERT INTO bundle_month (unit_id, month, bundle, ${BUNDLE_MONTH_COUNTS.join(', ')},
              ${BUNDLE_MONTH_COUNTS.map((m) => `${m}_key`).join(', ')})
            SELECT coalesce(a.unit_id, b.unit_id), coalesce(a.month, b.month), coalesce(a.bundle, b.bundle),
              ${BUNDLE_MONTH_COUNTS.map((m) => `(${diff(m)})::INTEGER`).join(', ')},
              ${BUNDLE_MONTH_COUNTS.map((m) => `${keyModSql(diff(`${m}_key`))}::INTEGER`).join(', ')}
            FROM (${bundleCellsSql(inBatch)}) a FULL JOIN ev_bundle_before b USING (unit_id, month, bundle)
            ON CONFLICT (unit_id, month, bundle) DO UPDATE SET
              ${BUNDLE_MONTH_COUNTS.map((m) => `${m} = bundle_month.${m} + EXCLUDED.${m}`).join(', ')},
              ${addKeysSql('bundle_month', BUNDLE_MONTH_COUNTS)}`);
        }
      }

      await conn.run(`INSERT INTO events (event_id, type, unit_id, month, batch_id, received_at)
        SELECT event_id, type, unit_id, month::DATE, ${batchId}, now()::TIMESTAMP FROM ev_ids`);
      for (const [kind, day] of [
        ['people', popDay],
        ['dossiers', dosDay],
      ] as const) {
        if (day)
          await conn.run(`UPDATE datasets SET data_date = greatest(data_date, DATE '${day}') WHERE kind = '${kind}'`);
      }
      if (service) await updateServiceMonth(conn, 'SELECT unit_id FROM ev_dossiers', service.before, service.from);
      await conn.run(
        `INSERT OR REPLACE INTO store_meta VALUES ('data_version', '${dataVersion}'), ('event_batch', '${batchId}')`,
      );
    }
    await conn.run('COMMIT');
    return {
      accepted: fresh.length,
      duplicates,
      batchId,
      dataVersion,
      dataDate,
      newest: { people: popDay ?? undefined, dossiers: dosDay ?? undefined },
      touched,
    };
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

async function appendPop(conn: DuckDBConnection, cells: PopDelta[]): Promise<void> {
  await append(conn, 'ev_pop', cells.length, (a, i) => {
    const c = cells[i];
    a.appendVarchar(c.unit);
    a.appendVarchar(monthStart(c.month));
    a.appendVarchar(c.sex);
    a.appendInteger(c.age_group);
    a.appendVarchar(c.residence);
    for (const v of c.values) a.appendInteger(v);
    for (const k of c.keys) a.appendInteger(k);
  });
}

/** The DOUBLE columns of ev_dossiers (STAGING); other numbers are INTEGER. */
const DOUBLES = new Set<string>(['supplement_days', 'fee_amount']);

async function appendDossiers(conn: DuckDBConnection, states: DossierState[]): Promise<void> {
  await append(conn, 'ev_dossiers', states.length, (a, i) => {
    const s = states[i];
    for (const c of DOSSIER_COLUMNS) {
      const v = s[c];
      if (v === null) a.appendNull();
      else if (typeof v === 'boolean') a.appendBoolean(v);
      else if (typeof v === 'number') {
        if (DOUBLES.has(c)) a.appendDouble(v);
        else a.appendInteger(v);
      } else str(a, v);
    }
  });
}

/** Names the events behind cells that went negative (e.g. a death in a cell with nobody in it). */
function negativeProblems(rows: Record<string, Json>[], cells: PopDelta[], values: unknown[]): EventProblem[] {
  const out = new Map<number, EventProblem>();
  for (const r of rows) {
    const cell = cells.find(
      (c) =>
        c.unit === r.unit_id &&
        monthStart(c.month) === r.month &&
        c.sex === r.sex &&
        c.age_group === Number(r.age_group) &&
        c.residence === r.residence,
    );
    for (const index of cell?.events ?? []) {
      if (out.has(index)) continue;
      const e = values[index] as LiveEvent;
      out.set(index, {
        index,
        event_id: e.event_id,
        field: '',
        message:
          `số liệu dân cư của ${cellText(r.unit_id)} (${cellText(r.sex)}, nhóm tuổi ${cellText(r.age_group)}, ` +
          `${cellText(r.residence)}) tháng ${cellText(r.month).slice(0, 7)} sẽ âm: không có người tương ứng để trừ / ` +
          'the population cell would go negative: nobody matching to remove',
      });
    }
  }
  return [...out.values()].sort((a, b) => a.index - b.index);
}
