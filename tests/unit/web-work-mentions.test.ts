// Mentions in a comment (web/src/work/mentions.ts): the candidates from the unit's offices and their accounts, matches
// that ignore case and diacritics, best first, the "@…" being typed before the caret, and the text after a pick.
// Expected lists are written by hand from the small table of offices below.
import { describe, expect, it } from 'vitest';
import type { Office } from '../../web/src/work/api.ts';
import { activeMention, fold, insertMention, matchMentions, mentionCandidates } from '../../web/src/work/mentions.ts';

const office = (id: string, name: string, accounts: string[] = [], name_en: string | null = null): Office => ({
  id,
  unit_id: id.split('.')[0],
  unit_name: id.startsWith('291') ? 'Huyện Nam Sách' : 'Xã Nam Trung',
  name,
  name_en,
  accounts,
});
const OFFICES = [
  office('10633.cong-an', 'Công an xã', ['congan.namtrung'], 'Commune police'),
  office('10633.mot-cua', 'Bộ phận một cửa', ['canbo.namtrung']),
  office('10633.dia-chinh', 'Bộ phận Địa chính - Xây dựng'),
  office('291.cong-an', 'Công an huyện', [], 'District police'),
];
const candidates = mentionCandidates(OFFICES);

describe('fold', () => {
  it.each([
    ['Công an xã', 'cong an xa'],
    ['Địa chính', 'dia chinh'],
    ['  ĐỒNG  ', 'dong'],
    ['Nguyễn Thị Hường', 'nguyen thi huong'],
  ])('%s → %s', (a, b) => expect(fold(a)).toBe(b));
});

describe('mentionCandidates', () => {
  it('lists every office with its unit, then every account once', () => {
    expect(candidates.map((m) => `${m.kind}:${m.id}:${m.name}`)).toEqual([
      'office:10633.cong-an:Công an xã (Xã Nam Trung)',
      'office:10633.mot-cua:Bộ phận một cửa (Xã Nam Trung)',
      'office:10633.dia-chinh:Bộ phận Địa chính - Xây dựng (Xã Nam Trung)',
      'office:291.cong-an:Công an huyện (Huyện Nam Sách)',
      'account:congan.namtrung:congan.namtrung',
      'account:canbo.namtrung:canbo.namtrung',
    ]);
  });

  it('names offices in English when they have an English name', () => {
    expect(mentionCandidates(OFFICES, 'en')[0].name).toBe('Commune police (Xã Nam Trung)');
    expect(mentionCandidates(OFFICES, 'en')[1].name).toBe('Bộ phận một cửa (Xã Nam Trung)');
  });
});

describe('matchMentions', () => {
  const ids = (q: string, chosen: string[] = []) => matchMentions(candidates, q, chosen).map((m) => m.id);

  it('finds without diacritics or case: "cong an" is both police offices, in the alphabet\'s order', () => {
    // "Công an huyện" before "Công an xã": h before x
    expect(ids('cong an')).toEqual(['291.cong-an', '10633.cong-an']);
    expect(ids('CÔNG AN')).toEqual(['291.cong-an', '10633.cong-an']);
  });

  it('a name that starts with the query comes before a word inside one, and offices before accounts', () => {
    // "congan.namtrung" starts with "cong"; "Công an xã" too; offices first, then by name
    expect(ids('cong')).toEqual(['291.cong-an', '10633.cong-an', 'congan.namtrung']);
    // "dia" starts a word of "Bộ phận Địa chính" only
    expect(ids('dia')).toEqual(['10633.dia-chinh']);
    // "nam" starts the second word of the accounts' ids (after the dot) and no office's name
    expect(ids('namtrung')).toEqual(['canbo.namtrung', 'congan.namtrung']);
    // "an" starts a word of the police offices' names; it is only inside the others ("phận", "canbo", "congan")
    expect(ids('an')).toEqual([
      '291.cong-an',
      '10633.cong-an',
      '10633.dia-chinh',
      '10633.mot-cua',
      'canbo.namtrung',
      'congan.namtrung',
    ]);
  });

  it('leaves out what is already chosen, and nothing matches nonsense', () => {
    expect(ids('cong an', ['291.cong-an'])).toEqual(['10633.cong-an']);
    expect(ids('zzz')).toEqual([]);
  });

  it('an empty query lists the first ones (offices first), at most the limit', () => {
    expect(matchMentions(candidates, '', [], 3).map((m) => m.kind)).toEqual(['office', 'office', 'office']);
  });
});

describe('activeMention and insertMention', () => {
  it('reads the "@…" just before the caret', () => {
    expect(activeMention('Đề nghị @cong', 13)).toEqual({ start: 8, query: 'cong' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('@Công an', 8)).toEqual({ start: 0, query: 'Công an' });
  });

  it('is not a mention inside a word, after a line break, or far away', () => {
    expect(activeMention('thư a@b.vn', 10)).toBeNull();
    expect(activeMention('@cong\nan', 8)).toBeNull();
    expect(activeMention(`@${'x'.repeat(41)}`, 42)).toBeNull();
    expect(activeMention('không có', 8)).toBeNull();
  });

  it('puts the chosen name in place of the "@…" and the caret after it', () => {
    const text = 'Đề nghị @cong kiểm tra';
    const r = insertMention(text, 13, 'Công an xã');
    expect(r.text).toBe('Đề nghị @Công an xã  kiểm tra');
    expect(r.caret).toBe('Đề nghị @Công an xã '.length);
    expect(insertMention('Xin ', 4, 'canbo.namtrung')).toEqual({ text: 'Xin @canbo.namtrung ', caret: 20 });
  });
});
