// Bản đồ / Map: the choropleth of an indicator by commune (or district, or the 63 provinces), with its
// controls in the URL, a keyboard list of units and the profile of the unit clicked. The controls take
// few rows (the indicator, the period, the layer; the classification and the units' day behind "Tùy
// chọn"), and the map fills the window below them: the whole map is above the fold on a laptop and a phone.
import { useId, useState } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { units as loadUnits } from '../app/data.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { CLASS_METHODS, type ClassMethod } from '../map/classify.ts';
import type { UnitDatum } from '../map/join.ts';
import { indicatorCatalogue, type MapLevel } from '../map/map-data.ts';
import MapView from '../map/MapView.tsx';
import { ExportMenu, panelPng } from '../components/ExportMenu.tsx';
import { IndicatorPicker } from '../components/IndicatorPicker.tsx';
import { MethodNote } from '../components/MethodNote.tsx';
import { IndicatorSources } from '../components/IndicatorSources.tsx';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { readPeriod } from '../components/period.ts';
import { periodBounds } from '../components/period-bounds.ts';
import { withheldUnitLabel, type DisclosureInfo } from '../charts/withheld.ts';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { mapParent, mapProvince } from '../map/map-unit.ts';
import { UnitProfile } from '../map/UnitProfile.tsx';
import { useFitHeight } from '../map/use-fit-height.ts';
import { lastCompleteMonth } from './overview/overview-data.ts';
import '../map/map.css';

const LEVELS: MapLevel[] = ['commune', 'district', 'country'];
/** The domains with values by unit and month (the catalogue's other domains have none to map). */
const DOMAINS = ['population', 'procedures'] as const;
/** `at` choices: the plan's base units, the 15 units of 2025-01, the 5 communes of 2025-07. */
const AT_CHOICES: { value: string; label: string }[] = [
  { value: '', label: 'map.at.base' },
  { value: '2025-01-15', label: 'map.at.2025-01' },
  { value: '2025-07-01', label: 'map.at.2025-07' },
];

