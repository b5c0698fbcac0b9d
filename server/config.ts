// Server configuration from the environment, with defaults, validated at boot (fail fast on bad values).
// Used by server/main.ts and by tests that build the app with their own settings.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { mailConfigFromEnv, type MailConfig } from './briefs/mail.ts';

export const ConfigSchema = Type.Object({
  db: Type.String({ minLength: 1, description: 'IOC_DB: path of the DuckDB store' }),
  port: Type.Integer({ minimum: 1, maximum: 65535, description: 'PORT' }),
  host: Type.String({ minLength: 1, description: 'HOST' }),
  minCell: Type.Integer({
    minimum: 1,
    maximum: 1000,
    description:
      'IOC_MIN_CELL: k; cellkey: rates on a published base below k are withheld; suppress: counts 1..k-1 too',
  }),
  disclosure: Type.Union([Type.Literal('cellkey'), Type.Literal('suppress')], {
    description: 'IOC_DISCLOSURE: cellkey (perturbed counts, the default) or suppress (small counts withheld)',
  }),
  queriesDir: Type.String({ minLength: 1, description: 'IOC_QUERIES: folder of indicator SQL files' }),
  demoDir: Type.String({
    minLength: 1,
    description: 'IOC_DEMO_DIR: where the demo generator writes its import files (removed after import)',
  }),
  demo: Type.Boolean({ description: 'IOC_DEMO: build the demo store when the store is missing' }),
  seed: Type.Integer({ minimum: 0, description: 'IOC_SEED: seed of the demo generator' }),
  demoEnd: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'IOC_DEMO_END: last day of demo data (default today)',
    }),
  ),
  dbThreads: Type.Integer({ minimum: 1, maximum: 64, description: 'IOC_DB_THREADS: DuckDB threads' }),
  poolSize: Type.Integer({ minimum: 1, maximum: 16, description: 'IOC_POOL: DuckDB connections' }),
  queueLimit: Type.Integer({ minimum: 1, description: 'IOC_QUEUE: requests waiting for a connection before 503' }),
  cacheEntries: Type.Integer({ minimum: 0, description: 'IOC_CACHE: cached indicator answers (0 = off)' }),
  maxLagMs: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    description: 'IOC_MAX_LAG_MS: mean event-loop delay over a second above which API requests get 503 + Retry-After',
  }),
  mode: Type.Union([Type.Literal('demo'), Type.Literal('production')], {
    description: 'IOC_MODE: demo (demo accounts, passwords printed at start) or production (no default accounts)',
  }),
  sessionHours: Type.Number({
    minimum: 0.01,
    maximum: 720,
    description: 'IOC_SESSION_HOURS: a session ends after this long without a request',
  }),
  cookieSecure: Type.Boolean({
    description: 'IOC_COOKIE_SECURE: send the session cookie over HTTPS only (behind a TLS proxy)',
  }),
  demoPassword: Type.Optional(
    Type.String({
      minLength: 10,
      description: "IOC_DEMO_PASSWORD: in demo mode, the demo accounts' password instead of new random ones",
    }),
  ),
  uploadMb: Type.Integer({
    minimum: 1,
    maximum: 65_536,
    description: 'IOC_UPLOAD_MB: most megabytes one import may bring (its files, or a zip unpacked)',
  }),
  importDir: Type.String({
    minLength: 1,
    description: 'IOC_IMPORT_DIR: where the files of an import wait for their commit (removed after)',
  }),
  inbox: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'IOC_INBOX: a folder whose files are imported by themselves (moved to done/ or failed/)',
    }),
  ),
  inboxPollMs: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    description: 'IOC_INBOX_POLL_MS: how often the inbox is looked at',
  }),
  briefs: Type.Boolean({
    description:
      "IOC_BRIEFS: run the scheduler of the leaders' briefs inside the server (false: briefs made by hand only)",
  }),
  briefTickMs: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    description: 'IOC_BRIEF_TICK_MS: how often the brief scheduler looks for due slots and mail to send',
  }),
  publicUrl: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description: "IOC_PUBLIC_URL: the address readers open the IOC at (the link in a brief's e-mail)",
    }),
  ),
  mail: Type.Optional(
    Type.Object(
      {
        url: Type.String(),
        from: Type.String(),
        tls: Type.Union([Type.Literal('required'), Type.Literal('opportunistic'), Type.Literal('none')]),
      },
      {
        description:
          'IOC_SMTP_URL (smtp://user:password@host:587 or smtps://…:465), IOC_SMTP_FROM (the sender), IOC_SMTP_TLS ' +
          '(required | opportunistic | none): briefs are e-mailed when IOC_SMTP_URL is set (server/briefs/mail.ts)',
      },
    ),
  ),
  contactName: Type.String({
    minLength: 1,
    maxLength: 200,
    description: "IOC_CONTACT_NAME: who answers for the open data (the data catalogue's contact point)",
  }),
  contactEmail: Type.Optional(
    Type.String({
      pattern: '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$',
      description: "IOC_CONTACT_EMAIL: the contact point's e-mail address (none by default: set it before publishing)",
    }),
  ),
  bulkConcurrency: Type.Integer({
    minimum: 1,
    maximum: 16,
    description: 'IOC_BULK_CONCURRENCY: bulk downloads (/api/bulk) at a time (more: 503 + Retry-After)',
  }),
  keyRate: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    description: 'IOC_KEY_RATE: requests one API key may make per minute (more: 429 + Retry-After)',
  }),
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** The data catalogue's contact by default: the People's Committee of the commune whose plan the IOC follows. */
export const DEFAULT_CONTACT_NAME = 'Ủy ban nhân dân xã Nam Trung, huyện Nam Sách, tỉnh Hải Dương';

