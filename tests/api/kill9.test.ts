// Durability of POST /api/events: the real server (a child process) is killed with SIGKILL while a
// client sends batches; the client retries what was not acknowledged after a restart. In the end
// every acknowledged event is in the store exactly once, and the cube moved by exactly the number of
// distinct events. A SIGTERM lets the batch in flight finish (2xx) and the server exit cleanly.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../data/pipeline/store.ts';
import { ensureDemoStore, ROOT } from '../e2e/harness.ts';
import { alive, childSession, exited, freePort, startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { waitFor } from '../helpers/wait.ts';

const DB = join(ROOT, 'tests', '.tmp', `kill9-${process.pid}.duckdb`);
const UNIT = '10633';
const MONTH = '2022-12';
let port = 0;
let child: ChildProcess | null = null;

async function start(env?: Record<string, string>): Promise<ChildServer> {
  const server = await startChildServer(DB, port, { env });
  server.proc.once('exit', () => process.env.KILL9_DEBUG && console.log(server.output()));
  return server;
}

/** The server has taken a POST /api/events: Fastify logs "incoming request" after it checks for closing. */
const TOOK = /"method":"POST","url":"\/api\/events".*"msg":"incoming request"/;
const tookBatch = (output: string) => output.split('\n').some((l) => TOOK.test(l));

let serial = 0;
let auth: Record<string, string> | null = null;
const batch = (n: number) =>
  Array.from({ length: n }, () => ({
    event_id: `k9-${process.pid}-${++serial}`,
    type: 'move_in',
    occurred_at: `${MONTH}-15T10:00:00+07:00`,
    unit: UNIT,
    sex: serial % 2 ? 'M' : 'F',
    birth_date: '1990-04-04',
    residence: 'permanent',
  }));

async function send(
  events: unknown[],
): Promise<{ status: number; body: { accepted?: number; duplicates?: number } } | null> {
  try {
    auth ??= await childSession(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(events),
    });
    if (res.status === 401) return (auth = null); // the session is gone: sign in again, then retry (not acknowledged)
    return { status: res.status, body: (await res.json()) as { accepted?: number; duplicates?: number } };
  } catch {
    return null; // the connection died with the server: not acknowledged
  }
}

async function movesIn(): Promise<number> {
  const { instance, connection } = await openStore(DB, { readOnly: true });
  try {
    const r = await connection.runAndReadAll(
      `SELECT coalesce(sum(moves_in), 0)::INTEGER AS n FROM pop_month WHERE unit_id = '${UNIT}' AND month = DATE '${MONTH}-01'`,
    );
    return Number(r.getRowObjectsJson()[0].n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  copyFileSync(await ensureDemoStore(), DB);
  port = await freePort();
}, 300_000);

afterAll(() => {
  if (child && alive(child)) child.kill('SIGKILL');
  rmSync(DB, { force: true });
  rmSync(`${DB}.wal`, { force: true });
});

describe('kill -9 while batches are sent', () => {
  it('every acknowledged event is stored exactly once after restarts and retries', async () => {
    const base = await movesIn();
    const sent: { events: { event_id: string }[]; acked: boolean }[] = [];
    for (let round = 0; round < 3; round++) {
      const t0 = Date.now();
      child = (await start()).proc;
      console.log(`round ${round}: started in ${Date.now() - t0} ms`);
      // Retry what the last run did not acknowledge, then send new batches until the kill.
      for (const b of sent.filter((s) => !s.acked)) {
        const r = await send(b.events);
        expect(r?.status).toBe(200);
        b.acked = true;
      }
      const killAt = Date.now() + 600 + round * 400;
      const proc = child;
      const killer = new Promise<void>((resolve) =>
        setTimeout(() => {
          proc.kill('SIGKILL');
          resolve();
        }, killAt - Date.now()),
      );
      // Two clients at once, so that a kill often lands in the middle of a batch.
      const client = async () => {
        while (alive(proc) && Date.now() < killAt + 200) {
          const b = { events: batch(400), acked: false };
          sent.push(b);
          const r = await send(b.events);
          if (r?.status === 200) b.acked = true;
          else if (r) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
        }
      };
      await Promise.all([client(), client(), killer]);
      await exited(proc);
      console.log(
        `round ${round}: ${sent.filter((b) => b.acked).length} of ${sent.length} batches acknowledged, ${Date.now() - t0} ms`,
      );
    }
    child = (await start()).proc;
    for (const b of sent.filter((s) => !s.acked)) {
      const r = await send(b.events);
      expect(r?.status).toBe(200);
      b.acked = true;
    }
    // An acknowledged batch sent again is all duplicates.
    const again = await send(sent[0].events);
    expect(again?.body).toMatchObject({ accepted: 0, duplicates: 400 });
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);

    const ids = sent.flatMap((s) => s.events.map((e) => e.event_id));
    const { instance, connection } = await openStore(DB, { readOnly: true });
    try {
      const r = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT event_id)::INTEGER AS d FROM events WHERE event_id LIKE 'k9-${process.pid}-%'`,
      );
      const { n, d } = r.getRowObjectsJson()[0] as { n: number; d: number };
      expect(n).toBe(ids.length);
      expect(d).toBe(ids.length);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(sent.length).toBeGreaterThan(6);
    expect((await movesIn()) - base).toBe(ids.length);
  }, 240_000);

  it('SIGTERM lets the batch in flight finish and exits 0', async () => {
    // with request logs: SIGTERM once the server has taken the batch, not after a guessed delay
    const server = await start({ LOG_LEVEL: 'info' });
    child = server.proc;
    const pending = send(batch(2000));
    expect(await waitFor(() => tookBatch(server.output()), 30_000), 'the server never took the batch').toBe(true);
    child.kill('SIGTERM');
    const r = await pending;
    expect(r?.status).toBe(200);
    expect(r?.body.accepted).toBe(2000);
    expect(await exited(child)).toBe(0);
  }, 120_000);
});
