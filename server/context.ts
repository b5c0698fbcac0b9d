// Everything a running server needs, opened once: the store, a connection pool, the indicator
// registry (checked against the store), the unit directory and the services built on them.
import type { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore, CUBE_START } from '../data/pipeline/store.ts';
import type { Config } from './config.ts';
import { createPool, type Pool } from './db/pool.ts';
import { checkRegistry, loadRegistry, type Registry } from './registry/index.ts';
import { loadUnitDirectory, type UnitDirectory } from './units/directory.ts';
import { IndicatorService } from './indicators/service.ts';
import { TargetService } from './targets/service.ts';
import { Index766Service } from './index766/service.ts';
import { SerialConnection } from './db/serial.ts';
import { AuthStore } from './auth/store.ts';
import { AuditLog } from './audit/log.ts';
import { KeyStore } from './auth/keys.ts';

export interface StoreInfo {
  dataVersion: number;
  generated: boolean;
  /** data_date (YYYY-MM-DD) per dataset kind (people, dossiers, …) */
  dataDates: Record<string, string>;
  datasets: { kind: string; generated: boolean; source: string; data_date: string | null }[];
}

export async function loadStoreInfo(conn: DuckDBConnection): Promise<StoreInfo> {
  const meta = Object.fromEntries(
    (
      (await conn.runAndReadAll('SELECT key, value FROM store_meta')).getRowObjectsJson() as {
        key: string;
        value: string;
      }[]
    ).map((r) => [r.key, r.value]),
  );
  const datasets = (
    await conn.runAndReadAll(
      'SELECT kind, generated, source, data_date::VARCHAR AS data_date FROM datasets ORDER BY kind',
    )
  ).getRowObjectsJson() as StoreInfo['datasets'];
  const dataDates: Record<string, string> = {};
  for (const d of datasets) if (d.data_date) dataDates[d.kind] = d.data_date;
  return {
    dataVersion: Number(meta.data_version ?? 0),
    generated: datasets.some((d) => d.generated) || meta.generated === 'true',
    dataDates,
    datasets,
  };
}

/** The dataset kind whose data date each indicator domain reads (the Decision 766 index: the dossiers'). */
const DOMAIN_KINDS: Record<string, string> = { population: 'people', procedures: 'dossiers', index766: 'dossiers' };

/** The data date that an indicator domain reads from. */
export function domainDataDate(info: StoreInfo, domain: string): string {
  const kind = Object.hasOwn(DOMAIN_KINDS, domain) ? DOMAIN_KINDS[domain] : null;
  const all = Object.values(info.dataDates).sort();
  return (kind && info.dataDates[kind]) || all.at(-1) || new Date().toISOString().slice(0, 10);
}

export interface Context {
  config: Config;
  instance: DuckDBInstance;
  pool: Pool;
  registry: Registry;
  units: UnitDirectory;
  info: StoreInfo;
  indicators: IndicatorService;
  targets: TargetService;
  /** the Decision 766 service index (server/index766) */
  index766: Index766Service;
  /** accounts and sessions */
  auth: AuthStore;
  /** the append-only audit log */
  audit: AuditLog;
  /** API keys of other agencies' systems (server/auth/keys.ts) */
  keys: KeyStore;
  /** called after an import changed the units (the directory is then already read again, in place) */
  unitListeners: (() => void)[];
  close(): Promise<void>;
}

export async function openContext(config: Config): Promise<Context> {
  const registry = await loadRegistry(config.queriesDir);
  const { instance, connection } = await openStore(config.db, { threads: config.dbThreads });
  try {
    await checkRegistry(registry, connection);
    const units = await loadUnitDirectory(connection);
    const info = await loadStoreInfo(connection);
    const pool = await createPool(instance, config.poolSize, config.queueLimit);
    const indicators = new IndicatorService(pool, registry, units, {
      minCell: config.minCell,
      method: config.disclosure,
      cacheEntries: config.cacheEntries,
      firstMonth: CUBE_START.slice(0, 7),
      dataMonth: (domain) => domainDataDate(info, domain).slice(0, 7),
    });
    const targets = new TargetService(pool, indicators, (domain) => domainDataDate(info, domain), config.cacheEntries);
    const index766 = new Index766Service({ pool, indicators, units, info }, config.cacheEntries);
    targets.scores = (unit, scope) => index766.monthlyScores(unit, scope);
    const writer = await SerialConnection.open(instance);
    const auth = await AuthStore.open(writer);
    const audit = await AuditLog.open(writer);
    const keys = await KeyStore.open(writer);
    return {
      config,
      instance,
      pool,
      registry,
      units,
      info,
      indicators,
      targets,
      index766,
      auth,
      audit,
      keys,
      unitListeners: [],
      async close() {
        await audit.drain();
        await writer.close();
        await pool.close();
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (err) {
    connection.closeSync();
    instance.closeSync();
    throw err;
  }
}
