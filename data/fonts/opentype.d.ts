// The small part of opentype.js that build-glyphs.ts uses (the package ships no types).
declare module 'opentype.js' {
  interface Path {
    commands: import('./sdf.ts').PathCommand[];
  }
  interface Glyph {
    index: number;
    advanceWidth?: number;
    getPath(x: number, y: number, size: number): Path;
  }
  interface Font {
    unitsPerEm: number;
    ascender: number;
    hasChar(c: string): boolean;
    charToGlyph(c: string): Glyph;
  }
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
