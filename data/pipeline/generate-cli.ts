// npm run generate -- --out data/demo/files [--seed N] [--universe nam-sach|hai-duong] [--start YYYY-MM-DD]
//   [--end YYYY-MM-DD] [--dossier-scale X]: writes the seeded demo import files and prints a summary.
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateDemo } from './generate/index.ts';
import type { UniverseName } from './generate/universe.ts';

const USAGE =
  'usage: npm run generate -- --out <folder> [--seed N] [--universe nam-sach|hai-duong] [--start YYYY-MM-DD] ' +
  '[--end YYYY-MM-DD] [--dossier-scale X]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      universe: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      'dossier-scale': { type: 'string' },
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
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify(summary, null, 2));
  console.log(`generated into ${values.out} in ${seconds.toFixed(1)} s`);
}

main().catch((err: Error) => {
  console.error(`generate: ${err.message}`);
  console.error(USAGE);
  process.exit(1);
});
