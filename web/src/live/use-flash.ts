// The highlight of what changed: items (tiles, list rows) whose value differs from the previous
// answer of the same scope get the class `live-flash` (a ~2 s CSS animation, none under
// prefers-reduced-motion); a first answer, or one for another unit or language, flashes nothing.
import { useEffect, useRef, useState } from 'react';
import { changedKeys } from './live-store.ts';

type Value = string | number | boolean | null;

/** Returns, for an item's key, its class names while it shows a change ('' otherwise). */
export function useFlashes(
  entries: readonly (readonly [string, Value])[] | null,
  scope: string,
): (key: string) => string {
  const signature = entries ? JSON.stringify(entries) : null;
  const previous = useRef<{ scope: string; values: Map<string, Value> } | null>(null);
  const [flash, setFlash] = useState<{ keys: ReadonlySet<string>; n: number }>({ keys: new Set(), n: 0 });
  useEffect(() => {
    if (signature === null) return;
    const values = new Map(JSON.parse(signature) as [string, Value][]);
    const before = previous.current?.scope === scope ? previous.current.values : null;
    previous.current = { scope, values };
    const keys = changedKeys(before, values);
    if (keys.size) setFlash((f) => ({ keys, n: f.n + 1 }));
    else if (!before) setFlash((f) => (f.keys.size ? { keys: new Set(), n: f.n } : f));
  }, [signature, scope]);
  // Two class names in turn, so that a second change of the same item starts the animation again.
  return (key) => (flash.keys.has(key) ? (flash.n % 2 ? 'live-flash' : 'live-flash live-flash--again') : '');
}

/** The same for one value. */
export function useFlash(value: Value | undefined, scope: string): string {
  return useFlashes(value === undefined ? null : [['value', value]], scope)('value');
}
