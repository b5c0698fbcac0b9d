// Builds the MapLibre glyph PBFs shipped in data/fonts/<fontstack>/<start>-<end>.pbf (SDF, 24 px, buffer 3)
// for the Unicode ranges Vietnamese needs. Run: `npx tsx data/fonts/build-glyphs.ts [font.ttf]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype from 'opentype.js';
import { decodeGlyphs, encodeGlyphs, makeGlyph, type Glyph } from './sdf.ts';

const SIZE = 24;
export const FONTSTACK = 'Noto Sans Regular';
/** Latin, Latin-1, Latin Extended A/B, combining marks, Latin Extended Additional (ạ … ỹ), punctuation. */
export const RANGES = [0, 256, 512, 768, 7680, 8192];

const source = process.argv[2] ?? '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';
const file = readFileSync(source);
const font = opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const scale = SIZE / font.unitsPerEm;
const ascender = Math.ceil(font.ascender * scale);
const outDir = join(dirname(fileURLToPath(import.meta.url)), FONTSTACK);
mkdirSync(outDir, { recursive: true });

for (const start of RANGES) {
  const glyphs: Glyph[] = [];
  for (let id = start; id < start + 256; id++) {
    const ch = String.fromCodePoint(id);
    if (!font.hasChar(ch)) continue;
    const g = font.charToGlyph(ch);
    glyphs.push(makeGlyph(id, g.getPath(0, 0, SIZE).commands, (g.advanceWidth ?? 0) * scale, ascender));
  }
  const range = `${start}-${start + 255}`;
  const bytes = encodeGlyphs(FONTSTACK, range, glyphs);
  if (decodeGlyphs(bytes).glyphs.length !== glyphs.length) throw new Error(`round trip failed for ${range}`);
  writeFileSync(join(outDir, `${range}.pbf`), bytes);
  console.log(`${FONTSTACK}/${range}.pbf: ${glyphs.length} glyphs, ${bytes.length} bytes`);
}
