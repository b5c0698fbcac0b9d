// House style that the linters do not check: no line of production code over 120 characters
// (Prettier wraps code at 120 but leaves long strings and comments as they are).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX = 120;
const ROOTS = ['server', 'web/src', 'data/pipeline', 'data/fonts', 'scripts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|tsx|css)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('production code', () => {
  it(`has no line over ${MAX} characters`, () => {
    const long: string[] = [];
    for (const file of ROOTS.flatMap(sources)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // code points, as an editor counts them (Vietnamese letters are one each)
          if ([...line].length > MAX) long.push(`${file}:${i + 1}: ${[...line].length}`);
        });
    }
    expect(long).toEqual([]);
  });
});
