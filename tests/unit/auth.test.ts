// Pieces of access control checked on their own: scrypt hashes (against node:crypto directly), the
// sign-in limiter on a fake clock, roles, the scope of an account's unit, and the audit chain's hash.
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../server/auth/passwords.ts';
import { LoginLimiter } from '../../server/auth/limiter.ts';
import { can, ROLES } from '../../server/auth/roles.ts';
import { canSee, inDetail, makeScope, membersInScope, scopeOfUnit } from '../../server/auth/scope.ts';
import { buildDirectory, type Unit } from '../../server/units/directory.ts';
import { rowHash } from '../../server/audit/log.ts';

describe('passwords', () => {
  it('stores scrypt$N$r$p$salt$key that node:crypto reproduces, with a new salt each time', async () => {
    const stored = await hashPassword('mật khẩu dài đủ');
    const [tag, n, r, p, salt, key] = stored.split('$');
    expect(tag).toBe('scrypt');
    const again = scryptSync('mật khẩu dài đủ'.normalize('NFC'), Buffer.from(salt, 'base64url'), 32, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
    expect(again.toString('base64url')).toBe(key);
    expect(await hashPassword('mật khẩu dài đủ')).not.toBe(stored);
    expect(await verifyPassword('mật khẩu dài đủ', stored)).toBe(true);
    // the same letters typed decomposed (NFD) are the same password
    expect(await verifyPassword('mật khẩu dài đủ'.normalize('NFD'), stored)).toBe(true);
    expect(await verifyPassword('mật khẩu dài đu', stored)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999$8$1$AAAA$AAAA')).toBe(false);
  });

  it('generates readable passwords that pass the rules, and refuses short ones or ones holding the name', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(p).not.toMatch(/[01ilo]/);
      expect(passwordProblem(p, 'quantri')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(passwordProblem('short', 'an')?.en).toMatch(/at least 10/);
    expect(passwordProblem('xx-QuanTri-2026', 'quantri')?.en).toMatch(/user name/);
  });
});

describe('sign-in limiter', () => {
  it('blocks the 6th attempt for one name from one address for the rest of 15 minutes, not other names', () => {
    let now = 1_000_000;
    const l = new LoginLimiter(5, 20, 15 * 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(l.check('1.2.3.4', 'an').allowed).toBe(true);
      l.fail('1.2.3.4', 'an');
      now += 10_000;
    }
    const blocked = l.check('1.2.3.4', 'an');
    expect(blocked.allowed).toBe(false);
    // the first failure was 50 s ago: it leaves the window in 15 min − 50 s
    expect(blocked.retryAfter).toBe(15 * 60 - 50);
    expect(l.check('1.2.3.4', 'binh').allowed).toBe(true);
    expect(l.check('5.6.7.8', 'an').allowed).toBe(true);
    now += blocked.retryAfter * 1000;
    expect(l.check('1.2.3.4', 'an').allowed).toBe(true);
  });

  it('blocks an address after 20 failures over any names; a success clears only its own name', () => {
    const now = 0;
    const l = new LoginLimiter(5, 20, 60_000, () => now);
    for (let i = 0; i < 20; i++) l.fail('9.9.9.9', `user${i}`);
    expect(l.check('9.9.9.9', 'someone').allowed).toBe(false);
    const k = new LoginLimiter(5, 20, 60_000, () => now);
    for (let i = 0; i < 4; i++) k.fail('1.1.1.1', 'an');
    k.succeed('1.1.1.1', 'an');
    k.fail('1.1.1.1', 'an');
    expect(k.check('1.1.1.1', 'an').allowed).toBe(true);
  });
});

describe('roles', () => {
  it('grants read to all, export to staff and admin, ingest and admin to admin only', () => {
    const table = Object.fromEntries(
      ROLES.map((r) => [r, (['public', 'read', 'export', 'ingest', 'admin'] as const).filter((a) => can(r, a))]),
    );
    expect(table).toEqual({
      admin: ['public', 'read', 'export', 'ingest', 'admin'],
      leader: ['public', 'read'],
      planner: ['public', 'read'],
      staff: ['public', 'read', 'export'],
    });
  });
});

describe('scope of an account', () => {
  const unit = (
    unit_id: string,
    level: Unit['level'],
    parent_id: string | null,
    is_base = level === 'commune',
  ): Unit => ({
    unit_id,
    code: unit_id,
    name: unit_id,
    name_en: null,
    level,
    parent_id,
    valid_from: '2008-01-01',
    valid_to: null,
    area_km2: null,
    is_base,
  });
  // province P > district D (base) > communes A, B, C; N = a 2025 commune made of A and B
  const units = [
    unit('P', 'province', null, false),
    unit('D', 'district', 'P', true),
    unit('A', 'commune', 'D'),
    unit('B', 'commune', 'D'),
    unit('C', 'commune', 'D'),
    unit('N', 'commune', 'P', false),
  ];
  const members = [
    ...['A', 'B', 'C'].map((m) => ({ group_id: 'D', member_id: m })),
    ...['A', 'B', 'C'].map((m) => ({ group_id: 'P', member_id: m })),
    ...['A', 'B', 'C'].map((m) => ({ group_id: m, member_id: m })),
    { group_id: 'N', member_id: 'A' },
    { group_id: 'N', member_id: 'B' },
  ];
  const dir = buildDirectory(units, members);

  it("a commune's leader sees the commune in detail and the district as a total only", () => {
    const s = scopeOfUnit(dir, 'A');
    expect([...s]).toEqual(['A']);
    expect([...s.aggregates]).toEqual(['D']);
    expect(['P', 'D', 'A', 'B', 'C', 'N'].filter((u) => canSee(dir, s, u))).toEqual(['D', 'A']);
    // the district's total reads all its communes; a ranking of its communes only the visible one
    expect(membersInScope(dir, s, ['D']).sort()).toEqual(['A', 'B', 'C']);
    expect(membersInScope(dir, s, ['A', 'B', 'C'])).toEqual(['A']);
    // it may write (events, accounts) for its commune only, not for the district it sees as a total
    expect(['P', 'D', 'A', 'B', 'N'].filter((u) => inDetail(dir, s, u))).toEqual(['A']);
  });

  it("a district's account sees every commune and units made of them, the province as a total", () => {
    const s = scopeOfUnit(dir, 'D');
    expect(['P', 'D', 'A', 'B', 'C', 'N'].filter((u) => canSee(dir, s, u))).toEqual(['P', 'D', 'A', 'B', 'C', 'N']);
    expect([...s.aggregates]).toEqual(['P']);
  });

  it('an unknown unit or an empty scope sees nothing', () => {
    expect(scopeOfUnit(dir, 'nowhere').size).toBe(0);
    expect(['P', 'D', 'A'].some((u) => canSee(dir, makeScope([]), u))).toBe(false);
  });
});

describe('audit chain', () => {
  it('changes the hash when any field or the previous hash changes', () => {
    const row = {
      seq: 1,
      at: '2026-11-27T10:00:00.000',
      account: 'an',
      role: 'leader',
      ip: '127.0.0.1',
      action: 'read',
      method: 'GET',
      route: '/api/targets',
      params: '{"unit":"10633"}',
      units: ['10633'],
      rows: 29,
      status: 200,
      format: null,
      bytes: null,
      sha256: null,
      detail: null,
      prev_hash: '0'.repeat(64),
    };
    const h = rowHash(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [
      { account: 'binh' },
      { units: ['10634'] },
      { rows: 30 },
      { prev_hash: '1'.repeat(64) },
      { at: '2026-11-27T10:00:00.001' },
    ]) {
      expect(rowHash({ ...row, ...change })).not.toBe(h);
    }
    expect(rowHash({ ...row })).toBe(h);
  });
});