const int = (v: string | undefined, d: number): number | string =>
  v === undefined || v === '' ? d : /^-?\d+$/.test(v) ? Number(v) : v;
const bool = (v: string | undefined, d: boolean): boolean | string =>
  v === undefined || v === '' ? d : /^(1|true|yes)$/i.test(v) ? true : /^(0|false|no)$/i.test(v) ? false : v;

/** The mail settings (server/briefs/mail.ts reads and checks them), or a string naming what is wrong. */
function mailOf(env: Record<string, string | undefined>): { mail?: MailConfig | string } {
  try {
    const mail = mailConfigFromEnv(env);
    return mail ? { mail } : {};
  } catch (err) {
    return { mail: err instanceof Error ? err.message : String(err) };
  }
}

/** Reads the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = {
    db: env.IOC_DB || 'data/ioc.duckdb',
    port: int(env.PORT, 8080),
    host: env.HOST || '127.0.0.1',
    minCell: int(env.IOC_MIN_CELL, 5),
    disclosure: env.IOC_DISCLOSURE || 'cellkey',
    queriesDir: env.IOC_QUERIES || 'queries',
    demoDir: env.IOC_DEMO_DIR || 'data/demo/files',
    demo: bool(env.IOC_DEMO, true),
    seed: int(env.IOC_SEED, 20220330),
    ...(env.IOC_DEMO_END ? { demoEnd: env.IOC_DEMO_END } : {}),
    dbThreads: int(env.IOC_DB_THREADS, 2),
    poolSize: int(env.IOC_POOL, 3),
    queueLimit: int(env.IOC_QUEUE, 200),
    cacheEntries: int(env.IOC_CACHE, 500),
    maxLagMs: int(env.IOC_MAX_LAG_MS, 1000),
    mode: env.IOC_MODE || 'demo',
    sessionHours:
      env.IOC_SESSION_HOURS && /^\d+(\.\d+)?$/.test(env.IOC_SESSION_HOURS)
        ? Number(env.IOC_SESSION_HOURS)
        : env.IOC_SESSION_HOURS || 12,
    cookieSecure: bool(env.IOC_COOKIE_SECURE, false),
    ...(env.IOC_DEMO_PASSWORD ? { demoPassword: env.IOC_DEMO_PASSWORD } : {}),
    uploadMb: int(env.IOC_UPLOAD_MB, 512),
    importDir: env.IOC_IMPORT_DIR || 'data/imports',
    ...(env.IOC_INBOX ? { inbox: env.IOC_INBOX } : {}),
    inboxPollMs: int(env.IOC_INBOX_POLL_MS, 5000),
    briefs: bool(env.IOC_BRIEFS, true),
    briefTickMs: int(env.IOC_BRIEF_TICK_MS, 30_000),
    ...(env.IOC_PUBLIC_URL ? { publicUrl: env.IOC_PUBLIC_URL } : {}),
    ...mailOf(env),
    contactName: env.IOC_CONTACT_NAME || DEFAULT_CONTACT_NAME,
    ...(env.IOC_CONTACT_EMAIL ? { contactEmail: env.IOC_CONTACT_EMAIL } : {}),
    keyRate: int(env.IOC_KEY_RATE, 300),
    bulkConcurrency: int(env.IOC_BULK_CONCURRENCY, 2),
    logLevel: env.LOG_LEVEL || 'info',
  };
  const errors = [...Value.Errors(ConfigSchema, raw)];
  if (errors.length > 0) {
    const names: Record<string, string> = {
      db: 'IOC_DB',
      port: 'PORT',
      host: 'HOST',
      minCell: 'IOC_MIN_CELL',
      disclosure: 'IOC_DISCLOSURE',
      queriesDir: 'IOC_QUERIES',
      demoDir: 'IOC_DEMO_DIR',
      demo: 'IOC_DEMO',
      seed: 'IOC_SEED',
      demoEnd: 'IOC_DEMO_END',
      dbThreads: 'IOC_DB_THREADS',
      poolSize: 'IOC_POOL',
      queueLimit: 'IOC_QUEUE',
      cacheEntries: 'IOC_CACHE',
      logLevel: 'LOG_LEVEL',
      maxLagMs: 'IOC_MAX_LAG_MS',
      mode: 'IOC_MODE',
      sessionHours: 'IOC_SESSION_HOURS',
      cookieSecure: 'IOC_COOKIE_SECURE',
      demoPassword: 'IOC_DEMO_PASSWORD',
      uploadMb: 'IOC_UPLOAD_MB',
      importDir: 'IOC_IMPORT_DIR',
      inbox: 'IOC_INBOX',
      inboxPollMs: 'IOC_INBOX_POLL_MS',
      briefs: 'IOC_BRIEFS',
      briefTickMs: 'IOC_BRIEF_TICK_MS',
      publicUrl: 'IOC_PUBLIC_URL',
      mail: 'IOC_SMTP_URL',
      keyRate: 'IOC_KEY_RATE',
      bulkConcurrency: 'IOC_BULK_CONCURRENCY',
      contactName: 'IOC_CONTACT_NAME',
      contactEmail: 'IOC_CONTACT_EMAIL',
    };
    const lines = errors.map((e) => {
      const key = e.path.replace(/^\//, '').split('/')[0];
      const message =
        key === 'mode'
          ? 'expected demo or production'
          : key === 'logLevel'
            ? 'expected fatal, error, warn, info, debug, trace or silent'
            : e.message;
      if (key === 'mail') return `IOC_SMTP_*: ${String((raw as Record<string, unknown>).mail)}`;
      return `${names[key] ?? key}=${JSON.stringify((raw as Record<string, unknown>)[key])}: ${message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${[...new Set(lines)].join('\n  ')}`);
  }
  return raw as Config;
}
