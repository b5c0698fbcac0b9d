// The sign-in limiter's lock-out per account (issue 12 B): failures for one user name from any address
// add up; at the 10th within 15 minutes the account's sign-in is locked for 15 minutes, whatever the
// address and even for the right password, until an administrator lifts it.
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../server/auth/limiter.ts';

const WINDOW = 15 * 60_000;
/** 6 addresses × 5 failures: under the per-address limits, 30 guesses at one account today. */
const ADDRESSES = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'];

describe('the lock-out per account', () => {
  it('locks an account after 10 failures from any addresses, for 15 minutes from the 10th, for every address', () => {
    let now = 1_000_000;
    const l = new LoginLimiter(5, 20, WINDOW, () => now);
    const starts: (number | null)[] = [];
    for (const ip of ADDRESSES.slice(0, 2)) {
      for (let i = 0; i < 5; i++) {
        expect(l.check(ip, 'an').allowed).toBe(true);
        starts.push(l.fail(ip, 'an').lockedUntil);
        now += 1_000;
      }
    }
    // the 10th failure (at 1,009,000) starts the lock, once
    expect(starts).toEqual([null, null, null, null, null, null, null, null, null, 1_009_000 + WINDOW]);
    expect(l.lockedUntil('an')).toBe(1_009_000 + WINDOW);
    const fresh = l.check('192.168.1.1', 'an');
    expect(fresh.allowed).toBe(false);
    expect(fresh.retryAfter).toBe(15 * 60 - 1);
    // other accounts and the same address for another name are not locked
    expect(l.check('192.168.1.1', 'binh').allowed).toBe(true);
    expect(l.check(ADDRESSES[5], 'binh').allowed).toBe(true);
    expect(l.lockedUntil('binh')).toBeNull();
    // it lasts the window, then the count starts again
    now = 1_009_000 + WINDOW;
    expect(l.check('192.168.1.1', 'an').allowed).toBe(true);
    expect(l.lockedUntil('an')).toBeNull();
    expect(l.fail('192.168.1.1', 'an').lockedUntil).toBeNull();
  });

  it('a success does not clear the account count that other addresses built', () => {
    const now = 0;
    const l = new LoginLimiter(5, 20, WINDOW, () => now);
    for (const ip of ADDRESSES.slice(0, 3)) for (let i = 0; i < 3; i++) l.fail(ip, 'an');
    l.succeed('192.168.1.1', 'an');
    expect(l.fail(ADDRESSES[4], 'an').lockedUntil).toBe(WINDOW);
    expect(l.check('192.168.1.1', 'an').allowed).toBe(false);
  });

  it('failures older than the window do not count', () => {
    let now = 0;
    const l = new LoginLimiter(5, 20, WINDOW, () => now);
    for (let i = 0; i < 9; i++) l.fail(ADDRESSES[i % 6], 'an');
    now += WINDOW;
    expect(l.fail(ADDRESSES[0], 'an').lockedUntil).toBeNull();
    expect(l.check(ADDRESSES[1], 'an').allowed).toBe(true);
  });

  it('an administrator lifts a lock (and the per-address blocks of that name), and only that one', () => {
    const now = 0;
    const l = new LoginLimiter(5, 20, WINDOW, () => now);
    for (const ip of ADDRESSES.slice(0, 2))
      for (let i = 0; i < 5; i++) {
        l.fail(ip, 'an');
        l.fail(ip, 'binh');
      }
    expect(l.check(ADDRESSES[3], 'an').allowed).toBe(false);
    expect(l.unlock('an')).toBe(true);
    expect(l.unlock('an')).toBe(false);
    expect(l.lockedUntil('an')).toBeNull();
    expect(l.check(ADDRESSES[0], 'an').allowed).toBe(true);
    expect(l.check(ADDRESSES[3], 'binh').allowed).toBe(false);
    // the address itself stays limited by its own count (here 10 of 20)
    for (let i = 0; i < 10; i++) l.fail(ADDRESSES[0], `x${i}`);
    expect(l.check(ADDRESSES[0], 'an').allowed).toBe(false);
  });

  it('keeps its memory bounded without forgetting a lock', () => {
    const now = 0;
    const l = new LoginLimiter(5, 20, WINDOW, () => now, 10);
    for (let i = 0; i < 10; i++) l.fail(`10.1.0.${i}`, 'an');
    for (let i = 0; i < 12_000; i++) l.fail(`10.2.${i >> 8}.${i & 255}`, `spray${i}`);
    expect(l.check('10.3.0.1', 'an').allowed).toBe(false);
  });
});
