// Briefs for tests that need one without Chromium (the authorization matrix, the fuzzing): a brief kept straight in
// the store with a small content about one unit and a stand-in PDF, and a delivery of it waiting to be sent.
import type { FastifyInstance } from 'fastify';
import type { BriefContent } from '../../server/contracts/briefs.ts';
import { parsePeriodId, previousPeriod } from '../../server/briefs/slots.ts';

let serial = 0;

/** Keeps a brief about `unit` for `account` and returns its id. */
export async function keepBrief(app: FastifyInstance, unit: string, account = 'tests'): Promise<string> {
  const period = parsePeriodId('2022-11');
  const name = app.ctx.units.get(unit)?.name ?? unit;
  const content: BriefContent = {
    unit,
    unit_name: name,
    level: app.ctx.units.get(unit)?.level ?? 'commune',
    parent_name: null,
    period,
    previous_period: previousPeriod(period),
    data_date: '2022-12-31',
    data_version: 1,
    generated: true,
    disclosure: 'cellkey',
    min_cell: 5,
    targets: [],
    lagging: [],
    index766: null,
    figures: [],
  };
  const id = `btest${process.pid}x${++serial}`;
  const pdf = Buffer.from('%PDF-1.4\n% a stand-in\n%%EOF\n');
  await app.briefs.store.insert(
    {
      id,
      unit,
      kind: 'month',
      period: period.id,
      lang: 'vi',
      number: `${serial}/BC-IOC`,
      created_at: new Date().toISOString(),
      data_date: content.data_date,
      data_version: 1,
      account,
      schedule: null,
      slot: null,
      bytes: pdf.length,
      summary: `Báo cáo thử của ${name}.`,
      content,
    },
    pdf,
  );
  return id;
}

/** A delivery of a new brief about `unit`, waiting (pending), and its id. */
export async function waitingDelivery(app: FastifyInstance, unit: string): Promise<string> {
  const brief = await keepBrief(app, unit);
  const d = await app.briefs.deliveries.enqueue(brief, `nguoinhan${++serial}@example.vn`, 'tests', new Date());
  return d.id;
}

/** A subscription of `account` to `unit`'s weekly brief, kept straight in the store; its id. */
export async function keepSchedule(app: FastifyInstance, account: string, unit: string): Promise<string> {
  const id = `stest${process.pid}x${++serial}`;
  await app.briefs.store.insertSchedule({
    id,
    account,
    unit,
    kind: 'week',
    weekday: 1,
    day: null,
    time: '07:00',
    lang: 'vi',
    email: null,
    active: true,
    created_by: account,
    created_at: new Date().toISOString(),
    last_slot: null,
  });
  return id;
}

/** Ends every subscription of `account`. */
export async function endSchedules(app: FastifyInstance, account: string): Promise<void> {
  for (const s of await app.briefs.store.schedules())
    if (s.account === account) await app.briefs.store.end(s.id, new Date().toISOString());
}
