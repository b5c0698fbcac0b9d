// Sign-in attempts: after 5 failures for one user name from one address within 15 minutes, or 20
// failures from one address, further attempts are refused until the window has passed.
export interface LimitState {
  allowed: boolean;
  /** seconds until another attempt is allowed */
  retryAfter: number;
}

interface Window {
  failures: number[];
}

export class LoginLimiter {
  private byPair = new Map<string, Window>();
  private byIp = new Map<string, Window>();
  constructor(
    private readonly perUser = 5,
    private readonly perIp = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private prune(w: Window | undefined): number[] {
    if (!w) return [];
    const since = this.now() - this.windowMs;
    w.failures = w.failures.filter((t) => t > since);
    return w.failures;
  }

  check(ip: string, username: string): LimitState {
    const pair = this.prune(this.byPair.get(`${ip}\n${username}`));
    const all = this.prune(this.byIp.get(ip));
    const blocked = [pair.length >= this.perUser ? pair[pair.length - this.perUser] : null, all.length >= this.perIp ? all[all.length - this.perIp] : null].filter((t): t is number => t !== null);
    if (blocked.length === 0) return { allowed: true, retryAfter: 0 };
    const until = Math.max(...blocked) + this.windowMs;
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((until - this.now()) / 1000)) };
  }

  fail(ip: string, username: string): void {
    for (const [map, key] of [[this.byPair, `${ip}\n${username}`], [this.byIp, ip]] as const) {
      const w = map.get(key) ?? { failures: [] };
      w.failures.push(this.now());
      map.set(key, w);
    }
    if (this.byPair.size > 10_000) this.byPair.clear();
    if (this.byIp.size > 10_000) this.byIp.clear();
  }

  succeed(ip: string, username: string): void {
    this.byPair.delete(`${ip}\n${username}`);
  }
}
