// The live state: which screens a change reaches (versions per indicator and unit), the recently
// changed pairs, the feed of changes and alerts, and which items of an answer changed.
import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../web/src/live/live-message.ts';
import { REACH_UNKNOWN, reachOf, type ReachNode } from '../../web/src/live/live-reach.ts';
import {
  applyConnection,
  applyMessages,
  applyReset,
  changedKeys,
  feedFor,
  initialLive,
  MAX_ALERTS,
  pairKey,
  RECENT_MS,
  scopeVersion,
  type LiveScope,
} from '../../web/src/live/live-store.ts';

const node = (
  unit_id: string,
  parent_id: string | null,
  children: ReachNode[] = [],
  successors: string[] = [],
): ReachNode => ({
  unit_id,
  parent_id,
  children,
  successors: successors.map((s) => ({ unit_id: s })),
});
// Hải Dương (30) > Nam Sách (291) > Nam Trung (10633), An Bình (10636); An Bình merged into Trần Phú (99001) in 2025.
const TREE = [
  node('30', null, [
    node('291', '30', [node('10633', '291'), node('10636', '291', [], ['99001'])]),
    node('99001', '30'),
  ]),
];
const reach = reachOf(TREE);

const msg = (
  changes: [string, string][],
  at = '2026-05-20T03:00:00Z',
  alerts: [string, string, string][] = [],
): LiveMessage => ({
  at,
  batches: [1],
  data_version: 2,
  data_date: '2026-05-20',
  changes: changes.map(([unit, indicator]) => ({
    unit,
    indicator,
    period: '2026-05',
    value: 50,
    previous: 49,
    suppressed: false,
  })),
  alerts: alerts.map(([unit, target_id, status]) => ({
    unit,
    unit_name: `Xã ${unit}`,
    target_id,
    indicator: 'pct_vneid_level2',
    status,
    previous_status: 'on_track',
    value: 50,
  })),
  work: [],
});

describe('reachOf', () => {
  it.each([
    ['a commune reaches its district and province', '10633', ['10633', '291', '30']],
    ['a merged commune reaches what it became, too', '10636', ['10636', '291', '99001', '30']],
    ['a district reaches its province', '291', ['291', '30']],
  ])('%s', (_, unit, out) => expect([...reach(unit)!].sort()).toEqual([...out].sort()));

  it('knows nothing of a unit outside the tree', () => expect(reach('777')).toBeNull());
});

