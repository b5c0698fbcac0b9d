// The leader's brief, made and delivered: one brief (content from server/briefs/content.ts, its summary from
// text.ts, the Decree 30 document from html.ts printed by the shared Chromium), kept in the store, audited, and
// e-mailed when SMTP is configured; and the scheduler inside the server. The scheduler looks at every active
// schedule each tick (and at once when the server starts): the latest slot at or before now that is after the
// schedule's last slot is due (slots.ts dueSlot: after a downtime it catches up once, not once per missed slot). A
// slot is claimed in the store (brief_runs, keyed by schedule and slot) before its brief is made, and a scheduled
// brief's id is derived from its schedule and slot: a slot is never made twice, whatever restarts, and a brief is
// never queued for the same address twice. A failed generation is tried again (MAX_RUN_ATTEMPTS), a run left by a
// server that stopped mid-way too. Briefs are made one at a time.
import { createHash, randomBytes } from 'node:crypto';
import type { BriefPeriod, BriefSummary, Delivery, Schedule } from '../contracts/briefs.ts';
import type { Context } from '../context.ts';
import { inDetail, scopeOfUnit } from '../auth/scope.ts';
import { existsSync } from 'node:fs';
import { ChromiumMissingError, type SharedRenderer } from '../export/render.ts';
import { gatherBrief } from './content.ts';
import { BRIEF_MARGIN, briefFooter, briefHtml } from './html.ts';
import { summarize } from './text.ts';
import { dueSlot, nextSlot, previousPeriod, reportedPeriod, slotLabel, vnDate, vnParts } from './slots.ts';
import { BriefStore, type Run, type StoredBrief, type StoredSchedule } from './store.ts';
import { DeliveryRunner, DeliveryStore, type DeliveryRecord } from './deliveries.ts';
import { createMailer, type MailConfig, type Mailer } from './mail.ts';

/** A generation is tried this many times in all (a busy Chromium, a store error). */
export const MAX_RUN_ATTEMPTS = 3;
/** A run still 'running' this long after it was taken was left by a server that stopped: taken again. */
const STALE_RUN_MS = 10 * 60_000;
/** A failed generation is tried again after this long (a busy Chromium, a store error). */
const RETRY_RUN_MS = 5 * 60_000;
/** How often the scheduler looks (IOC_BRIEF_TICK_MS). */
export const DEFAULT_TICK_MS = 30_000;

export class BriefBusyError extends Error {}

interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BriefServiceOptions {
  renderer: SharedRenderer;
  /** the Chromium the renderer runs: a brief is refused at once, before any query, when it is missing */
  chromiumPath: string;
  mail: MailConfig | null;
  /** the address readers open the IOC at (the mail's link), e.g. https://ioc.namtrung.gov.vn; null: no link */
  publicUrl: string | null;
  log: Log;
  tickMs?: number;
  /** the clock (tests move it) */
  now?: () => Date;
  /** a mailer instead of the one made from `mail` (tests) */
  mailer?: Mailer;
}

export interface MakeRequest {
  unit: string;
  period: BriefPeriod;
  lang: 'vi' | 'en';
  /** who it is made for */
  account: string;
  schedule?: string;
  slot?: string;
}

const iso = (d: Date) => d.toISOString();

/** A scheduled brief's id: the same schedule and slot give the same id. */
export const scheduledId = (schedule: string, slot: string): string =>
  `b${createHash('sha256').update(`${schedule}|${slot}`).digest('hex').slice(0, 20)}`;

export class BriefService {
  readonly store: BriefStore;
  readonly deliveries: DeliveryStore;
  private readonly mailer: Mailer | null;
  private readonly runner: DeliveryRunner | null;
  private line: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  readonly now: () => Date;

  constructor(
    private readonly ctx: Context,
    private readonly opts: BriefServiceOptions,
  ) {
    this.store = new BriefStore(ctx.pool);
    this.deliveries = new DeliveryStore(ctx.pool);
    this.now = opts.now ?? (() => new Date());
    this.mailer = opts.mailer ?? (opts.mail ? createMailer(opts.mail) : null);
    this.runner = this.mailer
      ? new DeliveryRunner(this.deliveries, this.mailer, (id) => this.message(id), {
          onResult: (d) => this.auditDelivery(d),
        })
      : null;
  }

  /** Makes a brief now (one at a time: a second waits for the first). */
  make(req: MakeRequest): Promise<StoredBrief> {
    if (!existsSync(this.opts.chromiumPath))
      return Promise.reject(new ChromiumMissingError(`${this.opts.chromiumPath} is missing`));
    const job = this.line.then(() => this.build(req));
    this.line = job.catch(() => undefined);
    return job;
  }

