// The line under a chart saying its unit, period, data date and source (charts/chart-info.ts), and the hook that
// reads an indicator's sources from the catalogue the app already holds (app/data.ts), for charts whose input names
// the indicator but not its sources.
import { useEffect, useState } from 'react';
import { indicators } from '../../app/data.ts';
import { useI18n } from '../../i18n/index.ts';
import { chartInfoParts, type ChartInfoInput } from '../chart-info.ts';

export function ChartInfo(props: ChartInfoInput) {
  const i = useI18n();
  const parts = chartInfoParts(i, props);
  if (parts.length === 0) return null;
  return (
    <p className="panel__note chart-info" style={{ margin: '6px 0 8px', fontSize: '0.85rem' }}>
      {parts.join(' · ')}
    </p>
  );
}

/** The kinds of import file that feed these indicators (none until the catalogue has come, or when unknown). */
export function useIndicatorSources(ids: readonly (string | null | undefined)[]): string[] {
  const key = ids.filter(Boolean).join(',');
  const [sources, setSources] = useState<{ key: string; kinds: string[] }>({ key: '', kinds: [] });
  useEffect(() => {
    if (!key) return;
    let live = true;
    const wanted = new Set(key.split(','));
    indicators()
      .then((c) => {
        const kinds = c.indicators.filter((m) => wanted.has(m.id)).flatMap((m) => m.sources ?? []);
        if (live) setSources({ key, kinds: [...new Set(kinds)] });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return sources.key === key ? sources.kinds : [];
}
