// Graceful overload: when the event loop lags (the process is saturated) the server answers new
// API requests with 503 and Retry-After at once, instead of queueing them until everything times
// out; the DuckDB pool answers 503 the same way when its wait queue is full (server/db/pool.ts).
// Health, sign-out and the app's static files are always served. @fastify/under-pressure measures the lag;
// this plugin decides which requests it refuses and how. Unlike the hand-written monitor it replaced, it
// judges the mean delay of the loop's ticks over a sample (less its 10 ms resolution), not the longest
// stall (one long job no longer refuses requests, a saturated loop does), and its measure cannot be stubbed.
import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';

export interface PressureOptions {
  /** mean event-loop delay (ms, over a sample) above which API requests are refused */
  maxLagMs: number;
  /** how often the delay is sampled (under-pressure's default: every second) */
  sampleMs?: number;
}

export const overloaded = (retryAfter: number) =>
  new HttpError(
    503,
    'overloaded',
    `Máy chủ đang quá tải, vui lòng thử lại sau ${retryAfter} giây.`,
    `The server is overloaded; please try again in ${retryAfter} seconds.`,
    retryAfter,
  );

/** Seconds a refused caller should wait: the measured mean lag rounded up to whole seconds, 1…30. */
export const retryAfterSeconds = (lagMs: number): number => Math.min(30, Math.max(1, Math.ceil(lagMs / 1000)));

/** API requests are refused under pressure, but health and sign-out. */
function guarded(request: FastifyRequest): boolean {
  // by the route the router matched, not the URL as sent ("/%61pi/…" is the API too)
  const route = request.routeOptions.url;
  return route !== undefined && route.startsWith('/api/') && route !== '/api/health' && route !== '/api/auth/logout';
}

const pressurePlugin: FastifyPluginAsync<PressureOptions> = async (app, opts) => {
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxLagMs,
    sampleInterval: opts.sampleMs,
    // Called only while under pressure: returning lets the request through, throwing answers it through
    // the error handler (503, Retry-After, the message in the caller's language).
    pressureHandler: async (request, _reply, _type, lagMs) => {
      if (!guarded(request)) return;
      const lag = lagMs ?? opts.maxLagMs;
      request.log.warn({ lagMs: Math.round(lag) }, 'overloaded: request refused');
      throw overloaded(retryAfterSeconds(lag));
    },
  });
};

export default fp(pressurePlugin, { name: 'pressure' });
