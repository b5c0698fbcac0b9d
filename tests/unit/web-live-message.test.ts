// Reading the `changes` messages of GET /api/live: the contract's shape kept, bad entries dropped.
import { describe, expect, it } from 'vitest';
import { parseLiveMessage } from '../../web/src/live/live-message.ts';

const change = {
  unit: '10633',
  indicator: 'pct_vneid_level2',
  period: '2026-05',
  value: 71.3,
  previous: 71.2,
  suppressed: false,
};
const alert = {
  unit: '10633',
  unit_name: 'Xã Nam Trung',
  target_id: 'CT07',
  indicator: 'pct_vneid_level2',
  status: 'at_risk',
  previous_status: 'on_track',
  value: 71.3,
};
const message = (extra: object = {}) =>
  JSON.stringify({
    at: '2026-05-20T03:04:05.000Z',
    batches: [4],
    data_version: 7,
    data_date: '2026-05-20',
    changes: [change],
    alerts: [alert],
    ...extra,
  });

describe('parseLiveMessage', () => {
  it('reads a message of the contract as it is', () => {
    expect(parseLiveMessage(message())).toEqual({
      at: '2026-05-20T03:04:05.000Z',
      batches: [4],
      data_version: 7,
      data_date: '2026-05-20',
      changes: [change],
      alerts: [alert],
      // a message from before issue 21 has no work items: read as none
      work: [],
    });
  });

  it.each([
    ['not JSON', 'ping'],
    ['an array', '[]'],
    ['null', 'null'],
    ['no time', JSON.stringify({ changes: [] })],
    ['a time that is not one', message({ at: 'yesterday' })],
  ])('refuses %s', (_, data) => expect(parseLiveMessage(data)).toBeNull());

  it.each([
    ['a change without unit', { changes: [{ ...change, unit: '' }, change] }, 1, 1],
    ['a change with a text value', { changes: [{ ...change, value: '71' }] }, 0, 1],
    ['a change with a value that is an object', { changes: [{ ...change, value: {} }] }, 0, 1],
    ['an alert without target', { alerts: [{ ...alert, target_id: undefined }] }, 1, 0],
    ['changes that are not a list', { changes: 'x' }, 0, 1],
    ['no alerts at all', { alerts: undefined }, 1, 0],
  ])('drops %s and keeps the rest', (_, extra, changes, alerts) => {
    const m = parseLiveMessage(message(extra))!;
    expect([m.changes.length, m.alerts.length]).toEqual([changes, alerts]);
  });

  it.each([
    [
      'a hidden value with no previous one',
      { ...change, value: null, previous: undefined, suppressed: true },
      { ...change, value: null, previous: null, suppressed: true },
    ],
    ['suppressed missing: not hidden', { ...change, suppressed: undefined }, { ...change, suppressed: false }],
  ])('fills in %s', (_, raw, out) => expect(parseLiveMessage(message({ changes: [raw] }))!.changes).toEqual([out]));

  it('names an alert by its unit when the name is missing', () => {
    expect(parseLiveMessage(message({ alerts: [{ ...alert, unit_name: '' }] }))!.alerts[0].unit_name).toBe('10633');
  });
});