export default function MapScreen({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const id = useId();
  const level: MapLevel = state.layer ?? 'commune';
  const [list, setList] = useState<{ units: UnitDatum[]; unit: string; disclosure?: DisclosureInfo }>({
    units: [],
    unit: '',
  });
  const [layout, setLayout] = useState<HTMLDivElement | null>(null);
  const [controls, setControls] = useState<HTMLFormElement | null>(null);
  // The classification and the day of the units are seldom changed: behind a button, open when the URL sets them.
  const [more, setMore] = useState(() => Boolean(state.classes || state.at));
  const catalogue = useAsync(indicatorCatalogue, 'catalogue');
  const tree = useAsync(loadUnits, 'units');
  const indicator = state.indicator ?? 'population';
  const method: ClassMethod = state.classes ?? 'quantile';
  // The unit the map asks for comes from the unit tree: a district for the communes, a province for the rest.
  const roots = tree.status === 'ready' ? tree.data.units : undefined;
  const parent = roots && (level === 'commune' ? mapParent(roots, state.unit) : mapProvince(roots, state.unit));
  const selected = parent && state.unit !== parent && level === 'commune' ? state.unit : undefined;
  // The months the server has (the period picker's choices); without a period in the URL the map shows the last
  // complete month, as the Overview's map does.
  const bounds = useAsync(
    () => (parent ? periodBounds(indicator, parent) : Promise.resolve(null)),
    `map-bounds|${parent ?? ''}`,
  );
  const known = bounds.status === 'ready' ? bounds.data : null;
  const fallback = known && (known.dataDate ? lastCompleteMonth(known.dataDate) : known.to);
  const view =
    known && fallback
      ? readPeriod(
          { grain: state.grain, from: state.from ?? (state.to ? undefined : fallback), to: state.to ?? fallback },
          known,
        )
      : null;
  // the months asked for: the period shown, or the URL's as it is when the server's months could not be read
  const span = view ? { from: view.from, to: view.to } : bounds.status === 'error' ? state : null;
  const fit = useFitHeight(layout, controls);
  const mapHeight = wall ? 'calc(100vh - 160px)' : (fit ?? 'min(72vh, 720px)');

  return (
    <div className={`map-screen${wall ? ' map-screen--wall' : ''}`}>
      {!wall && (
        <form className="map-controls" ref={setControls} onSubmit={(e) => e.preventDefault()}>
          <IndicatorPicker
            className="map-controls__indicator"
            label={i.t('map.indicator')}
            value={indicator}
            items={catalogue.status === 'ready' ? catalogue.data : undefined}
            domains={DOMAINS}
            onChange={(v) => update({ indicator: v })}
          />
          {view && known && (
            <PeriodPicker
              className="map-controls__period"
              view={view}
              bounds={known}
              dataDate={known.dataDate ?? undefined}
              onChange={(p) => update(p)}
            />
          )}
          <span className="field map-controls__field">
            <label htmlFor={`${id}-layer`}>{i.t('map.layer')}</label>
            <select
              id={`${id}-layer`}
              value={level}
              onChange={(e) =>
                update({ layer: e.target.value === 'commune' ? undefined : (e.target.value as 'district' | 'country') })
              }
            >
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {i.t(l === 'country' ? 'nation.layer.country' : `map.layer.${l}`)}
                </option>
              ))}
            </select>
          </span>
          <button
            type="button"
            className="button button--quiet map-controls__more"
            aria-expanded={more}
            aria-controls={`${id}-more`}
            onClick={() => setMore((m) => !m)}
          >
            <span aria-hidden="true">{more ? '▾ ' : '▸ '}</span>
            {i.t('map.options')}
          </button>
          <div id={`${id}-more`} className="map-controls__options" hidden={!more}>
            <span className="field map-controls__field">
              <label htmlFor={`${id}-cls`}>{i.t('map.method')}</label>
              <select
                id={`${id}-cls`}
                value={method}
                onChange={(e) => update({ classes: e.target.value as ClassMethod })}
              >
                {CLASS_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {i.t(`map.method.${m}`)}
                  </option>
                ))}
              </select>
            </span>
            <span className="field map-controls__field">
              <label htmlFor={`${id}-at`}>{i.t('map.at')}</label>
              <select
                id={`${id}-at`}
                value={state.at ?? ''}
                disabled={level !== 'commune'}
                onChange={(e) => update({ at: e.target.value || undefined })}
              >
                {AT_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {i.t(c.label)}
                  </option>
                ))}
              </select>
            </span>
          </div>
          {indicator && parent && (
            <span className="map-exports">
              <ExportMenu
                title={`${i.t('screen.map')} ${indicator}`}
                lang={i.lang}
                png={() => panelPng(document.querySelector<HTMLElement>('[data-testid="map"]'))}
                data={
                  level === 'country' || !span
                    ? undefined
                    : {
                        indicators: [indicator],
                        unit: parent,
                        by: 'unit',
                        from: span.from,
                        to: span.to,
                        at: level === 'commune' ? state.at : undefined,
                      }
                }
              />
            </span>
          )}
        </form>
      )}
      {level === 'country' && <p className="map-note">{i.t('nation.note')}</p>}
      <div className="map-layout" ref={setLayout}>
        {(!parent || !span) && (tree.status === 'loading' || bounds.status === 'loading') && (
          <LoadingState label={i.t('map.loading')} />
        )}
        {tree.status === 'error' && <ErrorState error={tree.error} retry={tree.retry} />}
        {!parent && tree.status === 'ready' && <p className="map-note">{i.t('map.noData')}</p>}
        {parent && span && (
          <MapView
            unit={parent}
            indicator={indicator}
            from={span.from}
            to={span.to}
            at={level === 'commune' ? state.at : undefined}
            classes={method}
            level={level}
            wall={wall}
            height={mapHeight}
            selected={selected}
            onSelect={(unit) => level === 'commune' && update({ unit })}
            onData={(units, unit, disclosure) => setList({ units, unit, disclosure })}
          />
        )}
        {!wall && (
          <aside
            className="map-side"
            style={{ ['--map-height' as string]: typeof mapHeight === 'number' ? `${mapHeight}px` : mapHeight }}
          >
            {selected && (
              <UnitProfile
                unit={selected}
                to={span?.to}
                indicator={indicator}
                onClose={() => update({ unit: parent })}
              />
            )}
            {level === 'commune' && (
              <nav aria-label={i.t('map.units')}>
                <h2>{i.t('map.units')}</h2>
                <p className="map-note">{i.t('map.keyboard')}</p>
                <ul className="map-units">
                  {[...list.units]
                    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
                    .map((u) => {
                      const value = u.suppressed
                        ? withheldUnitLabel(i, list.disclosure, u.reason)
                        : u.value === null
                          ? i.t('map.noData')
                          : i.value(u.value, list.unit);
                      return (
                        <li key={u.code}>
                          <button
                            type="button"
                            aria-pressed={u.code === selected}
                            onClick={() => update({ unit: u.code })}
                          >
                            <span className="map-units__swatch" style={{ background: u.fill }} aria-hidden="true" />
                            <span>{u.name}</span>
                            <span className="map-units__value">{value}</span>
                          </button>
                        </li>
                      );
                    })}
                </ul>
              </nav>
            )}
            <MethodNote
              disclosure={list.disclosure?.method}
              indicators={[
                catalogue.status === 'ready' ? catalogue.data.find((m) => m.id === indicator)?.disclosure : undefined,
              ]}
            />
            <IndicatorSources
              sources={
                catalogue.status === 'ready' ? catalogue.data.find((m) => m.id === indicator)?.sources : undefined
              }
            />
          </aside>
        )}
      </div>
    </div>
  );
}
