// The height that brings a map's bottom to the window's bottom from where the map starts on the page (so the whole
// map is above the fold on a laptop and a phone, whatever the header and the controls above it take), within
// [min, max]. Follows the window's size, the page's (a header that wraps) and the controls' above (`watch`).
import { useLayoutEffect, useState } from 'react';

export function useFitHeight(
  anchor: HTMLElement | null,
  watch: HTMLElement | null,
  { min = 340, max = 900, margin = 12 }: { min?: number; max?: number; margin?: number } = {},
): number | undefined {
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    if (!anchor) return;
    const measure = () => {
      const top = anchor.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.round(Math.min(max, Math.max(min, window.innerHeight - top - margin))));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    if (watch) observer.observe(watch);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [anchor, watch, min, max, margin]);
  return height;
}
