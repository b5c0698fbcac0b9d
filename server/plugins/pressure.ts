// Graceful overload: when the event loop lags (the process is saturated) the server answers new
// API requests with 503 and Retry-After at once, instead of queueing them until everything times
// out; the DuckDB pool answers 503 the same way when its wait queue is full (server/db/pool.ts).
// Health, sign-out and the app's static files are always served.
import fp from 'fastify-plugin';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.ts';

export interface PressureOptions {
  /** event-loop delay (ms, over the last sample window) above which requests are refused */
  maxLagMs: number;
  /** how often the delay is sampled */
  sampleMs?: number;
  /** for tests: the measured lag instead of the monitor's */
  lag?: () => number;
}

export const overloaded = (retryAfter: number) =>
  new HttpError(503, 'overloaded', `Máy chủ đang quá tải, vui lòng thử lại sau ${retryAfter} giây.`, `The server is overloaded; please try again in ${retryAfter} seconds.`, retryAfter);

const pressurePlugin: FastifyPluginAsync<PressureOptions> = async (app, opts) => {
  let lag = 0;
  let measure = opts.lag;
  if (!measure) {
    const histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
    const timer = setInterval(() => {
      lag = histogram.max / 1e6;
      histogram.reset();
    }, opts.sampleMs ?? 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      histogram.disable();
    });
    measure = () => lag;
  }
  app.addHook('onRequest', async (request) => {
    // by the route the router matched, not the URL as sent ("/%61pi/…" is the API too)
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/') || route === '/api/health' || route === '/api/auth/logout') return;
    const now = measure!();
    if (now > opts.maxLagMs) {
      request.log.warn({ lagMs: Math.round(now) }, 'overloaded: request refused');
      throw overloaded(Math.min(30, Math.max(1, Math.ceil(now / 1000))));
    }
  });
};

export default fp(pressurePlugin, { name: 'pressure' });
