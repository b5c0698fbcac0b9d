// The Overview's map: MapView, loaded lazily (its chunk carries MapLibre) and
// guarded, so the Overview still works when the map is missing or fails.
import { lazy, Suspense, type ComponentType } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.ts';

import type { MapViewProps } from '../../map/MapView.tsx'; // a type only: the chunk still loads lazily

type MapModule = { default?: ComponentType<MapViewProps>; MapView?: ComponentType<MapViewProps> };
const loader = import.meta.glob<MapModule>('../../map/MapView.tsx')['../../map/MapView.tsx'];

// Start fetching the map chunk (MapLibre) as soon as the Overview loads, in parallel with its data,
// instead of when the panel first renders; the dynamic import is shared, so nothing loads twice.
const early = loader?.().catch(() => undefined);

const MapView = loader
  ? lazy(async () => {
      const mod = (await early) ?? (await loader());
      const component = mod.default ?? mod.MapView;
      if (!component) throw new Error('map/MapView.tsx exports no component');
      return { default: component };
    })
  : null;

export function MapPanel(props: MapViewProps) {
  const { t } = useI18n();
  const missing = <p className="state">{t('overview.map_missing')}</p>;
  if (!MapView) return missing;
  return (
    <ErrorBoundary resetKey={props.indicator} fallback={() => missing}>
      <Suspense fallback={<LoadingState />}>
        <MapView {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
