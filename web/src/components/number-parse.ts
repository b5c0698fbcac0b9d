// Reading a number typed by a person: in Vietnamese "1,8" is one point eight and "1.800" one thousand eight
// hundred (vi-VN: decimal comma, dot between thousands); "1.8" is read as 1,8 too, because a dot followed
// by other than three digits cannot be a thousands separator. A separator that could be either is never
// guessed as a decimal: it is read as thousands when it groups by three, else the text is refused. English
// is the mirror image. Pure; tests/unit/web-analyst-parse.test.ts. Used by components/NumberInput.tsx.
import type { Lang } from '../state/view-state.ts';

export type NumberParse =
  | { ok: true; value: number }
  /** empty: nothing typed; invalid: not a number; ambiguous: separators that read two ways (1,234.5 in Vietnamese) */
  | { ok: false; reason: 'empty' | 'invalid' | 'ambiguous' };

const SEPARATORS: Record<Lang, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

const escape = (c: string) => (c === '.' ? '\\.' : c);
/** 1.800 or 12.345.678 (with `.` as the group mark): groups of three after a first group of 1–3 digits, not 0. */
const grouped = (s: string, group: string) => new RegExp(`^[1-9]\\d{0,2}(${escape(group)}\\d{3})+$`).test(s);
const DIGITS = /^\d+$/;

function unsigned(body: string, lang: Lang): NumberParse {
  const { decimal, group } = SEPARATORS[lang];
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return { ok: false, reason: 'invalid' };
  const hasDecimal = body.includes(decimal);
  const hasGroup = body.includes(group);
  const number = (int: string, frac = '') => ({ ok: true as const, value: Number(`${int || '0'}.${frac || '0'}`) });
  if (hasDecimal) {
    const parts = body.split(decimal);
    // "1,2,3" in Vietnamese, "1.234.5" in English: two decimal marks
    if (parts.length !== 2) return { ok: false, reason: 'ambiguous' };
    const [int, frac] = parts;
    // the group mark after the decimal one ("1,234.5" in Vietnamese) is the other language's way
    if (!DIGITS.test(frac)) return { ok: false, reason: frac.includes(group) ? 'ambiguous' : 'invalid' };
    if (hasGroup)
      return grouped(int, group) ? number(int.split(group).join(''), frac) : { ok: false, reason: 'ambiguous' };
    return int === '' || DIGITS.test(int) ? number(int, frac) : { ok: false, reason: 'invalid' };
  }
  if (hasGroup) {
    // thousands when it groups by three (1.800 = 1800), a decimal point when it cannot be thousands (1.8, 0.500)
    if (grouped(body, group)) return number(body.split(group).join(''));
    const parts = body.split(group);
    if (parts.length === 2 && /^\d*$/.test(parts[0]) && DIGITS.test(parts[1])) return number(parts[0], parts[1]);
    return { ok: false, reason: 'ambiguous' };
  }
  return number(body);
}

/** The number a person typed (vi-VN or en), or why it cannot be read. */
export function parseNumber(text: string, lang: Lang): NumberParse {
  // U+2212 minus and the dashes people paste; spaces (also no-break ones) only as groups of three: "1 800"
  const s = text.trim().replace(/[\u2212\u2012\u2013]/g, '-');
  if (s === '') return { ok: false, reason: 'empty' };
  const sign = s[0] === '-' ? -1 : 1;
  let body = s.replace(/^[+-]/, '');
  if (/\s/.test(body)) {
    if (!/^[1-9]\d{0,2}(\s\d{3})+([.,]\d+)?$/.test(body)) return { ok: false, reason: 'invalid' };
    body = body.replace(/\s/g, '');
  }
  const read = unsigned(body, lang);
  if (!read.ok) return read;
  return Number.isFinite(read.value) ? { ok: true, value: sign * read.value || 0 } : { ok: false, reason: 'invalid' };
}
