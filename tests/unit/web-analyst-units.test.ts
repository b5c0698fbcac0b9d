// The unit picker's groups (components/unit-search.ts): today's units first, then those that ended, newest
// first, under the day they ended ("Trước 2025" for the communes merged on 1/1/2025); no name twice in a group.
// The tree is the shape /api/units sends for the district leader of the demo (cut down).
import { describe, expect, it } from 'vitest';
import { flattenUnits, groupHeading, groupUnits, type UnitTreeNode } from '../../web/src/components/unit-search.ts';

const node = (unit_id: string, name: string, valid_to: string | null, children: UnitTreeNode[] = []) => ({
  unit_id,
  name,
  name_en: null,
  level: children.length ? 'district' : 'commune',
  valid_to,
  is_base: !unit_id.includes('@'),
  children,
});

const TREE: UnitTreeNode[] = [
  node('30', 'Tỉnh Hải Dương', '2025-06-30', [
    node('291', 'Huyện Nam Sách', '2025-06-30', [
      node('10606', 'Thị trấn Nam Sách', '2024-12-31'),
      node('10606@2025-01', 'Thị trấn Nam Sách', '2025-06-30'),
      node('10633', 'Xã Nam Trung', '2024-12-31'),
      node('10633@2025-01', 'Xã Trần Phú', '2025-06-30'),
      node('10621@2025-01', 'Xã Quốc Tuấn', '2025-06-30'),
      node('10624', 'Xã Quốc Tuấn', '2024-12-31'),
    ]),
  ]),
  node('31@2025-07', 'Thành phố Hải Phòng', null, [
    node('10633@2025-07', 'Xã Trần Phú', null),
    node('10606@2025-07', 'Xã Nam Sách', null),
  ]),
];

describe('groupUnits', () => {
  const groups = groupUnits(flattenUnits(TREE));
  it('today’s units first, then by the day they ended, newest first; tree order inside', () =>
    expect(groups.map((g) => [g.until, g.options.map((o) => [o.unit_id, o.level_depth])])).toEqual([
      [
        null,
        [
          ['31@2025-07', 0],
          ['10606@2025-07', 1],
          ['10633@2025-07', 1],
        ],
      ],
      [
        '2025-06-30',
        [
          ['30', 0],
          ['291', 1],
          ['10606@2025-01', 2],
          ['10621@2025-01', 2],
          ['10633@2025-01', 2],
        ],
      ],
      [
        '2024-12-31',
        [
          ['10606', 0],
          ['10633', 0],
          ['10624', 0],
        ],
      ],
    ]));

  it('no name twice in a group', () => {
    for (const g of groups) {
      const labels = g.options.map((o) => o.label);
      expect(new Set(labels).size, String(g.until)).toBe(labels.length);
    }
  });

  it('two units of one name in a group are told apart by their parent, then their code', () => {
    const twins = groupUnits(
      flattenUnits([
        node('1', 'Huyện A', null, [node('11', 'Xã An Bình', null), node('12', 'Xã Bình Minh', null)]),
        node('2', 'Huyện B', null, [node('21', 'Xã An Bình', null)]),
        node('3', 'Huyện B', null, [node('31', 'Xã An Bình', null)]),
      ]),
    );
    expect(twins[0].options.map((o) => o.label)).toEqual([
      'Huyện A',
      'Xã An Bình · Huyện A',
      'Xã Bình Minh',
      'Huyện B (2)',
      'Xã An Bình · Huyện B (21)',
      'Huyện B (3)',
      'Xã An Bình · Huyện B (31)',
    ]);
  });
});

describe('groupHeading', () => {
  it.each([
    [null, { kind: 'current' }],
    ['2024-12-31', { kind: 'year', when: '2025' }],
    ['2025-06-30', { kind: 'day', when: '2025-07-01' }],
    ['2024-02-28', { kind: 'day', when: '2024-02-29' }],
  ] as const)('%s → %j', (until, heading) => expect(groupHeading(until)).toEqual(heading));
});
