// The map legend, below the map (it never covers the map nor its attribution): what is measured, its unit and
// period ("Tỷ lệ … (%) · Tháng 11/2026"), then, behind a button (open by default, closed on a phone), the class
// breaks with their colours and unit counts, "no data", "withheld" (its words by the server's method: "Ẩn: mẫu số
// dưới 5" with cellkey, "Đã ẩn (số nhỏ)" with suppress), the units around in grey, and the classification method.
import { useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { ClassMethod } from './classify.ts';
import type { Choropleth } from './join.ts';
import { NO_DATA_COLOR, SUPPRESSED_COLOR } from './palette.ts';
import { CONTEXT_COLORS } from './style.ts';

interface Props {
  choropleth: Choropleth;
  method: ClassMethod;
  /** the indicator's unit of measure (the classes' numbers) */
  unit: string;
  /** what is measured, with its unit ("Tỷ lệ … (%)") */
  title: string;
  /** the months the values stand for ("Tháng 11/2026"), '' while unknown */
  period: string;
  /** the label of withheld units (charts/withheld.ts withheldUnitLabel) */
  withheld?: string;
  /** how many units around the account's own are drawn in grey (outline and name only) */
  around?: number;
  wall?: boolean;
}

/** A phone: the legend starts closed there, the map keeps the height. */
const narrow = () => typeof window !== 'undefined' && window.matchMedia?.('(max-width: 600px)').matches === true;

export function Legend({ choropleth, method, unit, title, period, withheld, around = 0, wall = false }: Props) {
  const i = useI18n();
  const id = useId();
  const [open, setOpen] = useState(() => wall || !narrow());
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
    dashed: false,
  }));
  if (counts.no_data > 0 || breaks.length === 0)
    rows.push({ color: NO_DATA_COLOR, label: i.t('map.noData'), count: counts.no_data, dashed: false });
  if (counts.suppressed > 0)
    rows.push({
      color: SUPPRESSED_COLOR,
      label: withheld ?? i.t('map.suppressed'),
      count: counts.suppressed,
      dashed: false,
    });
  if (around > 0)
    rows.push({
      color: (wall ? CONTEXT_COLORS.wall : CONTEXT_COLORS.light).fill,
      label: i.t('map.legend.around'),
      count: around,
      dashed: true,
    });
  return (
    <section className="map-legend" aria-labelledby={`${id}-title`}>
      <div className="map-legend__head">
        <button
          type="button"
          className="map-legend__toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="map-legend__chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {i.t('map.legend')}
        </button>
        <p className="map-legend__title" id={`${id}-title`}>
          <strong>{title}</strong>
          {period && <span className="map-legend__period"> · {period}</span>}
        </p>
      </div>
      <div className="map-legend__body" id={`${id}-body`} hidden={!open}>
        <ul>
          {rows.map((r) => (
            <li key={r.label}>
              <span
                className={`map-legend__swatch${r.dashed ? ' map-legend__swatch--around' : ''}`}
                style={{ background: r.color }}
                aria-hidden="true"
              />
              <span className="map-legend__label">{r.label}</span>
              <span className="map-legend__count">({i.number(r.count, 0)})</span>
            </li>
          ))}
        </ul>
        <p className="map-legend__method">{i.t('map.legend.method', { method: i.t(`map.method.${method}`) })}</p>
      </div>
    </section>
  );
}
