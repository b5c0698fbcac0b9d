// The "Giao việc" of a chart panel (components/ExportMenu.tsx ExportablePanel): the directive form about the panel's
// indicator (its only one; a panel of several names none) for the panel's unit.
import type { PanelData } from '../components/export-query.ts';
import { GiveDirective } from './GiveDirective.tsx';

export function ChartDirective({ title, data }: { title: string; data?: PanelData }) {
  if (!data || data.targets || data.indicators.length === 0) return null;
  return (
    <GiveDirective
      context={{
        unit_id: data.unit,
        source: 'chart',
        indicator: data.indicators.length === 1 ? data.indicators[0] : undefined,
      }}
      subject={title}
    />
  );
}
