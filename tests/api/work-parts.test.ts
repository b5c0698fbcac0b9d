// The pure parts of direction and follow-up (issue 21): the canonical view key (one key for every spelling of a
// view, a 400 naming an unknown key or a bad value), the plain-text rule (markup and control characters refused,
// limits counted in characters as people see them) and the browser's reading of live messages with and without
// `work`. Expected values are written out by hand.
import { describe, expect, it } from 'vitest';
import { parseViewKey } from '../../server/work/view-key.ts';
import { cleanText, optionalText } from '../../server/work/text.ts';
import { HttpError } from '../../server/errors.ts';
import { parseLiveMessage } from '../../web/src/live/live-message.ts';

const refusal = (fn: () => unknown): HttpError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('view keys', () => {
  it('puts every spelling of one view in one order', () => {
    const key = 'screen=map&unit=10633&indicator=births&from=2022-01&to=2022-12&by=quarter&sex=F&age_min=15';
    for (const spelling of [
      key,
      `?${key}`,
      'age_min=15&sex=F&by=quarter&to=2022-12&from=2022-01&indicator=births&unit=10633&screen=map',
      '  ?unit=10633&screen=map&sex=F&indicator=births&age_min=15&to=2022-12&by=quarter&from=2022-01  ',
      `${key}&channel=`,
    ])
      expect(parseViewKey(spelling).key, spelling).toBe(key);
    const v = parseViewKey(key);
    expect(v).toMatchObject({
      screen: 'map',
      unit: '10633',
      indicator: 'births',
      target: null,
      period: '2022-01…2022-12',
    });
    expect(parseViewKey('screen=overview&unit=291&from=2022-12&to=2022-12').period).toBe('2022-12');
    expect(parseViewKey('screen=overview&unit=291').period).toBeNull();
    expect(parseViewKey('screen=targets&unit=291&target=A08&at=2022-12-31').key).toBe(
      'screen=targets&unit=291&target=A08&at=2022-12-31',
    );
    // a code with a character to escape is written escaped, and read back the same
    expect(parseViewKey('screen=procedures&unit=291&procedure=1.001%2F2').key).toBe(
      'screen=procedures&unit=291&procedure=1.001%2F2',
    );
  });

  it.each([
    ['', /trống|empty/],
    ['unit=10633', /screen/],
    ['screen=map', /unit/],
    ['screen=map&unit=10633&colour=red', /colour/],
    ['screen=map&unit=10633&screen=targets', /screen/],
    ['screen=Map&unit=10633', /screen/],
    ['screen=map&unit=10633&from=2022-13', /from/],
    ['screen=map&unit=10633&from=2022-12&to=2022-01', /2022-12/],
    ['screen=map&unit=10633&at=2022-02-31', /at/],
    ['screen=map&unit=10633&by=week', /by/],
    ['screen=map&unit=10633&sex=X', /sex/],
    ['screen=map&unit=10633&age_min=86', /age_min/],
    ['screen=map&unit=10633&field=Bad-Field', /field/],
    ['screen=map&unit=10633&procedure=%3Cb%3E', /procedure/],
    ["screen=map&unit=' OR 1=1 --", /unit/],
    ['screen=map&unit=10633&indicator=Births', /indicator/],
  ])('refuses %j with a 400 naming it', (raw, message) => {
    const e = refusal(() => parseViewKey(raw));
    expect(e.statusCode).toBe(400);
    expect(`${e.messageVi} ${e.messageEn}`).toMatch(message);
  });
});

describe('plain text', () => {
  it('keeps text as written, NFC and trimmed, "<" not followed by a letter, "/" or "!" included', () => {
    expect(cleanText('title', '  Tỷ lệ < 50 % và 3<5  ')).toBe('Tỷ lệ < 50 % và 3<5');
    // "ệ" written as e + combining marks becomes one character
    expect(cleanText('comment', 'Vie\u0323\u0302t')).toBe('Việt');
    expect(cleanText('note', 'dòng 1\r\ndòng 2\tcột')).toBe('dòng 1\ndòng 2\tcột');
    expect(optionalText('detail', '   ')).toBeNull();
    expect(optionalText('detail', undefined)).toBeNull();
  });

  it.each([
    ['<b>x</b>', 'markup'],
    ['a <script>', 'markup'],
    ['</p>', 'markup'],
    ['<!-- x -->', 'markup'],
    ['<!DOCTYPE html>', 'markup'],
    ['<img/src=x onerror=alert(1)>', 'markup'],
    ['a\u0000b', 'control'],
    ['a\u001bb', 'control'],
    ['a\u202eb', 'control'],
    ['   ', 'blank'],
  ])('refuses %j', (text, why) => {
    const e = refusal(() => cleanText('comment', text));
    expect(e.statusCode).toBe(400);
    expect(e.messageVi).toMatch(/^Bình luận/);
    expect(e.messageEn).toMatch(/^Comment/);
    expect(e.messageEn).toMatch({ markup: /plain text/, control: /control/, blank: /blank/ }[why]!);
  });

  it('counts the limit in characters as people see them, and says it', () => {
    expect(cleanText('title', 'đ'.repeat(200))).toHaveLength(200);
    expect(cleanText('title', '😀'.repeat(200))).toHaveLength(400); // 200 characters, 400 UTF-16 units
    const e = refusal(() => cleanText('title', 'đ'.repeat(201)));
    expect(e.messageVi).toBe('Tiêu đề dài 201 ký tự, tối đa 200 ký tự.');
    expect(e.messageEn).toBe('Title is 201 characters long; at most 200 are allowed.');
    expect(refusal(() => cleanText('reason', 'x'.repeat(501))).messageEn).toMatch(/500/);
  });
});

describe('live messages with work', () => {
  const base = { at: '2026-12-05T03:00:00.000Z', batches: [], data_version: 3, data_date: '2022-12-31' };
  const work = {
    kind: 'directive',
    id: '12',
    unit: '10633',
    unit_name: 'Xã Nam Trung',
    office_id: '10633.cong-an',
    office_name: 'Công an xã',
    title: 'Rà soát khai sinh',
    status: 'acknowledged',
    previous_status: 'issued',
    overdue: false,
    by_name: 'Công an xã Nam Trung',
  };

  it('reads `work`, and a message without it as one with none', () => {
    expect(parseLiveMessage(JSON.stringify({ ...base, changes: [], alerts: [], work: [work] }))?.work).toEqual([work]);
    expect(parseLiveMessage(JSON.stringify({ ...base, changes: [], alerts: [] }))?.work).toEqual([]);
  });

  it('drops a malformed work item, not the message', () => {
    const m = parseLiveMessage(
      JSON.stringify({
        ...base,
        work: [
          work,
          { ...work, kind: 'meeting' },
          { ...work, id: 12 },
          null,
          { ...work, office_id: 5, overdue: 'yes' },
        ],
      }),
    )!;
    expect(m.work).toEqual([work, { ...work, office_id: null, overdue: false }]);
    expect(m.changes).toEqual([]);
  });
});
