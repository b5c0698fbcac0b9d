// The live hub: after committed batches, recomputes the tracked indicators (those of the plan's
// targets) for the months and units that changed, compares them with what was last published, and
// pushes the changes and target alerts to every open stream, each filtered to its scope. Batches
// that arrive while a recomputation runs are merged into the next one. Keeps the last messages so a
// reconnecting client resumes from Last-Event-ID. A target's status is compared only with one judged
// up to the same data month (a month of a few days is not set against a full one: see alerts()).
import { canSee, fullScope, inDetail, type Scope } from '../auth/scope.ts';
import { randomBytes } from 'node:crypto';
import type { IngestResult } from '../../data/pipeline/events/apply.ts';
import { monthStart } from '../../data/pipeline/events/time.ts';
import type { LiveAlert, LiveChange, LiveMessage } from '../contracts/events.ts';
import type { LiveWork } from '../contracts/work.ts';
import type { Context } from '../context.ts';

export interface Subscriber {
  scope: Scope;
  /** writes one server-sent event; false when the client is too slow and should be dropped */
  send(id: string, event: string, data: string): boolean;
  close(): void;
}

interface Stored {
  seq: number;
  message: LiveMessage;
  /** a `reset` sent to everyone (an import or its undo replaced data wholesale): its JSON data */
  reset?: string;
}

/** What `event: reset` says when the data changed wholesale (an import committed or taken back). */
export interface DataReset {
  reason: 'import' | 'undo';
  data_version: number;
  data_date: string;
  batch: number;
}

interface JudgedStatus {
  status: string;
  /** YYYY-MM of the target's data date: the last month of the series it was judged on */
  month: string | null;
}

/** A target's status as the hub remembers it. */
const judged = (t: { status: string; data_date: string | null }): JudgedStatus => ({
  status: t.status,
  month: t.data_date ? t.data_date.slice(0, 7) : null,
});

interface Pending {
  batches: number[];
  population: Map<string, Set<number>>;
  procedures: Map<string, Set<number>>;
}

const KEEP = 2000;
/** Months recomputed per unit after a batch: the newest touched ones (stocks carry forward to today). */
const MONTHS = 2;
const ALERT_STATUSES = new Set(['at_risk', 'missed']);
/** Least time between two evaluations of target statuses for alerts. */
const ALERT_MS = 3000;

export class LiveHub {
  readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private log: Stored[] = [];
  private subscribers = new Set<Subscriber>();
  private pending: Pending | null = null;
  private running: Promise<void> | null = null;
  private values = new Map<string, { value: number | null; suppressed: boolean }>();
  /** each target's last status per unit, and the data month it was judged up to */
  private statuses = new Map<string, JudgedStatus>();
  private tracked: { id: string; domain: string }[] | null = null;
  private alertUnits = new Set<string>();
  private alertTimer: ReturnType<typeof setTimeout> | null = null;
  private alertsRunning: Promise<void> | null = null;
  private lastAlerts = 0;
  private closed = false;
  /** the values' new "before", read again after an import (announce) */
  private priming: Promise<unknown> | null = null;
  private all: Scope;