describe('scope versions', () => {
  const before = initialLive();
  const after = applyMessages(before, [msg([['10633', 'pct_vneid_level2']])], reach, 1000);
  it.each<[string, LiveScope, boolean]>([
    ['the whole app', {}, true],
    ['the indicator anywhere (a map)', { indicators: ['pct_vneid_level2'] }, true],
    ['the commune', { units: ['10633'] }, true],
    ['its district (an aggregate)', { units: ['291'] }, true],
    ['the province', { indicators: ['pct_vneid_level2'], units: ['30'] }, true],
    ['a neighbour commune', { units: ['10636'] }, false],
    ['another indicator of the commune', { indicators: ['pct_online_dossiers'], units: ['10633'] }, false],
    ['no indicator at all', { indicators: [] }, false],
  ])('a change of Nam Trung reaches %s: %s', (_, scope, moves) => {
    expect(scopeVersion(after, scope) !== scopeVersion(before, scope)).toBe(moves);
  });

  it.each<[string, LiveScope, boolean]>([
    [
      'a screen of the same domain in the commune (births: never sent, changed by the same events)',
      { domains: ['population'], units: ['10633'] },
      true,
    ],
    ['a screen of the same domain elsewhere', { domains: ['population'], units: ['10636'] }, false],
    ['a screen of another domain', { domains: ['procedures'] }, false],
    [
      'a screen of another domain that also shows the indicator',
      { indicators: ['pct_vneid_level2'], domains: ['procedures'] },
      true,
    ],
  ])('with the catalogue known, a change of Nam Trung reaches %s: %s', (_, scope, moves) => {
    const domainOf = (id: string) => (id === 'pct_vneid_level2' ? 'population' : 'procedures');
    const s = applyMessages(before, [msg([['10633', 'pct_vneid_level2']])], reach, 1000, domainOf);
    expect(scopeVersion(s, scope) !== scopeVersion(before, scope)).toBe(moves);
  });

  it('before the catalogue is known a change reaches every domain', () => {
    const s = applyMessages(before, [msg([['10633', 'pct_vneid_level2']])], reach, 1000);
    expect(scopeVersion(s, { domains: ['procedures'] })).not.toBe(scopeVersion(before, { domains: ['procedures'] }));
  });

  it('a change of a unit the tree does not know reaches every unit', () => {
    const s = applyMessages(before, [msg([['777', 'births']])], reach, 1000);
    expect(scopeVersion(s, { indicators: ['births'], units: ['10636'] })).not.toBe(
      scopeVersion(before, { indicators: ['births'], units: ['10636'] }),
    );
    expect(scopeVersion(s, { indicators: ['deaths'] })).toBe(scopeVersion(before, { indicators: ['deaths'] }));
  });

  it('before the tree is known every change reaches every unit', () => {
    const s = applyMessages(before, [msg([['10633', 'births']])], REACH_UNKNOWN, 1000);
    expect(scopeVersion(s, { units: ['10636'] })).not.toBe(scopeVersion(before, { units: ['10636'] }));
  });

  it('a reset moves every scope; a later unrelated change does not move it again', () => {
    const reset = applyReset(after, '2026-05-20T03:00:05Z');
    const scopes: LiveScope[] = [{}, { indicators: [] }, { units: ['10636'] }, { indicators: ['x'], units: ['1'] }];
    for (const s of scopes) expect(scopeVersion(reset, s)).not.toBe(scopeVersion(after, s));
    const later = applyMessages(reset, [msg([['10633', 'births']])], reach, 2000);
    expect(scopeVersion(later, { units: ['10636'] })).toBe(scopeVersion(reset, { units: ['10636'] }));
  });

  it('no message, no new state', () => expect(applyMessages(after, [], reach, 5000)).toBe(after));
});

describe('applyMessages', () => {
  it('keeps the newest time, the data version and the last changes and alerts, newest first', () => {
    const s = applyMessages(
      initialLive(),
      [
        msg([['10633', 'a']], '2026-05-20T03:00:00Z', [['10633', 'CT1', 'at_risk']]),
        msg([['10636', 'b']], '2026-05-20T03:00:02Z', [['10636', 'CT2', 'missed']]),
      ],
      reach,
      1000,
    );
    expect(s.updatedAt).toBe('2026-05-20T03:00:02Z');
    expect(s.dataVersion).toBe(2);
    expect(s.changes.map((c) => c.unit)).toEqual(['10636', '10633']);
    expect(s.alerts.map((a) => [a.target_id, a.status, a.at])).toEqual([
      ['CT2', 'missed', '2026-05-20T03:00:02Z'],
      ['CT1', 'at_risk', '2026-05-20T03:00:00Z'],
    ]);
  });

  it('a replayed message adds nothing twice', () => {
    const m = msg([['10633', 'a']], '2026-05-20T03:00:00Z', [['10633', 'CT1', 'at_risk']]);
    const s = applyMessages(applyMessages(initialLive(), [m], reach, 1000), [m], reach, 2000);
    expect([s.changes.length, s.alerts.length]).toEqual([1, 1]);
  });

  it(`keeps the last ${MAX_ALERTS} alerts`, () => {
    let s = initialLive();
    for (let k = 0; k < MAX_ALERTS + 7; k++)
      s = applyMessages(
        s,
        [msg([], new Date(Date.UTC(2026, 4, 20, 3, 0, k)).toISOString(), [['10633', `CT${k}`, 'missed']])],
        reach,
        k,
      );
    expect(s.alerts.length).toBe(MAX_ALERTS);
    expect(s.alerts[0].target_id).toBe(`CT${MAX_ALERTS + 6}`);
  });

  it('remembers recently changed pairs, and forgets them later', () => {
    const s1 = applyMessages(initialLive(), [msg([['10633', 'a']])], reach, 1000);
    expect(s1.recent.has(pairKey('10633', 'a'))).toBe(true);
    const s2 = applyMessages(s1, [msg([['10636', 'b']])], reach, 1000 + RECENT_MS + 1);
    expect([...s2.recent.keys()]).toEqual([pairKey('10636', 'b')]);
  });

  it('a time never goes back (a server clock behind the browser)', () => {
    const s = applyConnection(initialLive(), 'live', '2026-05-20T03:00:10Z');
    expect(applyMessages(s, [msg([['10633', 'a']], '2026-05-20T03:00:05Z')], reach, 0).updatedAt).toBe(
      '2026-05-20T03:00:10Z',
    );
  });
});

