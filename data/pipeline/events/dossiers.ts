// What dossier events do: the dossier's new state (dossiers table) and additive deltas of the dossier
// cube (dossier_month), by the rules rebuildDossierMonth builds it with: received_* by the month
// received, resolved_* by the month resolved, on time when resolved_at ≤ due_at (Decision 766),
// returned_for_supplement = dossiers whose status is 'supplement', by the month received. Each delta d of a count
// carries d × the dossier's record key to its cell key (cell-key.ts), so that the keys kept incrementally are
// those a rebuild from the dossiers table gives. Pure.
// A unit sees only its own dossiers: an id held by another unit's dossier answers exactly as an id
// nobody holds (issue 12: the answers must not tell another commune's dossiers from missing ones).
import type { DossierEvent, EventProblem } from '../../../server/contracts/events.ts';
import { addKey } from '../cell-key.ts';
import { DOSSIER_766_COLUMNS } from '../import/columns.ts';
import { monthIndex, parseEventTime, type EventTime } from './time.ts';

/** A row of the dossiers table (timestamps in Vietnam local time, 'YYYY-MM-DD HH:MM:SS'). */
export interface DossierState {
  dossier_id: string;
  procedure_code: string;
  unit_id: string;
  received_at: string;
  due_at: string;
  resolved_at: string | null;
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
  // Decision 766 (schema.sql): null = not reported
  result_electronic: boolean | null;
  components_digitised: boolean | null;
  reused_digitised: boolean | null;
  from_data_store: boolean | null;
  result_to_data_store: boolean | null;
  supplement_count: number | null;
  supplement_days: number | null;
  fee_amount: number | null;
  synced_portal: boolean | null;
}

/** The Decision 766 fields of a dossier: stored as an event sends them. */
const FIELDS_766 = DOSSIER_766_COLUMNS satisfies readonly (keyof DossierState & keyof DossierEvent['dossier'])[];

type Fields766 = Pick<DossierState, (typeof FIELDS_766)[number]>;

/** The Decision 766 fields the event sends, over the dossier's (service_month is rebuilt from them, apply.ts). */
function with766<T extends Fields766>(s: T, f: DossierEvent['dossier']): T {
  const next = { ...s };
  for (const k of FIELDS_766) if (f[k] !== undefined) (next as Record<string, unknown>)[k] = f[k];
  return next;
}

export const DM_MEASURES = [
  'received',
  'received_eid_authenticated',
  'received_population_reused',
  'received_paid_online',
  'received_processed_online',
  'received_without_eid',
  'received_eid_enrolled',
  'received_in_bundle',
  'returned_for_supplement',
  'resolved',
  'resolved_on_time',
  'resolved_late',
  'resolved_digitised',
  'resolution_days_sum',
  'rated',
  'satisfied',
] as const;
const D = Object.fromEntries(DM_MEASURES.map((m, i) => [m, i])) as Record<(typeof DM_MEASURES)[number], number>;

export interface DmDelta {
  unit: string;
  month: number;
  procedure_code: string;
  channel: string;
  values: number[];
  /** the change of each measure's cell key, in [0, CELL_KEY_MODULUS) (0 for resolution_days_sum, not a count) */
  keys: number[];
}

export interface CatalogueEntry {
  due_days: number;
  level: string;
}

const CLOSED = new Set(['resolved', 'rejected', 'withdrawn']);

/** A new dossier's Decision 766 fields before its event's: none reported. */
const EMPTY_766: Fields766 = {
  result_electronic: null,
  components_digitised: null,
  reused_digitised: null,
  from_data_store: null,
  result_to_data_store: null,
  supplement_count: null,
  supplement_days: null,
  fee_amount: null,
  synced_portal: null,
};

/**
 * The key a unit's dossier is kept under when another unit's dossier already holds its id: the id and
 * the unit ('|' cannot be in a client's dossier_id). Receiving such an id then works as a fresh one, and
 * the other unit's dossier is neither revealed nor blocked. Live events look a dossier up under both keys.
 */
export const unitDossierKey = (dossierId: string, unit: string): string => `${dossierId}|${unit}`;