  private async build(req: MakeRequest): Promise<StoredBrief> {
    const { ctx } = this;
    const started = this.now();
    const id = req.schedule && req.slot ? scheduledId(req.schedule, req.slot) : `b${randomBytes(10).toString('hex')}`;
    const existing = req.schedule ? await this.store.get(id) : null;
    if (existing) return existing;
    const content = await gatherBrief(ctx, req.unit, req.period, previousPeriod(req.period));
    const summary = summarize(content, req.lang);
    const year = vnParts(started).y;
    const number = await this.store.nextNumber(req.unit, vnDate(year, 1, 1), vnDate(year + 1, 1, 1));
    const unit = ctx.units.get(req.unit);
    const parent = unit?.parent_id ? ctx.units.get(unit.parent_id) : undefined;
    const html = briefHtml({
      content,
      lang: req.lang,
      number,
      date: started,
      summary,
      names: { unit_en: unit?.name_en ?? null, parent_en: parent?.name_en ?? null },
    });
    const pdf = await this.opts.renderer.renderDocument({
      html,
      margin: BRIEF_MARGIN,
      footerTemplate: briefFooter(req.lang),
      lang: req.lang,
    });
    if (!pdf) throw new BriefBusyError('the PDF renderer is busy');
    const brief: StoredBrief = {
      id,
      unit: req.unit,
      kind: req.period.kind,
      period: req.period.id,
      lang: req.lang,
      number,
      created_at: iso(this.now()),
      data_date: content.data_date,
      data_version: content.data_version,
      account: req.account,
      schedule: req.schedule ?? null,
      slot: req.slot ?? null,
      bytes: pdf.length,
      summary,
      content,
    };
    const fresh = await this.store.insert(brief, pdf);
    if (!fresh) return (await this.store.get(id))!;
    const units = [req.unit, ...content.lagging.map((l) => l.unit)];
    await ctx.audit
      .append({
        account: req.account,
        role: ctx.auth.get(req.account)?.role ?? null,
        ip: null,
        action: 'brief_create',
        method: null,
        route: req.schedule ? 'scheduler' : 'POST /api/briefs',
        params: JSON.stringify({ unit: req.unit, period: req.period.id, lang: req.lang, schedule: req.schedule }),
        units: [...new Set(units)],
        rows: content.targets.length + content.figures.length + content.lagging.length,
        status: 201,
        format: 'pdf',
        bytes: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        detail: `${id} ${number}`,
      })
      .catch((err: unknown) => this.opts.log.error({ err }, 'audit record of a brief not written'));
    return brief;
  }

  /** The brief as the API lists it, with its deliveries. */
  summaryOf(b: StoredBrief, deliveries: DeliveryRecord[]): BriefSummary {
    return {
      id: b.id,
      unit: b.unit,
      unit_name: b.content.unit_name,
      period: b.content.period,
      lang: b.lang,
      number: b.number,
      created_at: b.created_at,
      data_date: b.data_date,
      data_version: b.data_version,
      account: b.account,
      schedule: b.schedule,
      slot: b.slot,
      bytes: b.bytes,
      summary: b.summary,
      deliveries: deliveries.filter((d) => d.brief === b.id).map((d) => this.deliveryOf(d, b)),
    };
  }

  deliveryOf(d: DeliveryRecord, b: Pick<StoredBrief, 'content' | 'lang'> | null): Delivery {
    const label = b ? (b.lang === 'en' ? b.content.period.label_en : b.content.period.label_vi) : '';
    return { ...d, unit_name: b?.content.unit_name ?? '', period_label: label };
  }

  scheduleOf(s: StoredSchedule, run: Run | undefined): Schedule {
    const spec = { kind: s.kind, weekday: s.weekday, day: s.day, time: s.time };
    return {
      ...s,
      last_run: run
        ? { slot: run.slot, state: run.state, brief: run.brief, error: run.error, attempts: Number(run.attempts) }
        : null,
      unit_name: this.ctx.units.get(s.unit)?.name ?? s.unit,
      next_slot: s.active ? iso(nextSlot(spec, this.now())) : null,
      label_vi: slotLabel(spec, 'vi'),
      label_en: slotLabel(spec, 'en'),
    };
  }

  /** The mail of a brief: subject, text with the summary and a link, the PDF attached. */
  private async message(id: string) {
    const b = await this.store.get(id);
    const pdf = b && (await this.store.pdf(id));
    if (!b || !pdf) return null;
    const en = b.lang === 'en';
    const period = en ? b.content.period.label_en : b.content.period.label_vi;
    const link = this.opts.publicUrl ? `${this.opts.publicUrl.replace(/\/+$/, '')}/briefs?brief=${b.id}` : null;
    const subject = en
      ? `Report ${period}: ${b.content.unit_name} (${b.number})`
      : `Báo cáo ${period}: ${b.content.unit_name} (${b.number})`;
    const text = [
      subject,
      '',
      b.summary,
      '',
      en ? 'The report is attached as a PDF.' : 'Báo cáo đầy đủ ở tệp PDF đính kèm.',
      ...(link ? [en ? `Open it in the IOC: ${link}` : `Xem trên hệ thống IOC: ${link}`] : []),
      '',
      en
        ? 'Sent by the IOC because you subscribed to this report (Scheduled briefs).'
        : 'Thư do hệ thống IOC gửi theo đăng ký nhận báo cáo của bạn (mục Báo cáo định kỳ).',
    ].join('\n');
    return {
      subject,
      text,
      attachments: [
        {
          filename: `bao-cao-${b.unit}-${b.period}.pdf`,
          content: Buffer.from(pdf),
          contentType: 'application/pdf',
        },
      ],
    };
  }

