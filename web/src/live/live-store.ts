// The state of live tracking, pure: messages of /api/live merged into versions per indicator and
// unit (screens add them to their data keys), the recently changed (unit, indicator) pairs, and the
// last changes and alerts. Used by LiveProvider; tested in tests/unit/web-live-store.test.ts.
import type { LiveWork } from '../../../server/contracts/work.ts';
import type { LiveAlert, LiveChange, LiveMessage } from './live-message.ts';
import type { Reach } from './live-reach.ts';

export type Connection = 'connecting' | 'live' | 'down';

export const MAX_ALERTS = 50;
export const MAX_CHANGES = 50;
export const MAX_WORK = 50;
/** A pair stays "recently changed" this long (the highlight itself lasts ~2 s). */
export const RECENT_MS = 10_000;
/** Where a change of a unit the tree does not know is recorded: it reaches every unit's screens. */
export const ANY_UNIT = '*';

/**
 * What a screen shows: these indicators of these units (all indicators when neither indicators nor
 * domains are given, all units when units are left out).
 * `domains`: any indicator of these domains ('population', 'procedures'). The server only sends the
 * indicators of the plan's targets; a screen of counts (births, dossiers received) follows their
 * domain's changes, which the same events make.
 */
export interface LiveScope {
  indicators?: readonly string[];
  domains?: readonly string[];
  units?: readonly string[];
}

/** The domain of an indicator, when the catalogue is known. */
export type DomainOf = (indicator: string) => string | null;
const domainKey = (domain: string | null) => `domain:${domain ?? ANY_UNIT}`;
export interface FeedChange extends LiveChange {
  at: string;
  id: string;
}
export interface FeedAlert extends LiveAlert {
  at: string;
  id: string;
}

/** A directive or a task whose status changed (issue 21), as the feed lists it. */
export interface FeedWork extends LiveWork {
  at: string;
  /** the item's key in the feed (`id` is the directive's or task's own) */
  key: string;
}

/** The `work` of a message (a server without it sends none). */
const workOf = (m: LiveMessage): readonly LiveWork[] => (m as { work?: readonly LiveWork[] }).work ?? [];

export interface LiveState {
  connection: Connection;
  /** when the screens were last brought up to date: the last message, or the last (re)connection */
  updatedAt: string | null;
  dataVersion: number | null;
  dataDate: string | null;
  /** bumped by a reset: every scope's version changes */
  epoch: number;
  /** bumped by every applied batch */
  seq: number;
  /** indicator → unit reached → seq of its last change */
  touched: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** `unit|indicator` → ms when it last changed (pruned after RECENT_MS) */
  recent: ReadonlyMap<string, number>;
  /** newest first */
  changes: readonly FeedChange[];
  /** newest first */
  alerts: readonly FeedAlert[];
  /** newest first: directives and tasks whose status changed */
  work: readonly FeedWork[];
  /** bumped by every batch that holds a work change: the follow-up panels ask again */
  workSeq: number;
}

export const initialLive = (): LiveState => ({
  connection: 'connecting',
  updatedAt: null,
  dataVersion: null,
  dataDate: null,
  epoch: 0,
  seq: 0,
  touched: new Map(),
  recent: new Map(),
  changes: [],
  alerts: [],
  work: [],
  workSeq: 0,
});

export const pairKey = (unit: string, indicator: string): string => `${unit}|${indicator}`;

const later = (a: string | null, b: string): string => (a !== null && Date.parse(a) > Date.parse(b) ? a : b);

/** Newest first, without repeats (a replayed message), at most `max`. */
function prepend<T extends { id: string }>(fresh: T[], old: readonly T[], max: number): T[] {
  const seen = new Set<string>();
  return [...fresh, ...old].filter((x) => !seen.has(x.id) && seen.add(x.id)).slice(0, max);
}

/** Work items newest first, without repeats, at most MAX_WORK. */
function prependWork(fresh: FeedWork[], old: readonly FeedWork[]): FeedWork[] {
  const seen = new Set<string>();
  return [...fresh, ...old].filter((x) => !seen.has(x.key) && seen.add(x.key)).slice(0, MAX_WORK);
}

