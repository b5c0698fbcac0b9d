// The screen registry: the one place that says which screens exist, their menu label and their
// module. A screen whose file is not in the build has no menu entry (import.meta.glob only sees
// files that exist), and each screen is its own chunk, loaded when it is first shown.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Screen } from '../state/view-state.ts';
import type { ScreenProps } from './screen-props.ts';

interface ScreenEntry {
  id: Screen;
  /** i18n key of the menu label and page title */
  label: string;
  /** file under web/src/views/ */
  file: string;
  /** false: no panels to freeze, so no "Chụp nhanh" (default true) */
  snapshot?: boolean;
}

const REGISTRY: ScreenEntry[] = [
  { id: 'overview', label: 'screen.overview', file: 'Overview.tsx' },
  { id: 'map', label: 'screen.map', file: 'MapScreen.tsx' },
  { id: 'targets', label: 'screen.targets', file: 'Targets.tsx' },
  { id: 'procedures', label: 'screen.procedures', file: 'Procedures.tsx' },
  { id: 'index766', label: 'screen.index766', file: 'Index766.tsx' },
  { id: 'population', label: 'screen.population', file: 'Population.tsx' },
  { id: 'forecast', label: 'screen.forecast', file: 'Forecast.tsx' },
  { id: 'tasks', label: 'screen.tasks', file: 'Tasks.tsx', snapshot: false },
  { id: 'briefs', label: 'screen.briefs', file: 'Briefs.tsx', snapshot: false },
  { id: 'catalog', label: 'screen.catalog', file: 'Catalog.tsx', snapshot: false },
];

type ScreenModule = Record<string, unknown> & { default?: ComponentType<ScreenProps> };
const MODULES = import.meta.glob<ScreenModule>(['../views/*.tsx', '!../views/Wall.tsx']);

export interface AvailableScreen extends ScreenEntry {
  Component: LazyExoticComponent<ComponentType<ScreenProps>>;
}

function load(entry: ScreenEntry, loader: () => Promise<ScreenModule>): AvailableScreen {
  const named = entry.file.replace(/\.tsx$/, '');
  const Component = lazy(async () => {
    const mod = await loader();
    const component = (mod.default ?? mod[named]) as ComponentType<ScreenProps> | undefined;
    if (!component) throw new Error(`web/src/views/${entry.file} exports no screen component`);
    return { default: component };
  });
  return { ...entry, Component };
}

export const AVAILABLE: AvailableScreen[] = REGISTRY.flatMap((e) => {
  const loader = MODULES[`../views/${e.file}`];
  return loader ? [load(e, loader)] : [];
});

export const screenById = (id: Screen): AvailableScreen | undefined => AVAILABLE.find((s) => s.id === id);
export const availableIds = (): Screen[] => AVAILABLE.map((s) => s.id);
