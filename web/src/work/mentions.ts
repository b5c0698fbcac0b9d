// Mentions in a comment: the offices of the unit and their accounts as candidates, the "@…" being typed before the
// caret, matches that ignore case and Vietnamese diacritics (so "cong an" finds "Công an xã"), and the text with the
// chosen name put in place of the "@…". Pure; tests/unit/web-work-mentions.test.ts.
import type { Mention, Office } from './api.ts';

/** Lower case without diacritics: "Công an xã" → "cong an xa" (đ → d). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLocaleLowerCase('vi')
    .trim();
}

/** Every office once, then every account of an office once (an account belongs to at most one office). */
export function mentionCandidates(offices: readonly Office[], lang: 'vi' | 'en' = 'vi'): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  for (const o of offices) {
    const name = lang === 'en' && o.name_en ? o.name_en : o.name;
    if (!seen.has(`office:${o.id}`)) out.push({ kind: 'office', id: o.id, name: `${name} (${o.unit_name})` });
    seen.add(`office:${o.id}`);
  }
  for (const o of offices)
    for (const a of o.accounts) {
      if (seen.has(`account:${a}`)) continue;
      seen.add(`account:${a}`);
      out.push({ kind: 'account', id: a, name: a });
    }
  return out;
}

/**
 * The candidates that match a query, best first: a name or id that starts with it, then one with a word that starts
 * with it, then one that holds it; offices before accounts, then by name. Those already chosen are left out.
 */
export function matchMentions(
  candidates: readonly Mention[],
  query: string,
  chosen: readonly string[] = [],
  limit = 8,
): Mention[] {
  const q = fold(query);
  const rank = (m: Mention): number => {
    const hay = [fold(m.name), fold(m.id)];
    if (!q) return 2;
    if (hay.some((h) => h.startsWith(q))) return 0;
    if (hay.some((h) => h.split(/[\s.()-]+/).some((w) => w.startsWith(q)))) return 1;
    return hay.some((h) => h.includes(q)) ? 2 : -1;
  };
  const collator = new Intl.Collator('vi');
  return candidates
    .filter((m) => !chosen.includes(m.id))
    .map((m) => ({ m, r: rank(m) }))
    .filter((x) => x.r >= 0)
    .sort(
      (a, b) =>
        a.r - b.r ||
        (a.m.kind === b.m.kind ? 0 : a.m.kind === 'office' ? -1 : 1) ||
        collator.compare(a.m.name, b.m.name),
    )
    .slice(0, limit)
    .map((x) => x.m);
}

/** The "@…" typed just before the caret (at the start or after a space), or null: `{ start, query }`. */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  // a mention's words: up to 40 characters, no line break, no second @
  if (query.length > 40 || /[\n@]/.test(query)) return null;
  return { start: at, query };
}

/** The text with the "@query" before the caret replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, caret: number, name: string): { text: string; caret: number } {
  const active = activeMention(text, caret);
  const start = active ? active.start : caret;
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
