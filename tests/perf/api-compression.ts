// The large answers of the first screens, as the server sends them: identity, brotli and gzip bytes (through
// app.inject with Accept-Encoding, so with the server's own settings, server/plugins/compress.ts), and the CPU of
// compressing each one with node:zlib at brotli 4 (the server's), 5, 11 and gzip 6, median of PERF_RUNS (default 9).
// Usage: npx tsx tests/perf/api-compression.ts [url ...]   (docs/transfer.md)
import { loadavg } from 'node:os';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { startServer } from '../e2e/harness.ts';
import { DISTRICT } from '../helpers/auth.ts';

const RUNS = Number(process.env.PERF_RUNS ?? 9);
const ARROW = 'application/vnd.apache.arrow.stream';
const URLS = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '/api/geo/provinces',
      `/api/overview?unit=${DISTRICT}`,
      `/api/targets?unit=${DISTRICT}`,
      '/api/units/geo?level=commune',
      `/api/indicators/population?unit=${DISTRICT}&by=unit&from=2022-01&to=2022-12`,
      `arrow:/api/indicators/population?unit=${DISTRICT}&by=unit&from=2022-01&to=2022-12`,
      '/fonts/Noto Sans Regular/0-255.pbf',
      `/api/export/index766.csv?unit=${DISTRICT}&period=2022-Q4&by=unit`,
    ];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function cpu(f: () => unknown): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

const load0 = loadavg();
// the e2e harness's server on its own copy of the demo store, signed in as the district's administrator (no web app)
const server = await startServer('tests/.tmp/no-web-app');
const { app } = server;
try {
  console.log('answer | identity | br (served) | gzip (served) | CPU br 4 / br 5 / br 11 / gzip 6 (ms)');
  for (const spec of URLS) {
    const arrow = spec.startsWith('arrow:');
    const url = spec.replace(/^arrow:/, '');
    const accept = arrow ? ARROW : '*/*';
    const get = (enc?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { ...server.session.headers, accept, ...(enc ? { 'accept-encoding': enc } : {}) },
      });
    const [id, br, gz] = [await get(), await get('br'), await get('gzip')];
    const raw = id.rawPayload;
    const q = (k: number) => () => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: k } });
    const ms = [cpu(q(4)), cpu(q(5)), cpu(q(11)), cpu(() => gzipSync(raw, { level: 6 }))].map((x) => x.toFixed(1));
    console.log(
      `${arrow ? '(Arrow) ' : ''}${url} [${id.statusCode}] | ${raw.length} | ` +
        `${br.rawPayload.length} ${String(br.headers['content-encoding'] ?? 'identity')} | ` +
        `${gz.rawPayload.length} ${String(gz.headers['content-encoding'] ?? 'identity')} | ${ms.join(' / ')}`,
    );
  }
} finally {
  await server.close();
}
const load1 = loadavg();
console.log(
  `load average at the start ${load0.map((x) => x.toFixed(2)).join(', ')}, at the end ${load1[0].toFixed(2)}`,
);
