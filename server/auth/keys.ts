// API keys for other agencies' systems (issue 20): the store (table api_keys, kept in memory as well so that
// checking a request's key reads no table), the token's shape, the per-key rate limit and the allowed addresses.
// The auth plugin (server/auth/plugin.ts) checks a `Authorization: Bearer …` request with verify(); the admin
// routes (server/routes/keys.ts) create, list and revoke keys. A key's secret is shown once, when it is made:
// only its SHA-256 is stored, here and in the table.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { SerialConnection } from '../db/serial.ts';
import type { ApiKey, KeyDomain } from '../contracts/open-data.ts';
import type { Domain, Registry } from '../registry/schema.ts';

/** The token a client sends: `ioc06_<id>_<secret>` (id: 12 hex digits, secret: 64 hex digits). */
export const TOKEN_PATTERN = /^ioc06_([0-9a-f]{12})_([0-9a-f]{64})$/;

const DDL = `CREATE TABLE IF NOT EXISTS api_keys (
  id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, agency VARCHAR NOT NULL, units VARCHAR NOT NULL,
  domains VARCHAR NOT NULL, expires DATE NOT NULL, allowed VARCHAR NOT NULL, secret_hash VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP, revoked_by VARCHAR,
  last_used_at TIMESTAMP)`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** last_used_at is written to the table at most this often (the in-memory value is exact). */
const PERSIST_MS = 5 * 60_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** Today in Vietnam (YYYY-MM-DD). */
export const vnToday = (now = Date.now()): string => new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a key expiring on `day` (Vietnam's day) stops working: the end of that day, 24:00 +07:00. */
export const expiryInstant = (day: string): number => Date.parse(`${day}T00:00:00+07:00`) + 86_400_000;

/** Why a token is not a working key: 'wrong' (no such key, or not its secret), 'expired', 'revoked'. */
export type KeyFailure = 'wrong' | 'expired' | 'revoked';

interface StoredKey extends ApiKey {
  secret_hash: string;
  /** when last_used_at was last written to the table */
  persisted: number;
}

/**
 * An allowed-addresses entry checked: an IPv4/IPv6 address or a CIDR range, or null when it is neither.
 * (The admin route refuses a key with such an entry; the plugin never sees one.)
 */
export function parseAllowed(
  entry: string,
): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefix, ...rest] = entry.trim().split('/');
  const v = isIP(address);
  if (v === 0 || rest.length > 0) return null;
  const family = v === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (v === 4 ? 32 : 128)) return null;
  return { address, prefix: Number(prefix), family };
}

/** The BlockList (used as an allow list) of a key's addresses. */
function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const p = parseAllowed(e);
    if (!p) continue;
    if (p.prefix === null) list.addAddress(p.address, p.family);
    else list.addSubnet(p.address, p.prefix, p.family);
  }
  return list;
}

/** An address as the allow list compares it: an IPv4 address mapped into IPv6 (::ffff:10.0.0.1) as IPv4. */
function plainAddress(ip: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1] : ip;
  const v = isIP(address);
  return v === 0 ? null : { address, family: v === 4 ? 'ipv4' : 'ipv6' };
}

/** Per-key request counts over the last minute (a sliding window), kept in memory. A pure class (clock given). */
export class KeyRateLimiter {
  private hits = new Map<string, number[]>();
  /** when a refusal of each key was last written to the audit log */
  private refusals = new Map<string, number>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts a request of key `id`: 0 when it may go on, else the seconds until it may (Retry-After). */
  take(id: string): number {
    const now = this.now();
    const since = now - 60_000;
    const kept = (this.hits.get(id) ?? []).filter((t) => t > since);
    if (kept.length >= this.perMinute) {
      this.hits.set(id, kept);
      return Math.max(1, Math.ceil((kept[0] + 60_000 - now) / 1000));
    }
    kept.push(now);
    this.hits.set(id, kept);
    return 0;
  }

