// A throttle for live updates: the first trigger runs at once, later ones within `intervalMs` are
// gathered into one run at the end of the interval, so screens refetch at most once per interval.
// The clock is injectable for tests (tests/unit/web-live-throttle.test.ts).

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  trigger(): void;
  cancel(): void;
}

export function throttle(run: () => void, intervalMs: number, clock: Clock = realClock): Throttled {
  let last = -Infinity;
  let timer: unknown = null;
  const fire = () => {
    timer = null;
    last = clock.now();
    run();
  };
  return {
    trigger() {
      if (timer !== null) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) fire();
      else timer = clock.setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
