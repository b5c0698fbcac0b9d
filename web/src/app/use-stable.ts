// A value that keeps its identity while its data stay the same (compared as JSON): a screen that
// renders again with equal data (a live refresh) passes a new object, and gets the one it had, so
// whatever is memoised on it (a chart's option, a registration) is kept rather than made anew.
import { useState } from 'react';

export function useStable<T>(value: T): T {
  const json = JSON.stringify(value);
  const [kept, setKept] = useState({ json, value });
  if (kept.json !== json) {
    // the data changed: keep the new value (React renders again at once, before committing)
    setKept({ json, value });
    return value;
  }
  return kept.value;
}