describe('applyConnection', () => {
  it.each([
    ['connecting', null],
    ['live', '2026-05-20T03:00:00Z'],
    ['down', null],
  ] as const)('%s → updated at %s', (c, at) =>
    expect(applyConnection(initialLive(), c, '2026-05-20T03:00:00Z').updatedAt).toBe(at),
  );

  it('down keeps the last time', () => {
    const live = applyConnection(initialLive(), 'live', '2026-05-20T03:00:00Z');
    expect(applyConnection(live, 'down', '2026-05-20T03:09:00Z')).toMatchObject({
      connection: 'down',
      updatedAt: '2026-05-20T03:00:00Z',
    });
  });
});

describe('feedFor', () => {
  const s = applyMessages(
    initialLive(),
    [
      msg(
        [
          ['10633', 'pct_vneid_level2'],
          ['291', 'pct_vneid_level2'],
          ['10633', 'births'],
        ],
        '2026-05-20T03:00:00Z',
        [
          ['10633', 'CT1', 'at_risk'],
          ['10636', 'CT2', 'missed'],
        ],
      ),
      msg([['10633', 'pct_vneid_level2']], '2026-05-20T03:00:05Z'),
    ],
    reach,
    0,
  );
  it.each([
    [
      'Nam Trung: its alert, its latest change of a plan indicator',
      '10633',
      ['CT1'],
      ['10633|pct_vneid_level2|03:00:05'],
    ],
    [
      'the district: every commune and itself',
      '291',
      ['CT1', 'CT2'],
      ['10633|pct_vneid_level2|03:00:05', '291|pct_vneid_level2|03:00:00'],
    ],
    ['An Bình: its alert only', '10636', ['CT2'], []],
  ])('%s', (_, unit, alerts, changes) => {
    const f = feedFor(s, reach, unit, new Set(['pct_vneid_level2']));
    expect(f.alerts.map((a) => a.target_id)).toEqual(alerts);
    expect(f.changes.map((c) => `${c.unit}|${c.indicator}|${c.at.slice(11, 19)}`)).toEqual(changes);
  });

  it('leaves hidden values out', () => {
    const hidden = applyMessages(
      initialLive(),
      [
        {
          ...msg([]),
          changes: [
            { unit: '10633', indicator: 'a', period: '2026-05', value: null, previous: null, suppressed: true },
          ],
        },
      ],
      reach,
      0,
    );
    expect(feedFor(hidden, reach, '10633', null).changes).toEqual([]);
  });
});

describe('changedKeys', () => {
  const m = (o: Record<string, unknown>) => new Map(Object.entries(o));
  it.each([
    ['a first answer flashes nothing', null, { a: 1 }, []],
    ['the same values flash nothing', { a: 1, b: '2|met' }, { a: 1, b: '2|met' }, []],
    ['a changed value flashes', { a: 1, b: 2 }, { a: 1, b: 3 }, ['b']],
    ['a value that appears flashes', { a: null }, { a: 4 }, ['a']],
    ['a new item flashes', { a: 1 }, { a: 1, c: 5 }, ['c']],
    ['a gone item does not', { a: 1, c: 5 }, { a: 1 }, []],
  ])('%s', (_, before, after, out) => expect([...changedKeys(before && m(before), m(after))]).toEqual(out));
});
