// The audit log's chain check on an in-memory store: the admin screen's status() checks only rows
// added since its last check (a page view must not re-read the whole log), verify() all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../data/pipeline/store.ts';
import { SerialConnection } from '../../server/db/serial.ts';
import { AuditLog, type AuditRecord } from '../../server/audit/log.ts';

let store: Awaited<ReturnType<typeof openStore>>;
let writer: SerialConnection;
let log: AuditLog;
const record = (detail: string): AuditRecord => ({ account: 'an', role: 'leader', ip: null, action: 'read', method: 'GET', route: '/api/targets', params: null, units: ['10633'], rows: 1, status: 200, format: null, bytes: null, sha256: null, detail });
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
