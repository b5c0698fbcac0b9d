// npm run bench -- bulk: a province's population cube for five years (data/bench/province.duckdb: 265 communes,
// 2022-01 … 2026-12) downloaded over real HTTP from GET /api/bulk/population_cube as Parquet (then Arrow and CSV for
// comparison): time to first byte, total time, bytes, and the server process's resident memory sampled every 20 ms
// while it streams (the client only counts the bytes it receives). Then the harvester's revalidation (304).
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { request, type IncomingMessage } from 'node:http';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { signIn } from '../helpers/auth.ts';

const MB = 1024 * 1024;

interface Run {
  status: number;
  ttfb: number;
  total: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
  heapPeak: number;
  etag: string;
}

/** One GET, its body counted and dropped, with the process's RSS sampled while it runs. */
function download(url: string, headers: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    let heapPeak = process.memoryUsage().heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    };
    const sampler = setInterval(sample, 20);
    const t0 = performance.now();
    let ttfb = 0;
    let bytes = 0;
    const req = request(url, { headers }, (res: IncomingMessage) => {
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) ttfb = performance.now() - t0;
        bytes += chunk.length;
      });
      res.on('end', () => {
        clearInterval(sampler);
        sample();
        resolve({
          status: res.statusCode ?? 0,
          ttfb: ttfb || performance.now() - t0,
          total: performance.now() - t0,
          bytes,
          rssBefore,
          rssPeak,
          heapPeak,
          etag: String(res.headers.etag ?? ''),
        });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      clearInterval(sampler);
      reject(err);
    });
    req.end();
  });
}

export async function runBulkBench(db: string): Promise<void> {
  if (!existsSync(db)) throw new Error(`${db} is missing: run npm run bench once to build it`);
  const ctx = await openContext(
    loadConfig({ ...process.env, IOC_DB: db, IOC_DEMO: 'false', IOC_CACHE: '0', LOG_LEVEL: 'warn' }),
  );
  const app = await buildApp(ctx, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const province = ctx.units.units.find((u) => u.level === 'province')!.unit_id;
    const signed = await signIn(app, ctx, { role: 'admin', unit: province });
    // the bytes as they leave the writer (CSV and Arrow would otherwise go out brotli-compressed)
    const headers = { ...signed.headers, 'accept-encoding': 'identity' };
    const to = ctx.info.dataDates.people.slice(0, 7);
    // five years: the 60 months ending with the data's month
    const last = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 59;
    const first = `${Math.floor(last / 12)}-${String((last % 12) + 1).padStart(2, '0')}`;
    const query = `unit=${province}&from=${first}&to=${to}`;
    const conn = await ctx.instance.connect();
    const cells = (
      await conn.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT unit_id)::INTEGER AS units FROM pop_month
         WHERE month BETWEEN '${first}-01' AND '${to}-01'`,
      )
    ).getRowObjectsJson()[0];
    conn.closeSync();
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(
      `store ${db}: province ${province}, ${first} … ${to}, ${cells.n} pop_month cells of ${cells.units} communes; ` +
        `process RSS at rest ${(process.memoryUsage.rss() / MB).toFixed(0)} MB; server and client in one process ` +
        `(the client keeps no byte)`,
    );
    console.log(
      '\n| format | status | TTFB ms | total ms | MB | cells/s | RSS before MB | RSS peak MB | JS heap peak MB |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    let parquetTag = '';
    for (const format of ['parquet', 'parquet', 'arrow', 'csv'] as const) {
      const run = await download(`${address}/api/bulk/population_cube?format=${format}&${query}`, headers);
      if (run.status !== 200) throw new Error(`${format}: ${run.status}`);
      if (format === 'parquet') parquetTag = run.etag;
      console.log(
        `| ${format} | ${run.status} | ${run.ttfb.toFixed(0)} | ${run.total.toFixed(0)} | ` +
          `${(run.bytes / MB).toFixed(2)} | ` +
          `${Math.round((Number(cells.n) / run.total) * 1000).toLocaleString('en-US')} | ` +
          `${(run.rssBefore / MB).toFixed(0)} | ${(run.rssPeak / MB).toFixed(0)} | ${(run.heapPeak / MB).toFixed(0)} |`,
      );
    }
    // what the audit log says left the server (rows: the cube's cells, each published)
    await new Promise((r) => setTimeout(r, 100));
    const { rows } = await ctx.audit.query({ action: 'export', route: '/api/bulk/:dataset', limit: 4 });
    console.log(`\naudit: ${rows.map((r) => `${r.format} ${r.rows} rows ${r.bytes} bytes`).join('; ')}`);
    const revalidate = await download(`${address}/api/bulk/population_cube?format=parquet&${query}`, {
      ...headers,
      'if-none-match': parquetTag,
    });
    console.log(
      `\nrevalidation with If-None-Match: ${revalidate.status} in ${revalidate.total.toFixed(1)} ms, ` +
        `${revalidate.bytes} bytes`,
    );
  } finally {
    await app.close();
    await ctx.close();
  }
}
