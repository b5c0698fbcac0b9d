// What every screen component receives: the view state and a way to change it (the URL follows).
import type { ViewState } from '../state/view-state.ts';

export interface ScreenProps {
  state: ViewState;
  /** Merges a change into the view state and pushes it to the URL. */
  update: (patch: Partial<ViewState>) => void;
  /** true on the wall screen: large type, dark theme, no controls */
  wall?: boolean;
}
