// The one React wrapper around ECharts: init on the registered core, resize with its box, dispose on unmount.
// Charts are images to assistive technology: role="img" with an aria-label that says what they show.
import { useEffect, useEffectEvent, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts-setup.ts';

export interface EChartProps {
  option: EChartsCoreOption;
  /** what the chart shows, read by screen readers */
  label: string;
  /** dark theme for the wall screen */
  wall?: boolean;
  height?: number | string;
  /** a click on a data item: its name (category) and series index */
  onItemClick?: (name: string, seriesIndex: number) => void;
}

export default function EChart({ option, label, wall, height = 320, onItemClick }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const click = useEffectEvent((name: string, seriesIndex: number) => onItemClick?.(name, seriesIndex));

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, wall ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      const e = p as { name?: string; seriesIndex?: number };
      if (e.name) click(e.name, e.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [wall]);

  // The first drawing grows in; later ones (a live update, a filter) replace it at once, in place,
  // rather than growing again from nothing (notMerge makes the series anew).
  const drawn = useRef<unknown>(null);
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(
      { backgroundColor: 'transparent', ...option, ...(drawn.current === instance ? { animation: false } : {}) },
      { notMerge: true },
    );
    drawn.current = instance;
  }, [option, wall]);

  return <div ref={box} role="img" aria-label={label} className="ioc-chart" style={{ width: '100%', height }} />;
}
