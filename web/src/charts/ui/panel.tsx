// Small building blocks of the Targets, Procedures and Population screens: a panel, an indicator
// tile (a value for a period, not a target: components/KpiTile is the target tile), a value that may
// be suppressed, and the loading / error states of an async answer.
import type { ReactNode } from 'react';
import type { Disclosure, Suppression } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.ts';
import type { Async } from '../../app/use-async.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { SuppressedValue } from '../../components/SuppressedValue.tsx';
import { ExportablePanel } from '../../components/ExportMenu.tsx';
import type { PanelData } from '../../components/export-query.ts';

/**
 * A titled panel; with `data` it offers its data as CSV and XLSX, with `picture` its chart as PNG
 * (components/ExportMenu.tsx).
 */
export function Panel({
  title,
  children,
  wide,
  id,
  data,
  picture,
  snapshot,
  label,
  directive,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  id?: string;
  data?: PanelData;
  picture?: boolean;
  /** false: its data stay out of a snapshot (another panel already freezes them) */
  snapshot?: boolean;
  /** an indicator's name in its list of downloads (default: its kpi.<id> message) */
  label?: (indicator: string) => string;
  /** false: no "Giao việc" of the chart's own (the screen offers a better one) */
  directive?: boolean;
}) {
  if (data || picture)
    return (
      <ExportablePanel
        title={title}
        id={id}
        wide={wide}
        data={data}
        picture={!!picture}
        snapshot={snapshot}
        label={label}
        directive={directive}
      >
        {children}
      </ExportablePanel>
    );
  return (
    <section
      className="ioc-panel"
      aria-labelledby={id}
      style={{
        gridColumn: wide ? '1 / -1' : undefined,
        background: 'var(--panel-bg, #fff)',
        border: '1px solid #dde1e6',
        borderRadius: 8,
        padding: 12,
        minWidth: 0,
      }}
    >
      <h2 id={id} style={{ fontSize: '1.05em', margin: '0 0 8px' }}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ValueText({
  value,
  unit,
  suppressed,
  minCell,
  disclosure,
  reason,
}: {
  value: number | null;
  unit: string;
  suppressed: boolean;
  minCell?: number;
  /** the server's method and its reason for a withheld value: the words of the hidden mark */
  disclosure?: Disclosure | null;
  reason?: Suppression;
}) {
  const i = useI18n();
  if (suppressed) return <SuppressedValue minCell={minCell} disclosure={disclosure} reason={reason} />;
  if (value === null) return <span title={i.t('chart.no_value')}>—</span>;
  return <>{i.value(value, unit)}</>;
}

export function IndicatorTile(props: {
  label: string;
  value: number | null;
  unit: string;
  suppressed: boolean;
  note?: string;
  selected?: boolean;
  onSelect?: () => void;
  minCell?: number;
  disclosure?: Disclosure | null;
  reason?: Suppression;
  flash?: string;
}) {
  const body = (
    <>
      <span style={{ display: 'block', fontSize: '0.85em', color: '#4b5563', minHeight: '2.4em' }}>{props.label}</span>
      <strong style={{ display: 'block', fontSize: '1.6em' }}>
        <ValueText
          value={props.value}
          unit={props.unit}
          suppressed={props.suppressed}
          minCell={props.minCell}
          disclosure={props.disclosure}
          reason={props.reason}
        />
      </strong>
      {props.note && <span style={{ fontSize: '0.8em', color: '#4b5563' }}>{props.note}</span>}
    </>
  );
  const style = {
    textAlign: 'left' as const,
    padding: 10,
    borderRadius: 8,
    border: props.selected ? '2px solid #2f6fd6' : '1px solid #dde1e6',
    background: 'var(--panel-bg, #fff)',
    font: 'inherit',
    color: 'inherit',
    minWidth: 0,
  };
  return props.onSelect ? (
    <button
      type="button"
      className={`ioc-kpi ${props.flash ?? ''}`.trim()}
      aria-pressed={props.selected}
      onClick={props.onSelect}
      style={{ ...style, cursor: 'pointer' }}
    >
      {body}
    </button>
  ) : (
    <div className={`ioc-kpi ${props.flash ?? ''}`.trim()} style={style}>
      {body}
    </div>
  );
}

/** Loading and error lines for an async answer; children render once it is ready. */
export function AsyncView<T>({
  state,
  children,
}: {
  state: Async<T> & { retry: () => void };
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={state.retry} />;
  return <>{children(state.data)}</>;
}

export const gridStyle = (min = 320) => ({
  display: 'grid',
  gap: 12,
  gridTemplateColumns: `repeat(auto-fill, minmax(min(${min}px, 100%), 1fr))`,
});