/** The messages of one throttled batch (in stream order) applied at `now`. */
export function applyMessages(
  state: LiveState,
  messages: readonly LiveMessage[],
  reach: Reach,
  now: number,
  domainOf: DomainOf = () => null,
): LiveState {
  if (!messages.length) return state;
  const seq = state.seq + 1;
  const touched = new Map(state.touched);
  const copied = new Set<string>();
  const recent = new Map([...state.recent].filter(([, t]) => now - t < RECENT_MS));
  // newest message first; within a message, the server's order
  let changes: FeedChange[] = [];
  let alerts: FeedAlert[] = [];
  let work: FeedWork[] = [];
  let updatedAt = state.updatedAt;
  for (const m of messages) {
    for (const c of m.changes) {
      const reached = reach(c.unit) ?? [ANY_UNIT];
      for (const key of [c.indicator, domainKey(domainOf(c.indicator))]) {
        if (!copied.has(key)) {
          copied.add(key);
          touched.set(key, new Map(touched.get(key)));
        }
        const units = touched.get(key) as Map<string, number>;
        for (const u of reached) units.set(u, seq);
      }
      recent.set(pairKey(c.unit, c.indicator), now);
    }
    changes = [
      ...m.changes.map((c) => ({ ...c, at: m.at, id: `${m.at}|${c.unit}|${c.indicator}|${c.period}` })),
      ...changes,
    ];
    alerts = [
      ...m.alerts.map((a) => ({ ...a, at: m.at, id: `${m.at}|${a.unit}|${a.target_id}|${a.status}` })),
      ...alerts,
    ];
    work = [...workOf(m).map((w) => ({ ...w, at: m.at, key: `${m.at}|${w.kind}|${w.id}|${w.status}` })), ...work];
    updatedAt = later(updatedAt, m.at);
  }
  const last = messages[messages.length - 1];
  return {
    ...state,
    seq,
    touched,
    recent,
    updatedAt,
    dataVersion: last.data_version,
    dataDate: last.data_date || state.dataDate,
    changes: prepend(changes, state.changes, MAX_CHANGES),
    alerts: prepend(alerts, state.alerts, MAX_ALERTS),
    work: work.length ? prependWork(work, state.work) : state.work,
    workSeq: work.length ? state.workSeq + 1 : state.workSeq,
  };
}

/** The server could not replay what was missed: everything is asked again. */
export const applyReset = (state: LiveState, nowIso: string): LiveState => ({
  ...state,
  epoch: state.epoch + 1,
  updatedAt: later(state.updatedAt, nowIso),
});

/** The link's state; a (re)connection brings the screens up to date as of now. */
export function applyConnection(state: LiveState, connection: Connection, nowIso: string): LiveState {
  if (state.connection === connection) return state;
  return { ...state, connection, updatedAt: connection === 'live' ? later(state.updatedAt, nowIso) : state.updatedAt };
}

/** A version of what the scope shows: it changes only when a change reaches the scope (or on a reset). */
export function scopeVersion(state: LiveState, scope: LiveScope = {}): string {
  let n = 0;
  const units = scope.units ? [...scope.units, ANY_UNIT] : undefined;
  const domains = scope.domains ? [...scope.domains.map(domainKey), domainKey(null)] : [];
  const all = !scope.indicators && !scope.domains;
  for (const key of all ? state.touched.keys() : [...(scope.indicators ?? []), ...domains]) {
    const byUnit = state.touched.get(key);
    if (!byUnit) continue;
    if (units) for (const u of units) n = Math.max(n, byUnit.get(u) ?? 0);
    else for (const s of byUnit.values()) n = Math.max(n, s);
  }
  return `${state.epoch}.${n}`;
}

/** Whether a change of `changed` concerns a screen about `unit` (an unknown unit concerns all). */
export const concerns = (reach: Reach, changed: string, unit: string): boolean =>
  reach(changed)?.includes(unit) ?? true;

/**
 * The feed of a screen about `unit`: its alerts, and its latest shown (not hidden) change per (unit, indicator)
 * of these indicators.
 */
export function feedFor(
  state: LiveState,
  reach: Reach,
  unit: string,
  indicators: ReadonlySet<string> | null,
  limit = 6,
): { alerts: FeedAlert[]; changes: FeedChange[]; work: FeedWork[] } {
  const seen = new Set<string>();
  const changes = state.changes.filter((c) => {
    if (c.suppressed || (indicators && !indicators.has(c.indicator)) || !concerns(reach, c.unit, unit)) return false;
    const k = pairKey(c.unit, c.indicator);
    return !seen.has(k) && !!seen.add(k);
  });
  return {
    alerts: state.alerts.filter((a) => concerns(reach, a.unit, unit)).slice(0, limit + 2),
    changes: changes.slice(0, limit),
    work: state.work.filter((w) => concerns(reach, w.unit, unit)).slice(0, limit),
  };
}

/** Keys whose value differs from the previous answer's, or that are new in it (nothing on a first answer). */
export function changedKeys(
  before: ReadonlyMap<string, unknown> | null,
  after: ReadonlyMap<string, unknown>,
): Set<string> {
  const out = new Set<string>();
  if (!before) return out;
  for (const [k, v] of after) if (!before.has(k) || !Object.is(before.get(k), v)) out.add(k);
  return out;
}