  constructor(private readonly ctx: Context) {
    this.all = fullScope(ctx.units);
    ctx.unitListeners.push(() => (this.all = fullScope(ctx.units)));
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Called after each committed batch (Ingestor.onIngest). */
  notify(result: IngestResult): void {
    const p: Pending = (this.pending ??= {
      batches: [],
      population: new Map<string, Set<number>>(),
      procedures: new Map<string, Set<number>>(),
    });
    p.batches.push(result.batchId);
    for (const domain of ['population', 'procedures'] as const) {
      for (const [unit, months] of result.touched[domain]) {
        let set = p[domain].get(unit);
        if (!set) p[domain].set(unit, (set = new Set<number>()));
        for (const m of months) set.add(m);
      }
    }
    this.running ??= this.drain();
  }

  /** Waits until every notified batch is published (tests, shutdown); with alerts, their evaluation too. */
  async idle(withAlerts = false): Promise<void> {
    while (this.priming) await this.priming;
    while (this.running || (this.closed && this.alertsRunning)) await (this.running ?? this.alertsRunning);
    if (!withAlerts || this.closed) return;
    if (this.alertTimer) {
      clearTimeout(this.alertTimer);
      this.alertTimer = null;
      this.lastAlerts = 0;
      this.scheduleAlerts();
    }
    while (this.alertTimer || this.alertsRunning) await (this.alertsRunning ?? new Promise((r) => setTimeout(r, 10)));
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const work = this.pending;
        this.pending = null;
        try {
          await this.publish(work);
        } catch (err) {
          console.error(`[ioc06] live: recomputing failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async trackedIndicators(): Promise<{ id: string; domain: string }[]> {
    if (this.tracked) return this.tracked;
    const rows = (
      await this.ctx.pool.use((c) => c.runAndReadAll('SELECT DISTINCT indicator FROM targets ORDER BY indicator'))
    ).getRowObjectsJson();
    this.tracked = rows
      .map((r) => (typeof r.indicator === 'string' ? this.ctx.registry.indicators.get(r.indicator) : undefined))
      .filter((d): d is NonNullable<typeof d> => !!d && (d.domain === 'population' || d.domain === 'procedures'))
      .map((d) => ({ id: d.id, domain: d.domain }));
    return this.tracked;
  }

  /** The district (non-commune base unit) a base unit reports to, or the unit itself. */
  private districtOf(unitId: string): string {
    const u = this.ctx.units.get(unitId);
    return u?.level === 'commune' && u.parent_id ? u.parent_id : unitId;
  }

  /** Current values of an indicator for a district's communes and the district, for a month. */
  private async compute(indicator: string, district: string, month: string): Promise<LiveChange[]> {
    const opts = { id: indicator, from: month, to: month, filters: {}, scope: this.all };
    const [children, total] = await Promise.all([
      this.ctx.indicators.run({ ...opts, unit: district, by: 'unit' }),
      this.ctx.indicators.run({ ...opts, unit: district, by: 'month' }),
    ]);
    return [...children.rows, ...total.rows.map((r) => ({ ...r, unit: district }))].map((r) => ({
      unit: r.unit,
      indicator,
      period: month,
      value: r.value,
      previous: null,
      suppressed: r.suppressed,
    }));
  }

  /** Remembers today's values and target statuses without publishing (so the first batch has a "before"). */
  async prime(): Promise<void> {
    const tracked = await this.trackedIndicators();
    const districts = this.ctx.units.units.filter((u) => u.level !== 'commune' && u.is_base);
    for (const d of districts) {
      for (const t of tracked) {
        if (this.closed) return;
        const month = this.ctx.indicators.range(this.ctx.indicators.indicator(t.id)).to;
        for (const c of await this.compute(t.id, d.unit_id, month))
          this.values.set(`${c.unit}|${c.indicator}|${c.period}`, { value: c.value, suppressed: c.suppressed });
      }
      for (const unit of [
        d.unit_id,
        ...this.ctx.units
          .children(d.unit_id)
          .filter((c) => c.is_base)
          .map((c) => c.unit_id),
      ]) {
        if (this.closed) return;
        for (const t of await this.ctx.targets.forUnit(unit, this.all))
          this.statuses.set(`${unit}|${t.target_id}`, judged(t));
      }
    }
  }

  private async publish(work: Pending): Promise<void> {
    const tracked = await this.trackedIndicators();
    const changes: LiveChange[] = [];
    const touchedUnits = new Set<string>();
    for (const t of tracked) {
      const touched = t.domain === 'population' ? work.population : work.procedures;
      // district → months to recompute (the newest MONTHS touched by any of its units)
      const byDistrict = new Map<string, Set<number>>();
      for (const [unit, months] of touched) {
        touchedUnits.add(unit);
        const d = this.districtOf(unit);
        const set = byDistrict.get(d) ?? new Set<number>();
        for (const m of months) set.add(m);
        byDistrict.set(d, set);
      }
      for (const [district, months] of byDistrict) {
        const newest = [...months].sort((a, b) => b - a).slice(0, MONTHS);
        for (const m of newest) {
          const month = monthStart(m).slice(0, 7);
          for (const c of await this.compute(t.id, district, month)) {
            const key = `${c.unit}|${c.indicator}|${c.period}`;
            const before = this.values.get(key);
            this.values.set(key, { value: c.value, suppressed: c.suppressed });
            if (before && before.value === c.value && before.suppressed === c.suppressed) continue;
            changes.push({ ...c, previous: before?.value ?? null });
          }
        }
      }
    }
    this.emit(this.message(work.batches, changes, []));
    for (const u of touchedUnits) this.alertUnits.add(u);
    this.scheduleAlerts();
  }

  private message(batches: number[], changes: LiveChange[], alerts: LiveAlert[], work: LiveWork[] = []): LiveMessage {
    const meta = this.ctx.info;
    return {
      at: new Date().toISOString(),
      batches,
      data_version: meta.dataVersion,
      data_date: Object.values(meta.dataDates).sort().at(-1) ?? '',
      changes,
      alerts,
      work,
    };
  }

  /**
   * A directive or a task whose status changed (server/routes/work.ts): one message with no values, sent to the
   * streams whose scope reads its unit in detail (a commune never hears of another's work, the district of all).
   */
  publishWork(work: LiveWork): void {
    if (this.closed) return;
    this.emit(this.message([], [], [], [work]));
  }

  /**
   * Target statuses are re-evaluated at most every ALERT_MS (each evaluation reads every target's
   * monthly series): alerts may come a few seconds after the values, the values are not held back.
   */
  private scheduleAlerts(): void {
    if (this.alertTimer || this.alertsRunning || this.closed) return;
    const wait = Math.max(0, this.lastAlerts + ALERT_MS - Date.now());
    this.alertTimer = setTimeout(() => {
      this.alertTimer = null;
      const units = this.alertUnits;
      this.alertUnits = new Set();
      this.lastAlerts = Date.now();
      this.alertsRunning = this.alerts(units)
        .then((alerts) => {
          if (alerts.length > 0) this.emit(this.message([], [], alerts));
        })
        .catch((err: unknown) =>
          console.error(`[ioc06] live: target alerts failed: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => {
          this.alertsRunning = null;
          if (this.alertUnits.size > 0 && !this.closed) this.scheduleAlerts();
        });
    }, wait);
    this.alertTimer.unref?.();
  }

