// Password hashing with scrypt (node:crypto): a random 16-byte salt per password, cost N=2^15,
// r=8, p=1, a 32-byte key; stored as "scrypt$N$r$p$salt$key" (base64url) so costs can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY = 32;
const MAXMEM = 64 * 1024 * 1024;

const derive = (password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY, { ...opts, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when the password matches the stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== KEY) return false;
  const key = await derive(password, salt, { N: n, r, p });
  return timingSafeEqual(key, expected);
}

/** A hash of a password no one knows: verified against when a user name does not exist, so that
 * unknown names and wrong passwords take the same time. */
export const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

/** A readable random password: 4 groups of 4 letters and digits without look-alikes (≈ 80 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export const PASSWORD_MIN = 10;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): { vi: string; en: string } | null {
  if (password.length < PASSWORD_MIN)
    return {
      vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự.`,
      en: `The password must have at least ${PASSWORD_MIN} characters.`,
    };
  if (password.length > 200)
    return { vi: 'Mật khẩu dài quá 200 ký tự.', en: 'The password is longer than 200 characters.' };
  if (password.toLowerCase().includes(username.toLowerCase()))
    return { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the user name.' };
  return null;
}
