// The demo generator is seeded: the same seed and end date give byte-identical files, another seed
// gives other people and dossiers (but the same units, catalogue and targets).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type GenerateSummary } from '../../data/pipeline/generate/index.ts';

const ROOT = join('tests', '.tmp', 'generator-determinism');
const options = { start: '2022-01-01', end: '2022-03-31', dossierScale: 0.5 };
const hashes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

let a: Record<string, string>;
let b: Record<string, string>;
let c: Record<string, string>;
let summaryA: GenerateSummary;

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  summaryA = await generateDemo({ ...options, outDir: join(ROOT, 'a'), seed: 11 });
  await generateDemo({ ...options, outDir: join(ROOT, 'b'), seed: 11 });
  await generateDemo({ ...options, outDir: join(ROOT, 'c'), seed: 12 });
  [a, b, c] = ['a', 'b', 'c'].map((x) => hashes(join(ROOT, x)));
});

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('determinism', () => {
  it('writes the eleven files', () => {
    expect(Object.keys(a)).toEqual([
      'dossiers.csv',
      'lineage.csv',
      'manifest.json',
      'milestones.csv',
      'offices.csv',
      'people.csv',
      'petitions.csv',
      'procedures.csv',
      'targets.csv',
      'tasks.csv',
      'units.geojson',
    ]);
  });

  it('same seed, same end date: byte-identical files', () => {
    expect(b).toEqual(a);
  });

  it('another seed: other people, dossiers, petitions and milestones; same units and catalogue', () => {
    for (const f of ['people.csv', 'dossiers.csv', 'petitions.csv', 'milestones.csv', 'manifest.json'])
      expect(c[f], f).not.toBe(a[f]);
    for (const f of ['units.geojson', 'lineage.csv', 'procedures.csv', 'targets.csv', 'offices.csv', 'tasks.csv'])
      expect(c[f], f).toBe(a[f]);
  });

  it('labels the files as generated, with the seed and the data date', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'a', 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({ generated: true, source: 'ioc06 demo generator seed 11', data_date: '2022-03-31' });
    expect(summaryA).toMatchObject({ universe: 'nam-sach', seed: 11, end: '2022-03-31', communes: 19 });
  });

  it('rejects bad options', async () => {
    await expect(generateDemo({ outDir: join(ROOT, 'x'), end: '2021-12-31' })).rejects.toThrow(/before start/);
    await expect(generateDemo({ outDir: join(ROOT, 'x'), seed: 1.5 })).rejects.toThrow(/seed/);
    await expect(generateDemo({ outDir: join(ROOT, 'x'), end: '2022-02-30' })).rejects.toThrow(/calendar date/);
    await expect(generateDemo({ outDir: join(ROOT, 'x'), end: '2999-01-01' })).rejects.toThrow(/after today/);
    await expect(generateDemo({ outDir: join(ROOT, 'x'), dossierScale: -1 })).rejects.toThrow(/dossierScale/);
  });
});