  /**
   * Whether a refusal (429) of key `id` should be written to the audit log: the first in a minute is, the rest
   * are not, so that a client hammering the server past its limit does not fill the log.
   */
  logRefusal(id: string): boolean {
    const now = this.now();
    const last = this.refusals.get(id);
    if (last !== undefined && now - last < 60_000) return false;
    this.refusals.set(id, now);
    return true;
  }
}

/** What an admin gives when creating a key (the route checks units and scope first). */
export interface KeyInput {
  name: string;
  agency: string;
  units: string[];
  domains: KeyDomain[];
  expires: string;
  allowed: string[];
}

export class KeyStore {
  private keys = new Map<string, StoredKey>();
  private allowLists = new Map<string, BlockList>();
  private constructor(private readonly db: SerialConnection) {}

  static async open(db: SerialConnection): Promise<KeyStore> {
    const store = new KeyStore(db);
    const rows = await db.run(async (c) => {
      await c.run(DDL);
      return (
        await c.runAndReadAll(
          `SELECT id, name, agency, units, domains, expires::VARCHAR AS expires, allowed, secret_hash, created_by,
             strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
             strftime(revoked_at, '%Y-%m-%dT%H:%M:%SZ') AS revoked_at, revoked_by,
             strftime(last_used_at, '%Y-%m-%dT%H:%M:%SZ') AS last_used_at
           FROM api_keys`,
        )
      ).getRowObjectsJson() as Record<string, string | null>[];
    });
    for (const r of rows) {
      const key: StoredKey = {
        id: r.id!,
        name: r.name!,
        agency: r.agency!,
        units: JSON.parse(r.units!) as string[],
        domains: JSON.parse(r.domains!) as KeyDomain[],
        expires: r.expires!,
        allowed: JSON.parse(r.allowed!) as string[],
        created_by: r.created_by!,
        created_at: r.created_at!,
        revoked_at: r.revoked_at,
        revoked_by: r.revoked_by,
        last_used_at: r.last_used_at,
        secret_hash: r.secret_hash!,
        persisted: r.last_used_at ? Date.parse(r.last_used_at) : 0,
      };
      store.keys.set(key.id, key);
      store.allowLists.set(key.id, allowList(key.allowed));
    }
    return store;
  }

