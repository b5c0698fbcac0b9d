// The map legend: class breaks with their colours and unit counts, then "no data" and "withheld" (its words by the
// server's method: "Ẩn: mẫu số dưới 5" with cellkey, "Đã ẩn (số nhỏ)" with suppress).
import { useI18n } from '../i18n/index.ts';
import type { ClassMethod } from './classify.ts';
import type { Choropleth } from './join.ts';
import { NO_DATA_COLOR, SUPPRESSED_COLOR } from './palette.ts';

interface Props {
  choropleth: Choropleth;
  method: ClassMethod;
  unit: string;
  title: string;
  /** the label of withheld units (charts/withheld.ts withheldUnitLabel) */
  withheld?: string;
}

export function Legend({ choropleth, method, unit, title, withheld }: Props) {
  const i = useI18n();
  const { breaks, colors, counts } = choropleth;
  const fmt = (v: number) => i.value(v, unit);
  // No value at all (e.g. a month the data do not cover yet): no class to show, only "no data".
  const rows = (breaks.length ? colors : []).map((color, k) => ({
    color,
    label:
      breaks.length < 2
        ? fmt(breaks[0])
        : k === 0
          ? `${fmt(breaks[0])} – ${fmt(breaks[1])}`
          : `> ${fmt(breaks[k])} – ${fmt(breaks[k + 1])}`,
    count: counts.classes[k] ?? 0,
  }));
  if (counts.no_data > 0 || breaks.length === 0)
    rows.push({ color: NO_DATA_COLOR, label: i.t('map.noData'), count: counts.no_data });
  if (counts.suppressed > 0)
    rows.push({ color: SUPPRESSED_COLOR, label: withheld ?? i.t('map.suppressed'), count: counts.suppressed });
  return (
    <figure className="map-legend" aria-label={i.t('map.legend')}>
      <figcaption>
        <strong>{title}</strong>
        <span className="map-legend__method">{i.t('map.legend.method', { method: i.t(`map.method.${method}`) })}</span>
      </figcaption>
      <ul>
        {rows.map((r) => (
          <li key={r.label}>
            <span className="map-legend__swatch" style={{ background: r.color }} aria-hidden="true" />
            <span className="map-legend__label">{r.label}</span>
            <span className="map-legend__count">({i.number(r.count, 0)})</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
