// Live events keep vneid_requested_level2 (C01's numerator: asked and level 2) up to date with the other VNeID
// stocks: an event's person with a VNeID level asked for it, so reaching level 2 or arriving with it adds one
// to both vneid_level2 and vneid_requested_level2, and a request only when they held no level before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEventFiles } from '../../data/pipeline/events/files.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';

const MEASURES = ['vneid_requested', 'vneid_level1', 'vneid_level2', 'vneid_requested_level2'];
const tmp = mkdtempSync(join(tmpdir(), 'ioc06-vneid-events-'));
let store: Store;

const totals = async (month: string) =>
  (
    await rows(
      store.connection,
      `SELECT ${MEASURES.map((m) => `sum(${m})::INTEGER AS ${m}`).join(', ')}
    FROM pop_month WHERE unit_id = '10633' AND month = DATE '${month}'`,
    )
  )[0];

beforeAll(async () => {
  store = await memoryStore();
  expect((await importFolder(store.connection, folder('good'), { now: NOW })).ok).toBe(true);
});
afterAll(() => {
  store?.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

describe('VNeID events', () => {
  it('add to vneid_requested_level2 exactly when they add a level-2 holder', async () => {
    const before = { mar: await totals('2022-03-01'), jun: await totals('2022-06-01') };
    const person = { unit: '10633', sex: 'F', birth_date: '1990-01-01', residence: 'permanent', chip_card: true };
    const events = [
      { ...person, event_id: 'v1', type: 'vneid_activated', occurred_at: '2022-03-10', vneid_level: 1, level: 2 },
      { ...person, event_id: 'v2', type: 'vneid_activated', occurred_at: '2022-04-10', level: 2 },
      { ...person, event_id: 'v3', type: 'vneid_activated', occurred_at: '2022-04-11', level: 1 },
      { ...person, event_id: 'v4', type: 'move_in', occurred_at: '2022-05-10', vneid_level: 2 },
    ];
    writeFileSync(join(tmp, 'events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    expect((await importEventFiles(store.connection, tmp)).errors).toEqual([]);
    const diff = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Object.fromEntries(MEASURES.map((m) => [m, Number(b[m]) - Number(a[m])]));
    // March: v1 only (already asked, level 1 → 2). June: v1; v2 and v3 ask now (v3 stays at level 1); v4 arrives
    // at level 2.
    const counts = (requested: number, level1: number, level2: number, asked2: number) => ({
      vneid_requested: requested,
      vneid_level1: level1,
      vneid_level2: level2,
      vneid_requested_level2: asked2,
    });
    expect(diff(before.mar, await totals('2022-03-01'))).toEqual(counts(0, 0, 1, 1));
    expect(diff(before.jun, await totals('2022-06-01'))).toEqual(counts(3, 3, 3, 3));
  });
});
