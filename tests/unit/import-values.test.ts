// Table-driven checks of the SQL that parses raw import values (dates, portal timestamps, booleans, enums, numbers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lit, parseSql, type ValueType } from '../../data/pipeline/import/values.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { memoryStore, rows } from '../fixtures/import/helpers.ts';

let store: Store;
beforeAll(async () => {
  store = await memoryStore();
});
afterAll(() => store.instance.closeSync());

async function parse(t: ValueType, raw: string): Promise<unknown> {
  const [r] = await rows(store.connection, `SELECT (${parseSql(lit(raw), t)})::VARCHAR AS v`);
  return r.v;
}

const cases: [string, ValueType, [string, string | null][]][] = [
  [
    'date',
    { type: 'date' },
    [
      ['2022-02-28', '2022-02-28'],
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', null],
      ['2022-02-30', null],
      ['2022/02/28', null],
      ['2022-2-28', null],
      ['28/02/2022', '2022-02-28'],
      ['5/1/2022', '2022-01-05'],
      ['29/02/2023', null],
      ['02/28/2022', null],
      ['28/02/22', null],
      ['28/02/2022 10:00', null],
      ['2022-02-28 10:00', null],
    ],
  ],
  [
    'timestamp',
    { type: 'timestamp' },
    [
      ['2022-01-01 10:00', '2022-01-01 10:00:00'],
      ['2022-01-01 10:00:05', '2022-01-01 10:00:05'],
      ['2022-01-01T10:00:05', '2022-01-01 10:00:05'],
      ['2022-01-01 10:00:05.250', '2022-01-01 10:00:05.25'],
      ['20220102100005', '2022-01-02 10:00:05'],
      ['01/02/2022 10:00:05', '2022-02-01 10:00:05'],
      ['2022-01-01', null],
      ['2022-01-01 10:00:05Z', null],
      ['2022-01-01 10:00:05+07', null],
      ['2022-01-01 25:00', null],
      ['20221301100005', null],
      ['31/02/2022 10:00:05', null],
      ['01/02/2022 10:00', '2022-02-01 10:00:00'],
      ['1/2/2022 8:05', '2022-02-01 08:05:00'],
      ['01/02/2022', null],
      ['01/02/22 10:00', null],
      ['13/13/2022 10:00', null],
    ],
  ],
  [
    'bool',
    { type: 'bool' },
    [
      ['true', 'true'],
      ['TRUE', 'true'],
      ['1', 'true'],
      ['Yes', 'true'],
      ['có', 'true'],
      ['Có', 'true'],
      ['co\u0301', 'true'],
      ['false', 'false'],
      ['0', 'false'],
      ['no', 'false'],
      ['không', 'false'],
      ['KHÔNG', 'false'],
      ['maybe', null],
      ['2', null],
    ],
  ],
  [
    'sex',
    { type: 'enum', values: { M: 'M', F: 'F', Nam: 'M', Nữ: 'F' } },
    [
      ['M', 'M'],
      ['f', 'F'],
      ['Nam', 'M'],
      ['NAM', 'M'],
      ['nữ', 'F'],
      ['Nu\u031B\u0303', 'F'],
      ['X', null],
    ],
  ],
  [
    'satisfaction',
    { type: 'int', min: 1, max: 5 },
    [
      ['1', '1'],
      ['5', '5'],
      ['0', null],
      ['6', null],
      ['1.5', null],
      ['4.0', null],
    ],
  ],
  [
    'due days',
    { type: 'int', min: 0, max: 3650 },
    [
      ['0', '0'],
      ['30', '30'],
      ['-1', null],
      ['1e2', null],
      ['0x10', null],
      ['5000', null],
    ],
  ],
  [
    'area',
    { type: 'number', min: 0, minExclusive: true },
    [
      ['4.692', '4.692'],
      ['1e3', '1000.0'],
      ['0', null],
      ['-1', null],
      ['nan', null],
      ['1,5', null],
    ],
  ],
  [
    'share',
    { type: 'number', min: 0, minExclusive: true, max: 1 },
    [
      ['1', '1.0'],
      ['0.3', '0.3'],
      ['1.2', null],
    ],
  ],
  [
    'code',
    { type: 'digits' },
    [
      ['10633', '10633'],
      ['10633@2025-01', null],
    ],
  ],
  [
    'geometry',
    { type: 'geometry' },
    [
      ['{"type":"Polygon","coordinates":[]}', '{"type":"Polygon","coordinates":[]}'],
      ['{"type":"Point","coordinates":[1,2]}', null],
      ['not json', null],
    ],
  ],
];

describe('parsing raw values', () => {
  for (const [name, type, table] of cases) {
    it.each(table)(`${name}: %j → %j`, async (raw, expected) => {
      expect(await parse(type, raw)).toBe(expected);
    });
  }
});
