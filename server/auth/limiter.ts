// Wrong passwords (sign-in, and the current password of a password change), kept in memory by the
// auth store: after 5 failures for one user name from one address within 15 minutes, or 20 failures
// from one address, further attempts from there are refused until the window has passed; after 10
// failures for one user name from any addresses, the account's sign-in is locked for 15 minutes
// (every address, even the right password) unless an administrator lifts it. A pure class (clock given).
export interface LimitState {
  allowed: boolean;
  /** seconds until another attempt is allowed */
  retryAfter: number;
}

/** At most this many names or addresses are remembered (those with no failure in the window go first). */
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private byPair = new Map<string, number[]>();
  private byIp = new Map<string, number[]>();
  private byAccount = new Map<string, number[]>();
  /** accounts whose sign-in is locked, and until when (ms) */
  private locks = new Map<string, number>();
  constructor(
    private readonly perUser = 5,
    private readonly perIp = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly perAccount = 10,
  ) {}

  private recent(map: Map<string, number[]>, key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (map.get(key) ?? []).filter((t) => t > since);
    if (kept.length > 0) map.set(key, kept);
    else map.delete(key);
    return kept;
  }

  check(ip: string, username: string): LimitState {
    const pair = this.recent(this.byPair, `${ip}\n${username}`);
    const all = this.recent(this.byIp, ip);
    const blocked = [
      pair.length >= this.perUser ? pair[pair.length - this.perUser] + this.windowMs : null,
      all.length >= this.perIp ? all[all.length - this.perIp] + this.windowMs : null,
      this.lockedUntil(username),
    ].filter((t): t is number => t !== null);
    if (blocked.length === 0) return { allowed: true, retryAfter: 0 };
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((Math.max(...blocked) - this.now()) / 1000)) };
  }

  /**
   * Counts a failure. `lockedUntil` is set when this failure locked the account (once per lock-out,
   * so that it is audited once); the count then starts again for when the lock ends.
   */
  fail(ip: string, username: string): { lockedUntil: number | null } {
    const at = this.now();
    for (const [map, key] of [
      [this.byPair, `${ip}\n${username}`],
      [this.byIp, ip],
      [this.byAccount, username],
    ] as const) {
      map.set(key, [...this.recent(map, key), at]);
      this.bound(map);
    }
    if (this.lockedUntil(username) !== null || this.byAccount.get(username)!.length < this.perAccount)
      return { lockedUntil: null };
    const until = at + this.windowMs;
    this.byAccount.delete(username);
    this.locks.set(username, until);
    this.bound(this.locks);
    return { lockedUntil: until };
  }

  /** A right password: that address's count for the name starts again (not the account's: other addresses built it). */
  succeed(ip: string, username: string): void {
    this.byPair.delete(`${ip}\n${username}`);
  }

  /** Until when (ms) the account's sign-in is locked, or null. */
  lockedUntil(username: string): number | null {
    const until = this.locks.get(username);
    if (until === undefined) return null;
    if (until > this.now()) return until;
    this.locks.delete(username);
    return null;
  }

  /**
   * An administrator lifts the lock-out: the account's counts, and each address's for it, start again.
   * Whether it was locked.
   */
  unlock(username: string): boolean {
    const was = this.lockedUntil(username) !== null;
    this.locks.delete(username);
    this.byAccount.delete(username);
    for (const key of this.byPair.keys()) if (key.endsWith(`\n${username}`)) this.byPair.delete(key);
    return was;
  }

  /**
   * Forgets what no longer counts when a map grows too big, then the oldest entries; a running lock is
   * kept longest.
   */
  private bound(map: Map<string, number[]> | Map<string, number>): void {
    if (map.size <= MAX_KEYS) return;
    const since = this.now() - this.windowMs;
    for (const [key, v] of map)
      if (typeof v === 'number' ? v <= this.now() : v.every((t) => t <= since)) map.delete(key);
    // down to 90 %, so that the next few failures do not each walk the whole map again
    for (const key of map.keys()) {
      if (map.size <= MAX_KEYS * 0.9) break;
      map.delete(key);
    }
  }
}
