// Accounts and sessions in the DuckDB store (tables created on first use; imports never touch them),
// kept in memory as well so that checking a request's session reads no table. Written through the
// serial connection. Passwords are scrypt hashes; a session is known by the SHA-256 of its id only.
// The count of wrong passwords (and the accounts locked by it) is kept in memory only, here, so that
// the sign-in, the password change and the admin routes share it.
import { createHash, randomBytes } from 'node:crypto';
import type { SerialConnection } from '../db/serial.ts';
import { LoginLimiter } from './limiter.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export interface Account {
  username: string;
  display_name: string;
  role: Role;
  unit_id: string;
  active: boolean;
  demo: boolean;
  created_at: string;
  updated_at: string;
}

interface StoredAccount extends Account {
  password_hash: string;
}

export interface Session {
  idHash: string;
  username: string;
  csrf: string;
  created: number;
  expires: number;
  /** 'web' for people; 'render' for the server's own view renderer acting for someone */
  purpose: 'web' | 'render';
  /** when expires was last written to the table */
  persisted: number;
}

const DDL = [
  `CREATE TABLE IF NOT EXISTS accounts (
    username VARCHAR PRIMARY KEY, display_name VARCHAR NOT NULL, role VARCHAR NOT NULL, unit_id VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL, active BOOLEAN NOT NULL, demo BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sessions (
    id_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, csrf VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL, purpose VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS app_secrets (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
/** Sliding expiry is written to the table at most this often (the in-memory value is exact). */
const PERSIST_MS = 5 * 60_000;

export class AuthStore {
  private accounts = new Map<string, StoredAccount>();
  private sessions = new Map<string, Session>();
  /** wrong passwords per address, name and account; lock-outs (server/auth/limiter.ts) */
  readonly limiter = new LoginLimiter();
  private constructor(
    private readonly db: SerialConnection,
    readonly secret: string,
  ) {}

  static async open(db: SerialConnection): Promise<AuthStore> {
    const secret = await db.run(async (c) => {
      for (const sql of DDL) await c.run(sql);
      const found = (
        await c.runAndReadAll(`SELECT value FROM app_secrets WHERE key = 'cookie'`)
      ).getRowObjectsJson()[0] as { value: string } | undefined;
      if (found) return found.value;
      const value = randomBytes(32).toString('base64url');
      await c.run(`INSERT INTO app_secrets VALUES ('cookie', $v)`, { v: value });
      return value;
    });
    const store = new AuthStore(db, secret);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    await this.db.run(async (c) => {
      await c.run('DELETE FROM sessions WHERE expires_at < now()::TIMESTAMP');
      const accounts = (
        await c.runAndReadAll(
          `SELECT username, display_name, role, unit_id, password_hash, active, demo,
                strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
                strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
         FROM accounts`,
        )
      ).getRowObjectsJson() as unknown as StoredAccount[];
      for (const a of accounts) this.accounts.set(a.username, a);
      const sessions = (
        await c.runAndReadAll(
          `SELECT id_hash, username, csrf, epoch_ms(created_at) AS created, epoch_ms(expires_at) AS expires, purpose
           FROM sessions`,
        )
      ).getRowObjectsJson() as {
        id_hash: string;
        username: string;
        csrf: string;
        created: string;
        expires: string;
        purpose: 'web' | 'render';
      }[];
      for (const s of sessions) {
        this.sessions.set(s.id_hash, {
          idHash: s.id_hash,
          username: s.username,
          csrf: s.csrf,
          created: Number(s.created),
          expires: Number(s.expires),
          purpose: s.purpose,
          persisted: Number(s.expires),
        });
      }
    });
  }

  // ---- accounts ----

  list(): Account[] {
    return [...this.accounts.values()].map(publicAccount).sort((a, b) => a.username.localeCompare(b.username));
  }

  get(username: string): Account | undefined {
    const a = this.accounts.get(username);
    return a && publicAccount(a);
  }

  passwordHash(username: string): string | undefined {
    return this.accounts.get(username)?.password_hash;
  }

  async create(
    a: Omit<Account, 'created_at' | 'updated_at' | 'active'> & { password: string; active?: boolean },
  ): Promise<Account> {
    const now = new Date().toISOString();
    const stored: StoredAccount = {
      username: a.username,
      display_name: a.display_name,
      role: a.role,
      unit_id: a.unit_id,
      active: a.active ?? true,
      demo: a.demo,
      created_at: now,
      updated_at: now,
      password_hash: await hashPassword(a.password),
    };
    await this.db.run((c) =>
      c.run(
        `INSERT INTO accounts VALUES ($username, $display_name, $role, $unit_id, $password_hash, $active, $demo,
         $created_at::TIMESTAMPTZ::TIMESTAMP, $created_at::TIMESTAMPTZ::TIMESTAMP)`,
        {
          username: stored.username,
          display_name: stored.display_name,
          role: stored.role,
          unit_id: stored.unit_id,
          password_hash: stored.password_hash,
          active: stored.active,
          demo: stored.demo,
          created_at: now,
        },
      ),
    );
    this.accounts.set(stored.username, stored);
    return publicAccount(stored);
  }

  async update(
    username: string,
    change: Partial<Pick<Account, 'display_name' | 'role' | 'unit_id' | 'active'>>,
  ): Promise<Account> {
    const a = this.accounts.get(username);
    if (!a) throw new Error(`no account ${username}`);
    const next: StoredAccount = {
      ...a,
      ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
      updated_at: new Date().toISOString(),
    };
    await this.db.run((c) =>
      c.run(
        `UPDATE accounts SET display_name = $display_name, role = $role, unit_id = $unit_id, active = $active,
         updated_at = $updated_at::TIMESTAMPTZ::TIMESTAMP WHERE username = $username`,
        {
          display_name: next.display_name,
          role: next.role,
          unit_id: next.unit_id,
          active: next.active,
          updated_at: next.updated_at,
          username,
        },
      ),
    );
    this.accounts.set(username, next);
    // a changed role, unit or a disabled account takes effect at once: its sessions end
    if (change.role !== undefined || change.unit_id !== undefined || change.active === false)
      await this.endSessionsOf(username);
    return publicAccount(next);
  }

  async setPassword(username: string, password: string, opts: { keepSession?: string } = {}): Promise<void> {
    const a = this.accounts.get(username);
    if (!a) throw new Error(`no account ${username}`);
    const hash = await hashPassword(password);
    const updated_at = new Date().toISOString();
    await this.db.run((c) =>
      c.run(
        `UPDATE accounts SET password_hash = $hash, updated_at = $updated_at::TIMESTAMPTZ::TIMESTAMP
         WHERE username = $username`,
        { hash, updated_at, username },
      ),
    );
    this.accounts.set(username, { ...a, password_hash: hash, updated_at });
    await this.endSessionsOf(username, opts.keepSession);
  }

  // ---- sessions ----

  /** A new session: returns the id for the cookie (only its hash is kept) and the CSRF token. */
  async startSession(
    username: string,
    ttlMs: number,
    purpose: Session['purpose'] = 'web',
  ): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session: Session = {
      idHash: sha256(id),
      username,
      csrf: randomBytes(24).toString('base64url'),
      created: now,
      expires: now + ttlMs,
      purpose,
      persisted: now + ttlMs,
    };
    await this.db.run((c) =>
      c.run(
        `INSERT INTO sessions VALUES ($id_hash, $username, $csrf, $created::TIMESTAMPTZ::TIMESTAMP,
         $expires::TIMESTAMPTZ::TIMESTAMP, $purpose)`,
        {
          id_hash: session.idHash,
          username,
          csrf: session.csrf,
          created: iso(now),
          expires: iso(session.expires),
          purpose,
        },
      ),
    );
    this.sessions.set(session.idHash, session);
    return { id, session };
  }

  /**
   * The live session of a cookie id with its active account, sliding its expiry (`renewed` when the
   * new expiry was written, so the cookie can be renewed too); undefined otherwise.
   */
  session(id: string, ttlMs: number): { session: Session; account: Account; renewed: boolean } | undefined {
    const s = this.sessions.get(sha256(id));
    if (!s) return undefined;
    const now = Date.now();
    const account = this.accounts.get(s.username);
    if (s.expires <= now || !account || !account.active) {
      void this.endSession(s.idHash);
      return undefined;
    }
    let renewed = false;
    if (s.purpose === 'web') {
      s.expires = now + ttlMs;
      if (s.expires - s.persisted > PERSIST_MS) {
        renewed = true;
        s.persisted = s.expires;
        void this.db
          .run((c) =>
            c.run(`UPDATE sessions SET expires_at = $e::TIMESTAMPTZ::TIMESTAMP WHERE id_hash = $h`, {
              e: iso(s.expires),
              h: s.idHash,
            }),
          )
          .catch(() => undefined);
      }
    }
    return { session: s, account: publicAccount(account), renewed };
  }

  /** Whether a session (by its hash) still stands. */
  alive(idHash: string): boolean {
    const s = this.sessions.get(idHash);
    return s !== undefined && s.expires > Date.now() && this.accounts.get(s.username)?.active === true;
  }

  async endSession(idHash: string): Promise<void> {
    this.sessions.delete(idHash);
    await this.db.run((c) => c.run('DELETE FROM sessions WHERE id_hash = $h', { h: idHash }));
  }

  async endSessionsOf(username: string, keep?: string): Promise<void> {
    for (const [h, s] of this.sessions) if (s.username === username && h !== keep) this.sessions.delete(h);
    await this.db.run((c) =>
      c.run('DELETE FROM sessions WHERE username = $u AND id_hash <> $keep', { u: username, keep: keep ?? '' }),
    );
  }

  sessionCount(username: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.username === username && s.expires > Date.now()) n++;
    return n;
  }
}

function publicAccount(a: StoredAccount): Account {
  const { password_hash: _, ...rest } = a;
  return rest;
}
