// npm run bench -- live: the live path on this machine. The real server runs as its own process on a
// copy of the Nam Sách demo store; this process holds N server-sent-event subscribers (default 500)
// and posts batches. Reports (1) the time from a POST's 2xx to its change arriving at each
// subscriber (p50 / p95 / max over every batch × subscriber), and (2) sustained ingestion in
// events per second with batches of 10,000 posted back to back by two clients.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ensureDemoStore, ROOT } from '../e2e/harness.ts';
import { childSession, freePort, startChildServer } from '../helpers/child-server.ts';

const SUBSCRIBERS = Number(process.env.IOC_BENCH_SUBSCRIBERS ?? 500);
const LATENCY_BATCHES = Number(process.env.IOC_BENCH_LATENCY_BATCHES ?? 30);
const THROUGHPUT_SECONDS = Number(process.env.IOC_BENCH_THROUGHPUT_SECONDS ?? 20);
const DB = join(ROOT, 'tests', '.tmp', `bench-live-${process.pid}.duckdb`);
/** The demo store's last month: events there change today's values and need no new month. */
const MONTH = '2022-12';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

let serial = 0;
let COMMUNES: string[] = [];
/** the admin's session (events are posted by an admin; streams read as the same account) */
let AUTH: Record<string, string> = {};

/** The base communes of the store, from GET /api/units. */
async function baseCommunes(base: string): Promise<string[]> {
  type Node = { unit_id: string; level: string; is_base: boolean; children: Node[] };
  const { units } = (await (await fetch(`${base}/api/units`, { headers: AUTH })).json()) as { units: Node[] };
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.level === 'commune' && n.is_base) out.push(n.unit_id);
    n.children.forEach(walk);
  };
  units.forEach(walk);
  return out;
}

function events(n: number, day = 20): unknown[] {
  return Array.from({ length: n }, (_, i) => {
    const k = ++serial;
    const unit = COMMUNES[k % COMMUNES.length];
    const common = {
      event_id: `bench-${process.pid}-${k}`,
      occurred_at: `${MONTH}-${String(day).padStart(2, '0')}T10:00:00+07:00`,
      unit,
      sex: k % 2 ? 'M' : 'F',
      residence: 'permanent',
    };
    return i % 2 === 0
      ? { ...common, type: 'vneid_activated', birth_date: `19${60 + (k % 40)}-03-0${1 + (k % 9)}`, level: 1 + (k % 2) }
      : { ...common, type: 'move_in', birth_date: `19${60 + (k % 40)}-05-1${k % 10}`, vneid_level: 0 };
  });
}

async function post(base: string, body: unknown[]): Promise<{ batch: number; accepted: number; at: number }> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AUTH },
    body: JSON.stringify(body),
  });
  const at = performance.now();
  const json = (await res.json()) as { batch_id: number; accepted: number; message?: string };
  if (res.status !== 200) throw new Error(`POST /api/events ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { batch: json.batch_id, accepted: json.accepted, at };
}

/** N open streams; `arrivals.get(batch)` collects, per subscriber, when a message naming the batch arrived. */
function subscribe(base: string, n: number, arrivals: Map<number, number[]>): Promise<() => void> {
  const requests: ReturnType<typeof httpRequest>[] = [];
  let open = 0;
  return new Promise((resolve, reject) => {
    for (let i = 0; i < n; i++) {
      const req = httpRequest(`${base}/api/live`, { agent: false, headers: AUTH }, (res) => {
        res.setEncoding('utf8');
        let buf = '';
        if (++open === n) resolve(() => requests.forEach((r) => r.destroy()));
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buf += chunk;
          let cut: number;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            const m = /"batches":\[([\d,]*)\]/.exec(block);
            if (!m || !m[1]) continue;
            for (const b of m[1].split(',').map(Number)) {
              const list = arrivals.get(b) ?? [];
              list.push(now);
              arrivals.set(b, list);
            }
          }
        });
      });
      req.on('error', reject);
      req.end();
      requests.push(req);
    }
  });
}

export async function runLiveBench(): Promise<void> {
  copyFileSync(await ensureDemoStore(), DB);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  try {
    let t = Date.now();
    // primed: the hub knows today's values, so every change has a "before"
    server = (await startChildServer(DB, port, { until: 'live: today', timeoutMs: 120_000 })).proc;
    AUTH = await childSession(port);
    COMMUNES = await baseCommunes(base);
    console.log(
      `server started and primed in ${((Date.now() - t) / 1000).toFixed(1)} s (Nam Sách demo store, ${COMMUNES.length} communes, events dated ${MONTH})`,
    );
    const arrivals = new Map<number, number[]>();
    t = Date.now();
    const close = await subscribe(base, SUBSCRIBERS, arrivals);
    console.log(`${SUBSCRIBERS} subscribers connected in ${Date.now() - t} ms`);

    // (1) latency: one batch of 50 events a second
    const acks: { batch: number; at: number }[] = [];
    for (let i = 0; i < LATENCY_BATCHES; i++) {
      acks.push(await post(base, events(50, 1 + (i % 28))));
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const lat: number[] = [];
    let missing = 0;
    for (const a of acks) {
      const got = arrivals.get(a.batch) ?? [];
      missing += SUBSCRIBERS - got.length;
      for (const at of got) lat.push(at - a.at);
    }
    console.log(
      `latency, POST 2xx → change at the subscriber (${acks.length} batches × ${SUBSCRIBERS} subscribers = ${lat.length} arrivals, ${missing} missing): ` +
        `p50 ${pct(lat, 50).toFixed(0)} ms, p95 ${pct(lat, 95).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms`,
    );

    // (2) throughput: batches of 10,000, two clients back to back, subscribers still connected
    const end = Date.now() + THROUGHPUT_SECONDS * 1000;
    let accepted = 0;
    let batches = 0;
    const t0 = performance.now();
    const client = async () => {
      while (Date.now() < end) {
        const r = await post(base, events(10_000, 1 + (batches % 28)));
        accepted += r.accepted;
        batches++;
      }
    };
    await Promise.all([client(), client()]);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `sustained ingestion: ${accepted.toLocaleString('en')} events in ${batches} batches of 10,000 over ${seconds.toFixed(1)} s = ${Math.round(accepted / seconds).toLocaleString('en')} events/s`,
    );
    close();
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    rmSync(DB, { force: true });
    rmSync(`${DB}.wal`, { force: true });
  }
}
