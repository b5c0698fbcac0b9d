// Bản đồ / Map: the choropleth of an indicator by commune (or district, or the 63 provinces), with its
// controls in the URL, a keyboard list of units and the profile of the unit clicked.
import { useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { units as loadUnits } from '../app/data.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { CLASS_METHODS, type ClassMethod } from '../map/classify.ts';
import type { UnitDatum } from '../map/join.ts';
import { indicatorCatalogue, type MapLevel } from '../map/map-data.ts';
import MapView from '../map/MapView.tsx';
import { ExportMenu, panelPng } from '../components/ExportMenu.tsx';
import { MethodNote } from '../components/MethodNote.tsx';
import { IndicatorSources } from '../components/IndicatorSources.tsx';
import { withheldUnitLabel, type DisclosureInfo } from '../charts/withheld.ts';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { mapParent, mapProvince } from '../map/map-unit.ts';
import { UnitProfile } from '../map/UnitProfile.tsx';
import '../map/map.css';

const LEVELS: MapLevel[] = ['commune', 'district', 'country'];
const DOMAINS = ['population', 'procedures'] as const;
/** `at` choices: the plan's base units, the 15 units of 2025-01, the 5 communes of 2025-07. */
const AT_CHOICES: { value: string; label: string }[] = [
  { value: '', label: 'map.at.base' },
  { value: '2025-01-15', label: 'map.at.2025-01' },
  { value: '2025-07-01', label: 'map.at.2025-07' },
];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export default function MapScreen({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const id = useId();
  const level: MapLevel = state.layer ?? 'commune';
  const [list, setList] = useState<{ units: UnitDatum[]; unit: string; disclosure?: DisclosureInfo }>({
    units: [],
    unit: '',
  });
  const catalogue = useAsync(indicatorCatalogue, 'catalogue');
  const tree = useAsync(loadUnits, 'units');
  const indicator = state.indicator ?? 'population';
  const method: ClassMethod = state.classes ?? 'quantile';
  // The unit the map asks for comes from the unit tree: a district for the communes, a province for the rest.
  const roots = tree.status === 'ready' ? tree.data.units : undefined;
  const parent = roots && (level === 'commune' ? mapParent(roots, state.unit) : mapProvince(roots, state.unit));
  const selected = parent && state.unit !== parent && level === 'commune' ? state.unit : undefined;
  const groups = useMemo(
    () =>
      catalogue.status === 'ready'
        ? DOMAINS.map((d) => ({ d, items: catalogue.data.filter((m) => m.domain === d) }))
        : [],
    [catalogue],
  );
  const month = (v: string) => (MONTH.test(v) ? v : undefined);

  return (
    <div className={`map-screen${wall ? ' map-screen--wall' : ''}`}>
      {!wall && (
        <form className="map-controls" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={`${id}-ind`}>{i.t('map.indicator')}</label>
          <select id={`${id}-ind`} value={indicator} onChange={(e) => update({ indicator: e.target.value })}>
            {groups.length === 0 && <option value={indicator}>{indicator}</option>}
            {groups.map((g) => (
              <optgroup key={g.d} label={i.t(`map.group.${g.d}`)}>
                {g.items.map((m) => (
                  <option key={m.id} value={m.id}>
                    {i.lang === 'en' ? m.name_en : m.name_vi}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <label htmlFor={`${id}-cls`}>{i.t('map.method')}</label>
          <select id={`${id}-cls`} value={method} onChange={(e) => update({ classes: e.target.value as ClassMethod })}>
            {CLASS_METHODS.map((m) => (
              <option key={m} value={m}>
                {i.t(`map.method.${m}`)}
              </option>
            ))}
          </select>
          <fieldset className="map-controls__layers">
            <legend>{i.t('map.layer')}</legend>
            {LEVELS.map((l) => (
              <label key={l}>
                <input
                  type="radio"
                  name={`${id}-layer`}
                  value={l}
                  checked={level === l}
                  onChange={() => update({ layer: l === 'commune' ? undefined : l })}
                />{' '}
                {i.t(`map.layer.${l}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-from`}>{i.t('map.from')}</label>
          <input
            id={`${id}-from`}
            type="month"
            value={state.from ?? ''}
            max={state.to}
            onChange={(e) => update({ from: month(e.target.value) })}
          />
          <label htmlFor={`${id}-to`}>{i.t('map.to')}</label>
          <input
            id={`${id}-to`}
            type="month"
            value={state.to ?? ''}
            min={state.from}
            onChange={(e) => update({ to: month(e.target.value) })}
          />
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
        </form>
      )}
      {level === 'country' && <p className="map-note">{i.t('map.country.note')}</p>}
      {!wall && indicator && parent && (
        <p className="map-exports">
          <ExportMenu
            title={`${i.t('screen.map')} ${indicator}`}
            lang={i.lang}
            png={() => panelPng(document.querySelector<HTMLElement>('[data-testid="map"]'))}
            data={
              level === 'country'
                ? undefined
                : {
                    indicators: [indicator],
                    unit: parent,
                    by: 'unit',
                    from: state.from,
                    to: state.to,
                    at: level === 'commune' ? state.at : undefined,
                  }
            }
          />
        </p>
      )}
      <div className="map-layout">
        {!parent && tree.status === 'loading' && <LoadingState label={i.t('map.loading')} />}
        {tree.status === 'error' && <ErrorState error={tree.error} retry={tree.retry} />}
        {!parent && tree.status === 'ready' && <p className="map-note">{i.t('map.noData')}</p>}
        {parent && (
          <MapView
            unit={parent}
            indicator={indicator}
            from={state.from}
            to={state.to}
            at={level === 'commune' ? state.at : undefined}
            classes={method}
            level={level}
            wall={wall}
            height={wall ? 'calc(100vh - 160px)' : 'min(72vh, 720px)'}
            selected={selected}
            onSelect={(unit) => level === 'commune' && update({ unit })}
            onData={(units, unit, disclosure) => setList({ units, unit, disclosure })}
          />
        )}
        {!wall && (
          <aside className="map-side">
            {selected && <UnitProfile unit={selected} to={state.to} onClose={() => update({ unit: parent })} />}
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
