// A Vite plugin (build only): after the bundle is written, every text-like file of the build (JavaScript, CSS,
// SVG, HTML, JSON, fonts other than WOFF2, WebAssembly; index.html included, the .vite folder not) of at least
// 1 KB gets a brotli (quality 11) and a gzip (level 9) copy beside it, `name.br` and `name.gz`, each kept only
// when it is at most 90% of the original. The server sends them as they are (@fastify/static `preCompressed`,
// server/plugins/web.ts): the best compression once at build, no CPU per request. node:zlib only.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Files worth a compressed copy (WOFF2, images, zips are compressed already). */
export const PRECOMPRESS = /\.(?:js|mjs|css|svg|html|json|txt|xml|webmanifest|ttf|otf|woff|wasm)$/i;
/** Smaller files are sent as they are: a compressed copy would save less than a packet. */
export const MIN_BYTES = 1024;
/** A copy is kept only when at most this share of the original. */
export const MAX_RATIO = 0.9;

export interface PrecompressResult {
  file: string;
  raw: number;
  br?: number;
  gz?: number;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Writes the .br and .gz copies under `dir`; returns what was done for each eligible file. */
export async function precompressDir(dir: string): Promise<PrecompressResult[]> {
  const files: string[] = [];
  for await (const f of walk(dir)) if (PRECOMPRESS.test(f) && (await stat(f)).size >= MIN_BYTES) files.push(f);
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(file);
      const [b, g] = await Promise.all([
        brotli(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gz(raw, { level: 9 }),
      ]);
      const result: PrecompressResult = { file, raw: raw.length };
      if (b.length <= raw.length * MAX_RATIO) await writeFile(`${file}.br`, b).then(() => (result.br = b.length));
      if (g.length <= raw.length * MAX_RATIO) await writeFile(`${file}.gz`, g).then(() => (result.gz = g.length));
      return result;
    }),
  );
}

export function precompress(): Plugin {
  return {
    name: 'ioc06-precompress',
    apply: 'build',
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler(options) {
        if (!options.dir) return;
        const results = await precompressDir(resolve(options.dir));
        const raw = results.reduce((s, r) => s + r.raw, 0);
        const br = results.reduce((s, r) => s + (r.br ?? r.raw), 0);
        this.info(
          `precompressed ${results.length} files: ${Math.round(raw / 1024)} KB → ${Math.round(br / 1024)} KB brotli`,
        );
      },
    },
  };
}
