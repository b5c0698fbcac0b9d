// The Forecast screen's charts: the projected pyramid over today's, and the fan of totals by scenario; under each,
// its unit, years and source (the projection, from the population the store holds).
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import { sourceWords } from '../chart-info.ts';
import EChart from '../EChart.tsx';
import { ChartInfo, useIndicatorSources } from '../ui/ChartInfo.tsx';
import { fanOption, projectedPyramidOption, type FanSeries, type PyramidPair } from './forecast-option.ts';

/** "dự báo của IOC từ bản ghi nhân khẩu, bảng tổng hợp dân số" */
function useForecastSource(): string | null {
  const i = useI18n();
  const words = sourceWords(i, useIndicatorSources(['population']));
  return words ? i.t('charts.info.forecast_source', { list: words }) : null;
}

export function ProjectedPyramid({ pair, label, wall }: { pair: PyramidPair; label: string; wall?: boolean }) {
  const i = useI18n();
  const data = useStable(pair);
  const option = useMemo(() => projectedPyramidOption(data, i, { wall }), [data, i, wall]);
  const source = useForecastSource();
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={wall ? 640 : 440} />
      <ChartInfo unit="persons" period={`${data.todayLabel}..${data.futureLabel}`} source={source} />
    </>
  );
}

export function ScenarioFan({ series, label, wall }: { series: FanSeries[]; label: string; wall?: boolean }) {
  const i = useI18n();
  const data = useStable(series);
  const option = useMemo(() => fanOption(data, i, { wall }), [data, i, wall]);
  const source = useForecastSource();
  const years = data.flatMap((s) => s.years);
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={wall ? 520 : 360} />
      <ChartInfo
        unit="persons"
        period={years.length ? `${Math.min(...years)}..${Math.max(...years)}` : null}
        source={source}
      />
    </>
  );
}
