// A wide table scrolls sideways inside its panel, never the page (class .table-scroll, styles/components.css).
// While it does scroll it is a named region that the keyboard can reach and scroll with the arrow keys (axe:
// scrollable-region-focusable); when the table fits, it is no extra stop for Tab. Used by the Targets and admin
// tables; any screen's table may use it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    if (el.firstElementChild) watch.observe(el.firstElementChild);
    return () => watch.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className="table-scroll"
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? t('layout.table_scroll', { title: label }) : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
