// The link to GET /api/live: one EventSource, its state (connecting, live, down), `changes` and
// `reset` messages. EventSource reconnects by itself (sending Last-Event-ID, so the server replays
// what was missed or sends a reset); when it gives up (an HTTP error, a wrong content type) a new
// one is made after a growing delay, resuming with ?last_event_id= from the last message seen. A
// link back without any message seen cannot resume: what happened meanwhile is unknown, and
// everything is refetched. The EventSource and the clock are injectable
// (tests/unit/web-live-connection.test.ts).
import { parseLiveMessage, type LiveMessage } from './live-message.ts';
import type { Connection } from './live-store.ts';
import { realClock, type Clock } from './throttle.ts';

/** What of EventSource is used here. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  close(): void;
}

const CLOSED = 2;

export interface LiveHandlers {
  onConnection(state: Connection): void;
  onMessage(message: LiveMessage): void;
  /** refetch everything: the server could not replay, or a new link cannot tell what was missed */
  onReset(): void;
}

/**
 * Delay before the n-th new link (from 0): 1 s, 2 s, 4 s … at most 30 s, ±20 % so screens do not come
 * back all at once.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Opens the link; the returned function closes it for good. */
export function connectLive(
  url: string,
  on: LiveHandlers,
  create: (url: string) => EventSourceLike = (u) => new EventSource(u),
  clock: Clock = realClock,
): () => void {
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let stopped = false;
  let lastId = '';
  /** a link was up, or one failed: a later one may have missed something */
  let broken = false;

  const open = () => {
    timer = null;
    const es = create(
      lastId ? `${url}${url.includes('?') ? '&' : '?'}last_event_id=${encodeURIComponent(lastId)}` : url,
    );
    source = es;
    es.onopen = () => {
      if (stopped || source !== es) return;
      attempt = 0;
      on.onConnection('live');
      // Back, but with nothing to resume from (no message seen): what happened meanwhile is unknown.
      if (broken && !lastId) on.onReset();
      broken = true;
    };
    es.onerror = () => {
      if (stopped || source !== es) return;
      broken = true;
      on.onConnection('down');
      if (es.readyState !== CLOSED) return; // EventSource tries again by itself
      es.close();
      source = null;
      timer = clock.setTimeout(open, backoffMs(attempt++));
    };
    es.addEventListener('changes', (e) => {
      if (source !== es) return;
      if (e.lastEventId) lastId = e.lastEventId;
      const message = parseLiveMessage(e.data);
      if (message) on.onMessage(message);
    });
    es.addEventListener('reset', (e) => {
      if (source !== es) return;
      if (e.lastEventId) lastId = e.lastEventId;
      on.onReset();
    });
  };

  open();
  return () => {
    stopped = true;
    if (timer !== null) clock.clearTimeout(timer);
    source?.close();
    source = null;
  };
}
