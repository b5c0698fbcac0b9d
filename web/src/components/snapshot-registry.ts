// The panels of the current view that a snapshot freezes: each panel with data registers what it
// asked the server for while it is on screen; the snapshot button reads them. Module state (one view
// at a time), not React state: nothing re-renders when a panel comes or goes.
import { useEffect } from 'react';
import { useStable } from '../app/use-stable.ts';
import type { PanelData } from './export-query.ts';

export type SnapshotPanel =
  | {
      id: string;
      title: string;
      kind: 'indicator';
      request: {
        indicator: string;
        unit: string;
        from?: string;
        to?: string;
        by?: string;
        at?: string;
        filters?: Record<string, string>;
      };
    }
  | { id: string; title: string; kind: 'targets'; request: { unit: string } }
  /** the overdue directives and tasks of a unit (the Overview's follow-up panel) */
  | { id: string; title: string; kind: 'followup'; request: { unit: string } };

const panels = new Map<string, SnapshotPanel[]>();

/** The snapshot panels of one screen panel: one per indicator it shows. */
export function snapshotPanels(
  key: string,
  title: string,
  data: PanelData,
  label: (indicator: string) => string = (id) => id,
): SnapshotPanel[] {
  if (data.targets) return [{ id: `${key}:targets`, title, kind: 'targets', request: { unit: data.unit } }];
  const filters = Object.fromEntries(Object.entries(data.filters ?? {}).filter((e): e is [string, string] => !!e[1]));
  return data.indicators.map((indicator) => ({
    id: `${key}:${indicator}`,
    title: data.indicators.length > 1 ? `${title} – ${label(indicator)}` : title,
    kind: 'indicator' as const,
    request: { indicator, unit: data.unit, from: data.from, to: data.to, by: data.by, at: data.at, filters },
  }));
}

/** Registers a panel for snapshots while it is mounted. */
export function useSnapshotPanel(key: string, entries: SnapshotPanel[] | null): void {
  // the same entries again (a new array, equal data) leave the registration as it is
  const stable = useStable(entries);
  useEffect(() => {
    if (!stable) return;
    panels.set(key, stable);
    return () => {
      panels.delete(key);
    };
  }, [key, stable]);
}

export const currentPanels = (): SnapshotPanel[] => [...panels.values()].flat();
