// npm run generate -- --out data/demo/files [--seed N] [--universe nam-sach|hai-duong|hcmc] [--start YYYY-MM-DD]
//   [--end YYYY-MM-DD] [--dossier-scale X] [--districts N]: writes the seeded demo import files and prints a summary
//   (--districts N: people and dossiers of the first N districts only, to estimate a large universe's time and memory).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateDemo } from './generate/index.ts';
import type { UniverseName } from './generate/universe.ts';

const USAGE =
  'usage: npm run generate -- --out <folder> [--seed N] [--universe nam-sach|hai-duong|hcmc] [--start YYYY-MM-DD] ' +
  '[--end YYYY-MM-DD] [--dossier-scale X] [--districts N]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      universe: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      'dossier-scale': { type: 'string' },
      districts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const t0 = performance.now();
  const summary = await generateDemo({
    outDir: values.out,
    seed: values.seed === undefined ? DEFAULT_SEED : Number(values.seed),
    universe: values.universe as UniverseName | undefined,
    start: values.start,
    end: values.end,
    dossierScale: values['dossier-scale'] === undefined ? undefined : Number(values['dossier-scale']),
    districts: values.districts === undefined ? undefined : Number(values.districts),
  });
  const status = readFileSync('/proc/self/status', 'utf8');
  const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `generated into ${values.out} in ${seconds.toFixed(1)} s; peak RSS ${Math.round(Number(peak) / 1024)} MB`,
  );
}

main().catch((err: Error) => {
  console.error(`generate: ${err.message}`);
  console.error(USAGE);
  process.exit(1);
});
