// The path of every screen of the app, the one list of them: the overview at '/', the other screens of
// state/view-state.ts at '/<screen>', the wall at '/wall', the admin screens at '/admin/<screen>'. Pure
// (no React): the router (use-view-state.ts) and the server's view export (server/routes/view-export.ts,
// which prints only these paths) both read it.
import { ADMIN_SCREENS } from '../auth/session.ts';
import { SCREENS, type Screen } from '../state/view-state.ts';

export const WALL_PATH = '/wall';

/** The path of a screen of view-state.ts (the overview is the app's root). */
export const screenPath = (screen: Screen): string => (screen === 'overview' ? '/' : `/${screen}`);

export const SCREEN_PATHS: readonly string[] = [
  ...SCREENS.map(screenPath),
  WALL_PATH,
  ...ADMIN_SCREENS.map((s) => `/admin/${s}`),
];
