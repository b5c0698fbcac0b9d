// The audit log's chain check on an in-memory store: the admin screen's status() checks only rows
// added since its last check (a page view must not re-read the whole log), verify() all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../data/pipeline/store.ts';
import { SerialConnection } from '../../server/db/serial.ts';
import { AuditLog, type AuditRecord } from '../../server/audit/log.ts';

let store: Awaited<ReturnType<typeof openStore>>;
let writer: SerialConnection;
let log: AuditLog;
const record = (detail: string): AuditRecord => ({
  account: 'an',
  role: 'leader',
  ip: null,
  action: 'read',
  method: 'GET',
  route: '/api/targets',
  params: null,
  units: ['10633'],
  rows: 1,
  status: 200,
  format: null,
  bytes: null,
  sha256: null,
  detail,
});
const tamper = (seq: number) => store.connection.run(`UPDATE audit_log SET detail = 'changed' WHERE seq = ${seq}`);

beforeAll(async () => {
  store = await openStore(':memory:');
  writer = await SerialConnection.open(store.instance);
  log = await AuditLog.open(writer);
});
afterAll(async () => {
  await writer.close();
  store.connection.closeSync();
  store.instance.closeSync();
});

describe('audit chain status', () => {
  it('checks the rows added since the last check, and finds a changed one among them', async () => {
    for (let i = 0; i < 5; i++) await log.append(record(`r${i}`));
    expect(await log.status()).toEqual({ ok: true, rows: 5, broken_at: null });
    for (let i = 5; i < 8; i++) await log.append(record(`r${i}`));
    expect(await log.status()).toEqual({ ok: true, rows: 8, broken_at: null });
    await log.append(record('r8'));
    await tamper(9);
    expect(await log.status()).toMatchObject({ ok: false, broken_at: 9 });
    // stays broken for the screen until the row is mended
    expect(await log.status()).toMatchObject({ ok: false, broken_at: 9 });
  });

  it('verify() reads the whole log and finds an old row changed after it was checked', async () => {
    await store.connection.run(`UPDATE audit_log SET detail = 'r8' WHERE seq = 9`);
    expect(await log.verify()).toEqual({ ok: true, rows: 9, broken_at: null });
    await tamper(2);
    expect(await log.verify()).toMatchObject({ ok: false, broken_at: 2 });
  });
});

describe('a row the store refuses (issue 12 C)', () => {
  const stored = async () =>
    (
      await store.connection.runAndReadAll(
        'SELECT seq::INTEGER AS seq, prev_hash, hash, detail FROM audit_log ORDER BY seq',
      )
    ).getRowObjectsJson() as { seq: number; prev_hash: string; hash: string; detail: string }[];
  // 10^30 rows does not fit the BIGINT column: DuckDB refuses the insert
  const refused = (detail: string): AuditRecord => ({ ...record(detail), rows: 1e30 });

  it('does not advance the chain: the next row chains to the last stored one and verify() is ok', async () => {
    await store.connection.run('DELETE FROM audit_log');
    const fresh = await AuditLog.open(writer);
    await fresh.append(record('first'));
    await expect(fresh.append(refused('refused alone'))).rejects.toThrow();
    await fresh.append(record('after'));
    // in one batch: the refused row takes neither the row before it nor the one after it along
    const batch = [
      fresh.append(record('batch a')),
      fresh.append(refused('refused in a batch')),
      fresh.append(record('batch b')),
    ];
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await fresh.append(record('last'));
    const rows = await stored();
    expect(rows.map((r) => [r.seq, r.detail])).toEqual([
      [1, 'first'],
      [2, 'after'],
      [3, 'batch a'],
      [4, 'batch b'],
      [5, 'last'],
    ]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await fresh.verify()).toEqual({ ok: true, rows: 5, broken_at: null });
    expect(await fresh.status()).toEqual({ ok: true, rows: 5, broken_at: null });
  });
});