  private async auditDelivery(d: DeliveryRecord): Promise<void> {
    const b = await this.store.get(d.brief).catch(() => null);
    await this.ctx.audit
      .append({
        account: d.account,
        role: this.ctx.auth.get(d.account)?.role ?? null,
        ip: null,
        action: d.state === 'sent' ? 'brief_delivery' : 'brief_delivery_failed',
        method: null,
        route: 'scheduler',
        params: JSON.stringify({ brief: d.brief, attempts: d.attempts }),
        units: b ? [b.unit] : [],
        rows: null,
        status: null,
        format: 'pdf',
        bytes: b?.bytes ?? null,
        sha256: null,
        // the address is the account's own choice; the log keeps it with the outcome
        detail: `${d.to} ${d.state}${d.last_error ? `: ${d.last_error}` : ''}`,
      })
      .catch((err: unknown) => this.opts.log.error({ err }, 'audit record of a delivery not written'));
  }

  /** The unit a schedule's subscriber may still read in detail, or why not. */
  private subscriberMay(s: StoredSchedule): string | null {
    const account = this.ctx.auth.get(s.account);
    // kept as one text in both languages: the screen shows it as it is
    if (!account || !account.active)
      return `tài khoản ${s.account} không còn hoặc đã bị khoá / account ${s.account} is gone or disabled`;
    const name = this.ctx.units.get(s.unit)?.name ?? s.unit;
    if (!inDetail(this.ctx.units, scopeOfUnit(this.ctx.units, account.unit_id), s.unit))
      return `${name} nằm ngoài phạm vi của tài khoản ${s.account} / ${name} is outside the scope of ${s.account}`;
    return null;
  }

  /** Runs one scheduled slot (claimed already). */
  private async runSlot(s: StoredSchedule, slot: string): Promise<void> {
    const refused = this.subscriberMay(s);
    try {
      if (refused) throw new Error(refused);
      const period = reportedPeriod(s.kind, new Date(slot));
      const brief = await this.make({
        unit: s.unit,
        period,
        lang: s.lang,
        account: s.account,
        schedule: s.id,
        slot,
      });
      if (s.email && this.mailer) {
        const queued = await this.deliveries.listForBriefs([brief.id]);
        if (!queued.some((d) => d.to === s.email))
          await this.deliveries.enqueue(brief.id, s.email, s.account, this.now());
      }
      await this.store.finishRun(s.id, slot, { brief: brief.id }, iso(this.now()));
      this.opts.log.info({ schedule: s.id, slot, brief: brief.id }, 'brief made');
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.store.finishRun(s.id, slot, { error }, iso(this.now()));
      this.opts.log.warn({ schedule: s.id, slot, error }, 'brief not made');
    }
  }

  /** One look at the schedules: due slots, runs to try again, then mail. */
  tick(): Promise<void> {
    this.ticking ??= this.look().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async look(): Promise<void> {
    const now = this.now();
    for (const s of await this.store.schedules()) {
      if (this.stopped) return;
      if (!s.active) continue;
      const spec = { kind: s.kind, weekday: s.weekday, day: s.day, time: s.time };
      const slot = dueSlot(spec, s.last_slot ? new Date(s.last_slot) : null, new Date(s.created_at), now);
      if (!slot) continue;
      const key = iso(slot);
      const mine = await this.store.claim(s.id, key, iso(now));
      await this.store.setLastSlot(s.id, key);
      if (mine) await this.runSlot(s, key);
    }
    const before = (ms: number) => iso(new Date(now.getTime() - ms));
    for (const run of await this.store.retryable(MAX_RUN_ATTEMPTS, before(RETRY_RUN_MS), before(STALE_RUN_MS))) {
      if (this.stopped) return;
      const s = await this.store.schedule(run.schedule);
      if (!s || !s.active) continue;
      if (await this.store.retake(run, iso(now))) await this.runSlot(s, run.slot);
    }
    if (this.runner && !this.stopped) await this.runner.run(this.now());
  }

  /** Starts the scheduler: a first look now (catching up after a downtime), then every tickMs. */
  start(): void {
    const every = this.opts.tickMs ?? DEFAULT_TICK_MS;
    const run = () =>
      void this.tick().catch((err: unknown) => this.opts.log.error({ err }, 'brief scheduler tick failed'));
    run();
    this.timer = setInterval(run, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
    await this.line.catch(() => undefined);
    this.mailer?.close();
  }
}
