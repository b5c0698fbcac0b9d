// The live throttle: the first trigger runs at once, later ones in the interval gather into one run.
import { describe, expect, it } from 'vitest';
import { throttle, type Clock } from '../../web/src/live/throttle.ts';

/** A clock moved by hand: timers fire when `advance` passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (to: number) => {
    for (;;) {
      const due = timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = to;
  };
  return { clock, advance };
}

describe('throttle', () => {
  it.each([
    ['one trigger runs at once', [0], 5000, [0]],
    ['a burst runs once at once and once at the end of the interval', [0, 100, 200, 900], 5000, [0, 1500]],
    ['triggers far apart each run at once', [0, 2000, 4000], 5000, [0, 2000, 4000]],
    ['a trigger just after a run waits for the interval', [0, 1600, 1700], 5000, [0, 1600, 3100]],
    [
      'a steady stream runs once per interval',
      [0, 500, 1000, 1500, 2000, 2500, 3000, 3500],
      5000,
      [0, 1500, 3000, 4500],
    ],
    ['nothing runs without a trigger', [], 5000, []],
  ])('%s', (_, triggers, until, runs) => {
    const { clock, advance } = fakeClock();
    const seen: number[] = [];
    const t = throttle(() => seen.push(clock.now()), 1500, clock);
    for (const at of triggers) {
      advance(at);
      t.trigger();
    }
    advance(until);
    expect(seen).toEqual(runs);
  });

  it('cancel drops the waiting run', () => {
    const { clock, advance } = fakeClock();
    const seen: number[] = [];
    const t = throttle(() => seen.push(clock.now()), 1500, clock);
    t.trigger();
    advance(100);
    t.trigger();
    t.cancel();
    advance(5000);
    expect(seen).toEqual([0]);
  });
});
