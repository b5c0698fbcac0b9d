// The live hub's target alerts (server/live/hub.ts) compare like with like: a status is set against the last one
// judged up to the same data month. The first events of a new month (a month of one day against the full months
// before it) give the new "before" without an alert; later changes within that month alert as usual; a deadline that
// has now passed (decided on its own, complete month) alerts across the month boundary. Pins issue 17's "alerts do
// not compare a 4-day month with a full one". The hub runs on a stand-in context: statuses are set by hand here.
import { describe, expect, it } from 'vitest';
import type { IngestResult } from '../../data/pipeline/events/apply.ts';
import type { Context } from '../../server/context.ts';
import type { LiveAlert } from '../../server/contracts/events.ts';
import { makeScope } from '../../server/auth/scope.ts';
import { LiveHub } from '../../server/live/hub.ts';

const COMMUNE = '10633';
const DISTRICT = '291';
const UNITS = [
  { unit_id: DISTRICT, name: 'Huyện Nam Sách', level: 'district', parent_id: null, is_base: true },
  { unit_id: COMMUNE, name: 'Xã Nam Trung', level: 'commune', parent_id: DISTRICT, is_base: true },
];

interface Judged {
  status: string;
  method: string;
  data_date: string;
}

/** A context holding only what the hub reads; `now` is what /api/targets would answer for every unit. */
function fakeContext(now: { targets: Record<string, Judged> }) {
  const unitsById = new Map(UNITS.map((u) => [u.unit_id, u]));
  const directory = {
    units: UNITS,
    get: (id: string) => unitsById.get(id),
    children: (id: string) => UNITS.filter((u) => u.parent_id === id),
    baseIds: () => UNITS.map((u) => u.unit_id),
    members: (id: string) => (id === DISTRICT ? [DISTRICT, COMMUNE] : [id]),
  };
  const ctx = {
    units: directory,
    unitListeners: [],
    info: { dataVersion: 1, dataDates: { population: '2026-11-30' } },
    pool: {
      use: async (fn: (c: unknown) => unknown) =>
        fn({ runAndReadAll: async () => ({ getRowObjectsJson: () => [{ indicator: 'pct_x' }] }) }),
    },
    registry: { indicators: new Map([['pct_x', { id: 'pct_x', domain: 'population' }]]) },
    indicators: { run: async () => ({ rows: [] }) },
    targets: {
      forUnit: async () =>
        Object.entries(now.targets).map(([target_id, t]) => ({
          target_id,
          indicator: 'pct_x',
          value: 50,
          ...t,
        })),
    },
  };
  return ctx as unknown as Context;
}

let batch = 0;
/** A batch of population events of the commune, in a cube month (its index does not matter to the hub's alerts). */
const result = (): IngestResult => ({
  accepted: 1,
  duplicates: 0,
  batchId: ++batch,
  dataVersion: batch,
  dataDate: '',
  newest: {},
  touched: { population: new Map([[COMMUNE, new Set([60])]]), procedures: new Map() },
});

/** Runs the hub through a sequence of answers of /api/targets, one batch each; the alerts pushed after each. */
async function run(steps: Record<string, Judged>[]): Promise<LiveAlert[][]> {
  const now = { targets: steps[0] };
  const hub = new LiveHub(fakeContext(now));
  const got: LiveAlert[] = [];
  hub.subscribe({
    scope: makeScope(UNITS.map((u) => u.unit_id)),
    send: (_id, _event, data) => (got.push(...(JSON.parse(data).alerts as LiveAlert[])), true),
    close: () => undefined,
  });
  const out: LiveAlert[][] = [];
  for (const step of steps) {
    now.targets = step;
    const before = got.length;
    hub.notify(result());
    await hub.idle(true);
    out.push(got.slice(before));
  }
  hub.closeAll();
  return out;
}

const live = (status: string, day: string): Judged => ({ status, method: 'damped_logit', data_date: day });
/** The commune's alerts of each step, as "target status (previous)". */
const said = (steps: LiveAlert[][]) =>
  steps.map((alerts) =>
    alerts.filter((a) => a.unit === COMMUNE).map((a) => `${a.target_id} ${a.status} (${a.previous_status})`),
  );

describe('live target alerts compare statuses judged up to the same data month', () => {
  it('gives no alert when a status changes only because a new month of one day began', async () => {
    const steps = await run([
      { A20: live('on_track', '2026-11-30') },
      // the first events of December: the 12-month window now ends in a month of one day
      { A20: live('at_risk', '2026-12-01') },
    ]);
    expect(said(steps)).toEqual([[], []]);
  });

  it('alerts on a change within the month in progress (same data month on both sides)', async () => {
    const steps = await run([
      { A20: live('on_track', '2026-11-30') },
      { A20: live('at_risk', '2026-12-01') },
      { A20: live('on_track', '2026-12-03') },
      { A20: live('at_risk', '2026-12-04') },
    ]);
    expect(said(steps)).toEqual([[], [], [], ['A20 at_risk (on_track)']]);
  });

  it('alerts on a change within a complete month as before', async () => {
    const steps = await run([{ A20: live('on_track', '2026-11-20') }, { A20: live('at_risk', '2026-11-21') }]);
    expect(said(steps)).toEqual([[], ['A20 at_risk (on_track)']]);
  });

  it('alerts on a deadline passed with the new month (decided on its own month, which is complete)', async () => {
    const steps = await run([
      { A20: live('at_risk', '2026-12-31'), C04: live('on_track', '2026-12-31') },
      {
        A20: { status: 'missed', method: 'deadline_passed', data_date: '2027-01-01' },
        C04: live('at_risk', '2027-01-01'),
      },
    ]);
    expect(said(steps)).toEqual([[], ['A20 missed (at_risk)']]);
  });
});
