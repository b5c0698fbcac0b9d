// Starts the IOC: reads the configuration, builds the demo store on first start, opens the store,
// checks the indicator registry and serves the API (and later the web app) on PORT.
import { fullScope } from './auth/scope.ts';
import { ensureDemoAccounts } from './auth/accounts.ts';
import { ROLE_LABEL } from './auth/roles.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openContext, type Context } from './context.ts';
import { ensureDemoStore } from './demo.ts';
import type { LiveDemo } from './live/live-demo.ts';

const log = { info: (msg: string) => console.log(`[ioc06] ${msg}`) };

/** Cold queries are many times slower than warm ones: answer the morning's first screens early. */
async function warmUp(ctx: Context, app: FastifyInstance): Promise<void> {
  const t0 = Date.now();
  const scope = fullScope(ctx.units);
  const tops = ctx.units.units.filter((u) => u.level !== 'commune' && u.is_base);
  try {
    for (const u of tops) await ctx.targets.forUnit(u.unit_id, scope);
    log.info(`warmed the targets of ${tops.map((u) => u.name).join(', ')} in ${Date.now() - t0} ms`);
    const t1 = Date.now();
    await app.live.hub.prime();
    log.info(`live: today's values and target statuses remembered in ${Date.now() - t1} ms`);
  } catch (err) {
    console.error(`[ioc06] warm-up failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Demo mode: the demo accounts (one per role) with this run's passwords, as a table to print.
 * Production mode: no default account; says how to create one when there is none.
 */
async function startAccounts(ctx: Context): Promise<string | null> {
  if (ctx.config.mode === 'production') {
    // demo accounts (their passwords were printed) never work in production
    const demo = ctx.auth.list().filter((a) => a.demo && a.active);
    for (const a of demo) await ctx.auth.update(a.username, { active: false });
    if (demo.length > 0)
      log.info(`production mode: disabled the demo accounts ${demo.map((a) => a.username).join(', ')}`);
    if (ctx.auth.list().filter((a) => a.active).length === 0)
      log.info(
        'production mode: no account yet. Create one with: ' +
          'npm run user -- add <username> --role admin --unit <unit_id> --name "<full name>"',
      );
    return null;
  }
  const demo = await ensureDemoAccounts(ctx.auth, ctx.units, ctx.config.demoPassword);
  if (demo.length === 0) return null;
  const w = Math.max(...demo.map((d) => d.account.username.length));
  const lines = demo.map(
    ({ account: a, password }) =>
      `    ${a.username.padEnd(w)}  ${password}  ` +
      `${ROLE_LABEL[a.role].vi} · ${ctx.units.get(a.unit_id)?.name ?? a.unit_id}`,
  );
  return [
    '[ioc06] demo accounts (tài khoản dùng thử) — passwords for this run' +
      `${ctx.config.demoPassword ? ' (IOC_DEMO_PASSWORD)' : ''}:`,
    ...lines,
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDemoStore(config, log);
  const ctx = await openContext(config);
  // IOC_WEB_ROOT: another build of the web app (default dist/web), e.g. to try a branch beside the main one.
  const app = await buildApp(ctx, { webRoot: process.env.IOC_WEB_ROOT || undefined });
  const accounts = await startAccounts(ctx);
  // SIGTERM: stop taking requests, let those in flight (a batch of events) finish, write the WAL
  // into the store (CHECKPOINT), close.
  let warm: Promise<void> = Promise.resolve();
  let demo: LiveDemo | undefined;
  const shutdown = async (signal: string) => {
    log.info(`${signal}: draining requests`);
    setTimeout(() => {
      console.error(
        '[ioc06] shutdown took over 30 s: exiting without a checkpoint (the WAL is replayed at the next start)',
      );
      process.exit(1);
    }, 30_000).unref();
    try {
      await demo?.stop();
      app.live.hub.closeAll();
      await warm;
      await app.close();
      // A background write that began before the close may still hold a transaction (seen right after an import's
      // commit; which write is not known): wait for it (DuckDB refuses to checkpoint meanwhile), never abort it.
      for (let attempt = 0; ; attempt++) {
        try {
          await ctx.pool.use((c) => c.run('CHECKPOINT'));
          break;
        } catch (err) {
          if (attempt >= 100 || !/other write transactions/i.test(String(err))) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await ctx.close();
      log.info('closed');
      process.exit(0);
    } catch (err) {
      console.error(`[ioc06] shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  warm = warmUp(ctx, app);
  // The leaders' briefs: the scheduler looks now (catching up once after a downtime), then every tick.
  if (config.briefs) app.briefs.start();
  // `npm start -- --live-demo`: the simulator posts realistic events inside the server (docs/simulator.md).
  // Loaded only then: the simulator (and the generator's models it draws on) is no part of the server.
  if (process.argv.includes('--live-demo')) {
    const { liveDemoInputs, startLiveDemo } = await import('./live/live-demo.ts');
    demo = await startLiveDemo({
      load: liveDemoInputs(ctx),
      post: (events) => app.live.ingestor.ingest(events),
      log: (m) => log.info(`live demo: ${m}`),
    });
    log.info('live demo: posting simulated events (stop with Ctrl+C)');
  }
  if (accounts) console.log(accounts);
  log.info(
    `IOC ready on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} ` +
      `(${ctx.registry.list().length} indicators, data version ${ctx.info.dataVersion}` +
      `${ctx.info.generated ? ', generated demo data' : ''})`,
  );
}

main().catch((err: unknown) => {
  const msg =
    err instanceof ConfigError || (err instanceof Error && err.name === 'RegistryError')
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  console.error(`[ioc06] cannot start: ${msg}`);
  process.exit(1);
});