const parseLocal = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`);

/** Local timestamp `days` calendar days after `ts`. */
function addDays(ts: string, days: number): string {
  return new Date(parseLocal(ts) + days * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);
}

export class DossierBatch {
  /** the dossiers changed or created by the batch, by id */
  readonly changed = new Map<string, DossierState>();
  readonly problems: EventProblem[] = [];
  private deltas = new Map<string, DmDelta>();

  constructor(
    /** stored dossiers the batch refers to, by key: each event's id and unit key (unitDossierKey) */
    private readonly stored: ReadonlyMap<string, DossierState>,
    private readonly catalogue: ReadonlyMap<string, CatalogueEntry>,
    /** for each bundle_ref the batch names, the units whose stored dossiers hold it */
    private readonly bundleHolders: Map<string, Set<string>> = new Map(),
    /** the record key (kind 'd') of a dossier_id as stored; without it the cube deltas carry no key */
    private readonly dossierKey: (dossierId: string) => number = () => 0,
  ) {}

  /**
   * The bundle_ref a unit's new dossier is kept under: the ref itself, unless only other units' dossiers
   * hold it, then the ref and the unit (as unitDossierKey): a commune never joins, moves or probes a
   * neighbour's bundle by naming its ref.
   */
  private bundleKey(ref: string, unit: string): string {
    const holders = this.bundleHolders.get(ref) ?? new Set<string>();
    if (holders.size > 0 && !holders.has(unit)) return unitDossierKey(ref, unit);
    holders.add(unit);
    this.bundleHolders.set(ref, holders);
    return ref;
  }

  private current(key: string): DossierState | undefined {
    return this.changed.get(key) ?? this.stored.get(key);
  }

  /** The dossier `id` of `unit` (under its id or its unit key); another unit's dossier is not there for it. */
  private own(id: string, unit: string): DossierState | undefined {
    for (const key of [id, unitDossierKey(id, unit)]) {
      const d = this.current(key);
      if (d && d.unit_id === unit) return d;
    }
    return undefined;
  }

  private bump(d: DossierState, at: string, measure: (typeof DM_MEASURES)[number], by = 1): void {
    const month = monthIndex(at);
    const key = `${d.unit_id}|${month}|${d.procedure_code}|${d.channel}`;
    let cell = this.deltas.get(key);
    if (!cell)
      this.deltas.set(
        key,
        (cell = {
          unit: d.unit_id,
          month,
          procedure_code: d.procedure_code,
          channel: d.channel,
          values: new Array<number>(DM_MEASURES.length).fill(0),
          keys: new Array<number>(DM_MEASURES.length).fill(0),
        }),
      );
    cell.values[D[measure]] += by;
    if (measure !== 'resolution_days_sum')
      cell.keys[D[measure]] = addKey(cell.keys[D[measure]], by * this.dossierKey(d.dossier_id));
  }

  private problem(index: number, e: DossierEvent, field: string, message: string): void {
    this.problems.push({ index, event_id: e.event_id, field, message });
  }

  /** Applies one structurally valid event (in batch order); records a problem instead when it cannot apply. */
  apply(e: DossierEvent, t: EventTime, index: number): void {
    const f = e.dossier;
    const d = this.own(f.dossier_id, e.unit);
    if (e.type === 'dossier_received') {
      if (d)
        return this.problem(
          index,
          e,
          'dossier.dossier_id',
          `hồ sơ "${f.dossier_id}" đã được tiếp nhận trước đó / dossier "${f.dossier_id}" was already received`,
        );
      const proc = f.procedure_code ? this.catalogue.get(f.procedure_code) : undefined;
      if (!f.procedure_code)
        return this.problem(
          index,
          e,
          'dossier.procedure_code',
          'thiếu mã thủ tục / procedure_code is required for dossier_received',
        );
      if (!proc)
        return this.problem(
          index,
          e,
          'dossier.procedure_code',
          `không có thủ tục "${f.procedure_code}" / no procedure "${f.procedure_code}" in the catalogue`,
        );
      if (!f.channel)
        return this.problem(index, e, 'dossier.channel', 'thiếu kênh nộp / channel is required for dossier_received');
      let due = addDays(t.local, proc.due_days);
      if (f.due_at) {
        const parsed = parseDueAt(f.due_at);
        if (!parsed)
          return this.problem(
            index,
            e,
            'dossier.due_at',
            `"${f.due_at}" không phải thời điểm hợp lệ / is not a valid time`,
          );
        if (parsed < t.local)
          return this.problem(
            index,
            e,
            'dossier.due_at',
            'hạn giải quyết trước ngày tiếp nhận / due_at is before the dossier was received',
          );
        due = parsed;
      }
      const had = f.applicant_had_eid ?? true;
      const s: DossierState = {
        dossier_id: this.current(f.dossier_id) ? unitDossierKey(f.dossier_id, e.unit) : f.dossier_id,
        procedure_code: f.procedure_code,
        unit_id: e.unit,
        received_at: t.local,
        due_at: due,
        resolved_at: null,
        channel: f.channel,
        status: 'received',
        eid_authenticated: f.eid_authenticated ?? false,
        population_data_reused: f.population_data_reused ?? false,
        result_digitised: false,
        paid_online: f.paid_online ?? false,
        processed_online: f.processed_online ?? f.channel === 'online',
        applicant_had_eid: had,
        eid_enrolled_on_site: !had && (f.eid_enrolled_on_site ?? false),
        satisfaction: null,
        bundle_ref: f.bundle_ref ? this.bundleKey(f.bundle_ref, e.unit) : null,
        ...with766(EMPTY_766, f),
      };
      this.changed.set(s.dossier_id, s);
      this.bump(s, s.received_at, 'received');
      if (s.eid_authenticated) this.bump(s, s.received_at, 'received_eid_authenticated');
      if (s.population_data_reused) this.bump(s, s.received_at, 'received_population_reused');
      if (s.paid_online) this.bump(s, s.received_at, 'received_paid_online');
      if (s.processed_online) this.bump(s, s.received_at, 'received_processed_online');
      if (!s.applicant_had_eid) this.bump(s, s.received_at, 'received_without_eid');
      if (s.eid_enrolled_on_site) this.bump(s, s.received_at, 'received_eid_enrolled');
      if (s.bundle_ref) this.bump(s, s.received_at, 'received_in_bundle');
      return;
    }
    // One answer whether the id is nobody's or another unit's.
    if (!d)
      return this.problem(
        index,
        e,
        'dossier.dossier_id',
        `không có hồ sơ "${f.dossier_id}" của đơn vị ${e.unit} / ` +
          `no dossier "${f.dossier_id}" in unit ${e.unit} (it must be received first)`,
      );
    if (CLOSED.has(d.status))
      return this.problem(
        index,
        e,
        'dossier.dossier_id',
        `hồ sơ "${f.dossier_id}" đã kết thúc (${d.status}) / the dossier is already closed (${d.status})`,
      );
    if (t.local < d.received_at)
      return this.problem(
        index,
        e,
        'occurred_at',
        `trước ngày tiếp nhận ${d.received_at} / before the dossier was received (${d.received_at})`,
      );
    const next: DossierState = with766(d, f);
    if (e.type === 'dossier_supplement') {
      // each request counts (two or more make the dossier late, Decision 766), unless the event says how many
      if (f.supplement_count === undefined) next.supplement_count = (d.supplement_count ?? 0) + 1;
      if (d.status !== 'supplement') {
        next.status = 'supplement';
        this.bump(next, d.received_at, 'returned_for_supplement');
      }
      this.changed.set(next.dossier_id, next);
      return;
    }
    // dossier_resolved
    if (d.status === 'supplement') this.bump(d, d.received_at, 'returned_for_supplement', -1);
    next.status = f.outcome ?? 'resolved';
    next.resolved_at = t.local;
    next.result_digitised = f.result_digitised ?? false;
    next.satisfaction = f.satisfaction ?? null;
    this.changed.set(next.dossier_id, next);
    this.bump(next, t.local, 'resolved');
    this.bump(next, t.local, next.resolved_at <= next.due_at ? 'resolved_on_time' : 'resolved_late');
    if (next.result_digitised) this.bump(next, t.local, 'resolved_digitised');
    this.bump(next, t.local, 'resolution_days_sum', (parseLocal(t.local) - parseLocal(d.received_at)) / 86_400_000);
    if (next.satisfaction !== null) {
      this.bump(next, t.local, 'rated');
      if (next.satisfaction >= 4) this.bump(next, t.local, 'satisfied');
    }
  }

  /** Cube cells with a non-zero change (one dossier in, another out of a count change its key only). */
  cubeDeltas(): DmDelta[] {
    return [...this.deltas.values()].filter((c) => c.values.some((v) => v !== 0) || c.keys.some((k) => k !== 0));
  }
}

/** due_at as a local timestamp (same rules as occurred_at); null when invalid. */
const parseDueAt = (text: string): string | null => parseEventTime(text)?.local ?? null;