  /**
   * Targets of the touched communes and their districts that crossed into at_risk or missed: the statuses
   * of /api/targets (one outlook, server/targets/outlook.ts: a live target's forecast at its deadline decides).
   * Like is compared with like: a status is set against the last one judged up to the same data month. When
   * the data month moves on (the first events of a new month), the new month holds a few days against the
   * full months before it: its statuses become the new "before" without an alert, except a deadline that
   * has now passed (decided on its own month's value, which is complete).
   */
  private async alerts(touchedUnits: Set<string>): Promise<LiveAlert[]> {
    const units = new Set<string>();
    for (const u of touchedUnits) {
      units.add(u);
      units.add(this.districtOf(u));
    }
    const out: LiveAlert[] = [];
    for (const unit of units) {
      const name = this.ctx.units.get(unit)?.name ?? unit;
      for (const t of await this.ctx.targets.forUnit(unit, this.all)) {
        const key = `${unit}|${t.target_id}`;
        const before = this.statuses.get(key);
        const now = judged(t);
        this.statuses.set(key, now);
        if (!before || before.status === now.status || !ALERT_STATUSES.has(now.status)) continue;
        if (before.month !== now.month && t.method !== 'deadline_passed') continue;
        out.push({
          unit,
          unit_name: name,
          target_id: t.target_id,
          indicator: t.indicator,
          status: t.status,
          previous_status: before.status,
          value: t.value ?? null,
        });
      }
    }
    return out;
  }

  private emit(message: LiveMessage): void {
    const seq = ++this.seq;
    this.log.push({ seq, message });
    if (this.log.length > KEEP) this.log.splice(0, this.log.length - KEEP);
    const id = `${this.boot}.${seq}`;
    const byScope = new Map<Scope, string | null>();
    for (const s of this.subscribers) {
      let data = byScope.get(s.scope);
      if (data === undefined) byScope.set(s.scope, (data = this.payload(message, s.scope)));
      if (data !== null && !s.send(id, 'changes', data)) this.drop(s);
    }
  }

