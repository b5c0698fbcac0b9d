// The Overview's map: MapView (light: it draws the choropleth as SVG at once and loads MapLibre's
// chunk itself), guarded so the Overview still works when the map fails. The height given is the map's
// drawing: its legend comes below it, never over it.
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { useI18n } from '../../i18n/index.ts';
import MapView, { type MapViewProps } from '../../map/MapView.tsx';

export function MapPanel(props: MapViewProps) {
  const { t } = useI18n();
  return (
    <ErrorBoundary
      resetKey={props.indicator ?? ''}
      fallback={() => <p className="state">{t('overview.map_missing')}</p>}
    >
      <MapView {...props} height={undefined} stageHeight={props.stageHeight ?? props.height ?? 320} />
    </ErrorBoundary>
  );
}
