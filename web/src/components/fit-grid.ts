// A grid of panels or tiles with as many columns of at least `min` px as fit, and one column narrower than
// the screen on a phone (a plain minmax(460px, 1fr) column is 460 px wide on a 390 px phone).
import type { CSSProperties } from 'react';

export const fitGrid = (min = 320): CSSProperties => ({
  display: 'grid',
  gap: 12,
  gridTemplateColumns: `repeat(auto-fill, minmax(min(${min}px, 100%), 1fr))`,
});