  /**
   * Everyone reloads: an import or its undo changed data wholesale, beyond what `changes` can say. Kept in the
   * log like a message, so a client that missed it gets it on reconnection. Last published values are forgotten.
   */
  announce(reset: DataReset): void {
    this.values.clear();
    this.statuses.clear();
    this.tracked = null;
    // the new "before" of the next batch (without it, every value would be news and every status an alert)
    this.priming = this.prime()
      .catch((err: unknown) =>
        console.error(`[ioc06] live: priming failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => (this.priming = null));
    const seq = ++this.seq;
    const data = JSON.stringify(reset);
    const message: LiveMessage = {
      at: new Date().toISOString(),
      batches: [],
      data_version: reset.data_version,
      data_date: reset.data_date,
      changes: [],
      alerts: [],
      work: [],
    };
    this.log.push({ seq, message, reset: data });
    if (this.log.length > KEEP) this.log.splice(0, this.log.length - KEEP);
    for (const s of this.subscribers) if (!s.send(`${this.boot}.${seq}`, 'reset', data)) this.drop(s);
  }

  /** A message's JSON for a scope; null for a work change of a unit the scope does not read (nothing is sent). */
  private payload(message: LiveMessage, scope: Scope): string | null {
    const m = this.forScope(message, scope);
    const workOnly = message.work.length > 0 && message.changes.length === 0 && message.alerts.length === 0;
    return workOnly && m.work.length === 0 ? null : JSON.stringify(m);
  }

  /**
   * A message with only the units the scope may see (in detail, or as a total one level above); work only of the
   * units it reads in detail.
   */
  private forScope(message: LiveMessage, scope: Scope): LiveMessage {
    // a scope holding every base unit sees every unit that has data
    if (scope === this.all || scope.size >= this.all.size) return message;
    const visible = (unit: string) => canSee(this.ctx.units, scope, unit);
    return {
      ...message,
      changes: message.changes.filter((c) => visible(c.unit)),
      alerts: message.alerts.filter((a) => visible(a.unit)),
      work: message.work.filter((w) => inDetail(this.ctx.units, scope, w.unit)),
    };
  }

  /**
   * Adds a stream; replays what it missed after `lastEventId` (same boot, still kept), or sends `reset`
   * when that cannot be done (the client then reloads everything).
   */
  subscribe(s: Subscriber, lastEventId?: string): () => void {
    if (lastEventId) {
      const [boot, seqText] = lastEventId.split('.');
      const seq = Number(seqText);
      const first = this.log[0]?.seq ?? this.seq + 1;
      if (boot !== this.boot || !Number.isInteger(seq) || seq > this.seq || seq < first - 1) {
        s.send(
          `${this.boot}.${this.seq}`,
          'reset',
          JSON.stringify({ reason: boot !== this.boot ? 'restarted' : 'too_old' }),
        );
      } else {
        for (const st of this.log) {
          if (st.seq <= seq) continue;
          const data = st.reset ?? this.payload(st.message, s.scope);
          if (data !== null) s.send(`${this.boot}.${st.seq}`, st.reset ? 'reset' : 'changes', data);
        }
      }
    }
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  private drop(s: Subscriber): void {
    this.subscribers.delete(s);
    s.close();
  }

  /** Ends every stream (clients reconnect and resume). */
  disconnectAll(): void {
    for (const s of this.subscribers) s.close();
    this.subscribers.clear();
  }

  /** Ends every stream and stops alert evaluation (server shutdown). */
  closeAll(): void {
    this.closed = true;
    if (this.alertTimer) clearTimeout(this.alertTimer);
    this.alertTimer = null;
    this.alertUnits.clear();
    this.disconnectAll();
  }

  /** The id of the newest message, for a client's first connection. */
  get lastId(): string {
    return `${this.boot}.${this.seq}`;
  }
}