  /** Every key, newest first (never a secret or its hash). */
  list(): ApiKey[] {
    return [...this.keys.values()].map(publicKey).sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  get(id: string): ApiKey | undefined {
    const k = this.keys.get(id);
    return k && publicKey(k);
  }

  /** Whether a key of that name exists (names are unique: the audit log knows a key by its name). */
  hasName(name: string): boolean {
    const n = name.trim().toLocaleLowerCase('vi');
    return [...this.keys.values()].some((k) => k.name.toLocaleLowerCase('vi') === n);
  }

  /** A new key: returns it and its token, which is never kept (only the secret's SHA-256 is). */
  async create(input: KeyInput, createdBy: string): Promise<{ key: ApiKey; token: string }> {
    let id = randomBytes(6).toString('hex');
    while (this.keys.has(id)) id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('hex');
    const stored: StoredKey = {
      id,
      name: input.name.trim(),
      agency: input.agency.trim(),
      units: [...new Set(input.units)],
      domains: [...new Set(input.domains)],
      expires: input.expires,
      allowed: input.allowed.map((a) => a.trim()),
      created_by: createdBy,
      created_at: new Date().toISOString().slice(0, 19) + 'Z',
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
      secret_hash: sha256(secret),
      persisted: 0,
    };
    await this.db.run((c) =>
      c.run(
        `INSERT INTO api_keys VALUES ($id, $name, $agency, $units, $domains, $expires::DATE, $allowed, $secret_hash,
           $created_by, $created_at::TIMESTAMPTZ::TIMESTAMP, NULL, NULL, NULL)`,
        {
          id,
          name: stored.name,
          agency: stored.agency,
          units: JSON.stringify(stored.units),
          domains: JSON.stringify(stored.domains),
          expires: stored.expires,
          allowed: JSON.stringify(stored.allowed),
          secret_hash: stored.secret_hash,
          created_by: createdBy,
          created_at: stored.created_at,
        },
      ),
    );
    this.keys.set(id, stored);
    this.allowLists.set(id, allowList(stored.allowed));
    return { key: publicKey(stored), token: `ioc06_${id}_${secret}` };
  }

  /** Revokes a key at once (its next request gets 401); false when it was already revoked. */
  async revoke(id: string, by: string): Promise<boolean> {
    const k = this.keys.get(id);
    if (!k) throw new Error(`no key ${id}`);
    if (k.revoked_at) return false;
    const at = new Date().toISOString().slice(0, 19) + 'Z';
    await this.db.run((c) =>
      c.run(`UPDATE api_keys SET revoked_at = $at::TIMESTAMPTZ::TIMESTAMP, revoked_by = $by WHERE id = $id`, {
        at,
        by,
        id,
      }),
    );
    k.revoked_at = at;
    k.revoked_by = by;
    return true;
  }

  /**
   * The key a token names, when the token is its own and the key still works; else why not. A token that
   * names no key, or with another secret, is 'wrong' (expired or revoked are said only to the true holder).
   */
  verify(token: string, now = Date.now()): { key: ApiKey } | { failure: KeyFailure } {
    const m = TOKEN_PATTERN.exec(token);
    const k = m ? this.keys.get(m[1]) : undefined;
    if (!m || !k) return { failure: 'wrong' };
    const given = Buffer.from(sha256(m[2]), 'hex');
    if (!timingSafeEqual(given, Buffer.from(k.secret_hash, 'hex'))) return { failure: 'wrong' };
    if (k.revoked_at) return { failure: 'revoked' };
    if (now >= expiryInstant(k.expires)) return { failure: 'expired' };
    return { key: publicKey(k) };
  }

  /** Whether a request from `ip` may use the key (no list: any address). */
  allows(id: string, ip: string): boolean {
    const k = this.keys.get(id);
    if (!k) return false;
    if (k.allowed.length === 0) return true;
    const a = plainAddress(ip);
    return a !== null && this.allowLists.get(id)!.check(a.address, a.family);
  }

  /** Notes a key's use (in memory at once; in the table at most every five minutes). */
  touch(id: string, now = Date.now()): void {
    const k = this.keys.get(id);
    if (!k) return;
    k.last_used_at = new Date(now).toISOString().slice(0, 19) + 'Z';
    if (now - k.persisted < PERSIST_MS) return;
    k.persisted = now;
    void this.db
      .run((c) =>
        c.run(`UPDATE api_keys SET last_used_at = $at::TIMESTAMPTZ::TIMESTAMP WHERE id = $id`, {
          at: k.last_used_at,
          id,
        }),
      )
      .catch(() => undefined);
  }
}

function publicKey(k: StoredKey): ApiKey {
  const { secret_hash: _h, persisted: _p, ...rest } = k;
  return { ...rest, units: [...rest.units], domains: [...rest.domains], allowed: [...rest.allowed] };
}

/** The key domain an indicator of a registry domain belongs to (route config `keys` of GET /api/indicators/:id). */
export const INDICATOR_KEY_DOMAIN: Record<Domain, KeyDomain> = {
  population: 'population',
  procedures: 'procedures',
  catalogue: 'procedures',
  milestones: 'targets',
  index766: 'index',
};

/** The key domain of an indicator by id, or null when there is no such indicator (the route answers 404). */
export function indicatorKeyDomain(registry: Registry, id: unknown): KeyDomain | null {
  const def = typeof id === 'string' ? registry.indicators.get(id) : undefined;
  return def ? INDICATOR_KEY_DOMAIN[def.domain] : null;
}
