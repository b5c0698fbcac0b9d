// The link to /api/live: its states, messages and resets, and a new EventSource after a growing
// delay when one gives up (resuming from the last message seen). A fake EventSource and clock.
import { describe, expect, it } from 'vitest';
import { backoffMs, connectLive, type EventSourceLike, type LiveHandlers } from '../../web/src/live/live-connection.ts';
import type { Clock } from '../../web/src/live/throttle.ts';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  /** a broken link: EventSource tries again (0) or gives up (2) */
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
  emit(type: string, data: string, lastEventId = '') {
    for (const fn of this.listeners.get(type) ?? []) fn({ data, lastEventId } as MessageEvent<string>);
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const log: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const clock: Clock = { now: () => 0, setTimeout: (fn, ms) => timers.push({ fn, ms }), clearTimeout: () => undefined };
  const on: LiveHandlers = {
    onConnection: (s) => log.push(s),
    onMessage: (m) => log.push(`message ${m.changes.length}`),
    onReset: () => log.push('reset'),
  };
  const stop = connectLive(
    '/api/live',
    on,
    (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    clock,
  );
  const last = () => sources[sources.length - 1];
  const runTimer = () => timers.shift()!.fn();
  return { sources, log, timers, stop, last, runTimer };
}

const MESSAGE = JSON.stringify({
  at: '2026-05-20T03:00:00Z',
  batches: [1],
  data_version: 1,
  data_date: '2026-05-20',
  changes: [{ unit: 'u', indicator: 'i', period: '2026-05', value: 1, previous: 0, suppressed: false }],
  alerts: [],
});

describe('connectLive', () => {
  it('opens, passes messages and resets on, ignores what is not a message', () => {
    const h = harness();
    h.last().open();
    h.last().emit('changes', MESSAGE, 'b.1');
    h.last().emit('changes', 'not json', 'b.2');
    h.last().emit('reset', '', 'b.3');
    expect(h.log).toEqual(['live', 'message 1', 'reset']);
  });

  it('while EventSource tries again by itself the link is down; back, it resumes from the last message (the server replays)', () => {
    const h = harness();
    h.last().open();
    h.last().emit('changes', MESSAGE, 'a1b2.7');
    h.last().fail(0);
    h.last().open();
    expect(h.log).toEqual(['live', 'message 1', 'down', 'live']);
    expect(h.sources.length).toBe(1);
  });

  it('back with no message seen before, it cannot resume: everything is refetched', () => {
    const h = harness();
    h.last().open();
    h.last().fail(0);
    h.last().open();
    expect(h.log).toEqual(['live', 'down', 'live', 'reset']);
  });

  it('the first link refetches nothing (the screens have just loaded); a first link that came late does', () => {
    const h = harness();
    h.last().open();
    expect(h.log).toEqual(['live']);
    const late = harness();
    late.last().fail(0);
    late.last().open();
    expect(late.log).toEqual(['down', 'live', 'reset']);
  });

  it('when EventSource gives up, a new one comes after a delay and everything is refetched', () => {
    const h = harness();
    h.last().open();
    h.last().fail(2);
    expect(h.sources[0].closed).toBe(true);
    expect(h.timers.length).toBe(1);
    h.runTimer();
    expect(h.sources.length).toBe(2);
    expect(h.last().url).toBe('/api/live');
    h.last().open();
    expect(h.log).toEqual(['live', 'down', 'live', 'reset']);
  });

  it('a new EventSource resumes from the last message seen (the server replays or resets)', () => {
    const h = harness();
    h.last().open();
    h.last().emit('changes', MESSAGE, 'a1b2.42');
    h.last().fail(2);
    h.runTimer();
    expect(h.last().url).toBe('/api/live?last_event_id=a1b2.42');
    h.last().open();
    expect(h.log).toEqual(['live', 'message 1', 'down', 'live']);
  });

  it('the delays grow while it keeps failing, and start again once it is back', () => {
    const h = harness();
    const delays: number[] = [];
    for (let k = 0; k < 4; k++) {
      h.last().fail(2);
      delays.push(h.timers[0].ms);
      h.runTimer();
    }
    expect(delays.every((d, k) => k === 0 || d > delays[k - 1])).toBe(true);
    h.last().open();
    h.last().fail(2);
    expect(h.timers[0].ms).toBeLessThanOrEqual(1200);
  });

  it('once stopped, nothing more is reported and the source is closed', () => {
    const h = harness();
    const first = h.last();
    h.stop();
    first.open();
    first.emit('changes', MESSAGE);
    expect(first.closed).toBe(true);
    expect(h.log).toEqual([]);
  });

  it('an old source that gave up says nothing after the new one took over', () => {
    const h = harness();
    const old = h.last();
    old.fail(2);
    h.runTimer();
    old.emit('changes', MESSAGE);
    old.onerror?.(new Event('error'));
    expect(h.log).toEqual(['down']);
  });
});

describe('backoffMs', () => {
  it.each([
    [0, 0.5, 1000],
    [1, 0.5, 2000],
    [3, 0.5, 8000],
    [10, 0.5, 30000],
    [0, 0, 800],
    [0, 1, 1200],
    [-2, 0.5, 1000],
  ])('attempt %i, random %d → %i ms', (attempt, r, ms) => expect(backoffMs(attempt, () => r)).toBe(ms));
});
