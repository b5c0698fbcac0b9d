// The wall screen's settings from its URL (/wall?screens=overview,map&every=30) and its rotation.
// Pure; tested in tests/unit/web-wall.test.ts.
import { SCREENS, type Screen } from '../state/view-state.ts';

export interface WallConfig {
  screens: Screen[];
  /** seconds each screen stays */
  every: number;
}

export const WALL_DEFAULT: WallConfig = { screens: ['overview', 'map'], every: 30 };
/** Fewer than 5 s cannot be read; more than an hour is not a rotation. */
const WALL_MIN_S = 5;
const WALL_MAX_S = 3600;

/** Reads `screens` (known, available, without repeats) and `every` (clamped seconds). */
export function parseWall(search: string, available: readonly Screen[] = SCREENS): WallConfig {
  const q = new URLSearchParams(search);
  const asked = (q.get('screens') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const screens = [...new Set(asked)].filter((s): s is Screen => (available as readonly string[]).includes(s));
  const every = Number(q.get('every'));
  const defaults = WALL_DEFAULT.screens.filter((s) => available.includes(s));
  return {
    screens: screens.length ? screens : defaults.length ? defaults : available.slice(0, 1),
    every:
      Number.isFinite(every) && every > 0
        ? Math.min(WALL_MAX_S, Math.max(WALL_MIN_S, Math.round(every)))
        : WALL_DEFAULT.every,
  };
}

/** Which screen shows after `elapsedMs` since the wall started. */
export function wallIndex(elapsedMs: number, everyS: number, count: number): number {
  if (count <= 0) return 0;
  const step = Math.floor(Math.max(0, elapsedMs) / (everyS * 1000));
  return step % count;
}

/** Milliseconds until the next screen. */
export function msToNext(elapsedMs: number, everyS: number): number {
  const period = everyS * 1000;
  return period - (Math.max(0, elapsedMs) % period);
}

/** The wall's URL for a configuration (default values kept explicit so the link says what it does). */
export function wallUrl(config: WallConfig, lang: 'vi' | 'en' = 'vi'): string {
  const q = new URLSearchParams({ screens: config.screens.join(','), every: String(config.every) });
  if (lang === 'en') q.set('lang', 'en');
  return `/wall?${q.toString().replace(/%2C/g, ',')}`;
}
