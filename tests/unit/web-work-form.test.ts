// The "Giao việc" form's rules in the browser (web/src/work/directive-form.ts): its messages by field, the day
// "today" is in Vietnam, the request body, and which field a server's 400 is about, checked against the messages the
// server's own text checks make (server/work/text.ts) so that a reworded server message fails here. Every Vietnamese
// and English text the form can show exists in both catalogues.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/errors.ts';
import { cleanText, type TextField } from '../../server/work/text.ts';
import { MESSAGES, translate } from '../../web/src/i18n/index.ts';
import {
  directiveBody,
  fieldOfServerError,
  hasMarkup,
  validateDirective,
  vnToday,
  type DirectiveDraft,
  type FieldError,
} from '../../web/src/work/directive-form.ts';

const TODAY = '2026-12-05';
const GOOD: DirectiveDraft = {
  office_id: '10633.cong-an',
  title: 'Rà soát tài khoản VNeID mức 2',
  detail: '',
  due: '31/03/2027',
  expected: '',
  expected_value: '',
};
/** The message a person reads, as the form writes it (the field's name in words). */
const words = (e: FieldError | undefined, lang: 'vi' | 'en' = 'vi') =>
  e &&
  translate(lang, e.key, {
    ...e.params,
    ...(e.params?.field ? { field: translate(lang, String(e.params.field)) } : {}),
    today: '05/12/2026',
  });
const check = (patch: Partial<DirectiveDraft>, lang: 'vi' | 'en' = 'vi') => {
  const errors = validateDirective({ ...GOOD, ...patch }, TODAY, lang);
  return Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, words(e, lang)]));
};

describe('validateDirective', () => {
  it('a complete draft has no error', () => expect(check({})).toEqual({}));

  it.each<[string, Partial<DirectiveDraft>, Record<string, string>]>([
    ['no office', { office_id: '' }, { office_id: 'Chưa chọn cơ quan thực hiện.' }],
    ['no title', { title: '   ' }, { title: 'Chưa điền “Việc cần làm”.' }],
    [
      'a title of 201 characters',
      { title: 'á'.repeat(201) },
      { title: '“Việc cần làm” dài quá 200 ký tự (hiện có 201).' },
    ],
    [
      'markup in the title',
      { title: 'Xem <b>ngay</b>' },
      { title: '“Việc cần làm” chỉ nhận văn bản thường, không nhận thẻ như <…>.' },
    ],
    [
      'markup in the expected effect',
      { expected: '<!-- x -->' },
      { expected: '“Kết quả mong đợi” chỉ nhận văn bản thường, không nhận thẻ như <…>.' },
    ],
    ['no due date', { due: '' }, { due: 'Chưa điền “Hạn hoàn thành”.' }],
    ['31 February', { due: '31/02/2027' }, { due: 'Hạn hoàn thành phải là một ngày có thật, dạng dd/mm/yyyy.' }],
    ['yesterday', { due: '04/12/2026' }, { due: 'Hạn hoàn thành không được trước hôm nay (05/12/2026).' }],
    [
      'a value that is not a number',
      { expected_value: '50%' },
      { expected_value: 'Giá trị mong đợi phải là một số, ví dụ 12,5.' },
    ],
  ])('%s', (_, patch, errors) => expect(check(patch)).toEqual(errors));

  it('today itself is a valid due date, written either way', () => {
    expect(check({ due: '05/12/2026' })).toEqual({});
    expect(check({ due: '2026-12-05' })).toEqual({});
  });

  it('"<" before a digit or a space is text, not markup (as on the server)', () => {
    expect(check({ title: 'Tỷ lệ < 50 % và <3 xã' })).toEqual({});
    for (const t of ['a <b', '</x', '<!x', 'x < y', '<3', '<é']) expect(hasMarkup(t), t).toBe(/<[A-Za-z/!]/.test(t));
  });

  it('speaks English too', () => {
    expect(check({ title: '', due: '04/12/2026' }, 'en')).toEqual({
      title: '“What to do” is empty.',
      due: 'The due date cannot be before today (05/12/2026).',
    });
  });
});

describe('vnToday', () => {
  it.each([
    ['2026-12-05T16:59:59Z', '2026-12-05'],
    ['2026-12-05T17:00:00Z', '2026-12-06'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2027-01-01T00:00:00+07:00', '2027-01-01'],
  ])('%s is %s in Vietnam', (at, day) => expect(vnToday(new Date(at))).toBe(day));
});

describe('directiveBody', () => {
  it('trims, leaves empty texts out, sends the day as ISO and the value as a number', () => {
    const body = directiveBody(
      { ...GOOD, title: '  Rà soát  ', expected: ' Nâng lên 50 % ', expected_value: '1.234,5', detail: ' ' },
      {
        unit_id: '10633',
        source: 'target',
        target_id: 'T05',
        indicator: 'pct_vneid_level2',
        view: 'screen=overview&unit=10633',
      },
      'vi',
    );
    expect(body).toEqual({
      office_id: '10633.cong-an',
      unit_id: '10633',
      source: 'target',
      title: 'Rà soát',
      due: '2027-03-31',
      indicator: 'pct_vneid_level2',
      target_id: 'T05',
      view: 'screen=overview&unit=10633',
      expected: 'Nâng lên 50 %',
      expected_value: 1234.5,
    });
  });

  it('a comment turned into a directive carries its number', () => {
    const body = directiveBody(GOOD, { unit_id: '10633', source: 'comment', comment_id: 7 }, 'en');
    expect(body.comment_id).toBe(7);
    expect(body).not.toHaveProperty('expected_value');
  });
});

describe('fieldOfServerError', () => {
  /** The server's own message for a bad text of a field, in a language. */
  const serverMessage = (field: TextField, raw: string, en: boolean) => {
    try {
      cleanText(field, raw);
    } catch (err) {
      return en ? (err as HttpError).messageEn : (err as HttpError).messageVi;
    }
    throw new Error(`the server took ${JSON.stringify(raw)} for ${field}`);
  };

  it.each<[TextField, string, string]>([
    ['title', '<b>x</b>', 'title'],
    ['title', ' ', 'title'],
    ['title', 'x'.repeat(201), 'title'],
    ['detail', '<script>', 'detail'],
    ['expected', 'x'.repeat(301), 'expected'],
  ])("the server's message about %s (%j) is put beside %s", (field, raw, expected) => {
    expect(fieldOfServerError(serverMessage(field, raw, false))).toBe(expected);
    expect(fieldOfServerError(serverMessage(field, raw, true))).toBe(expected);
  });

  it.each([
    ['Hạn (2026-12-01) đã qua: phải từ hôm nay (2026-12-05, giờ Việt Nam) trở đi.', 'due'],
    ['The due date (2026-12-01) is in the past: it must be today (2026-12-05, Vietnam time) or later.', 'due'],
    ['Hạn: không có ngày 2027-02-31.', 'due'],
    ['Không có cơ quan "10633.x".', 'office_id'],
    ['Office "Công an huyện" belongs neither to Xã An Bình nor to a unit above or below it.', 'office_id'],
    ['Giá trị mong đợi phải là một số.', 'expected_value'],
    ['Yêu cầu không hợp lệ: body/title must NOT have more than 200 characters', 'title'],
    ['Không có mục tiêu "T99".', null],
    ['Đơn vị "Xã An Bình" nằm ngoài phạm vi của bạn: không giao việc được.', null],
  ])('%s → %s', (message, field) => expect(fieldOfServerError(message)).toBe(field));
});

describe('messages', () => {
  it('every message of the work panels has its Vietnamese and English text, in NFC', () => {
    const vi = Object.keys(MESSAGES.vi).filter((k) => k.startsWith('work.'));
    const en = Object.keys(MESSAGES.en).filter((k) => k.startsWith('work.'));
    expect(vi.length).toBeGreaterThan(50);
    expect(vi.sort()).toEqual(en.sort());
    for (const k of vi) expect(MESSAGES.vi[k], k).toBe(MESSAGES.vi[k].normalize('NFC'));
    expect(MESSAGES.vi['work.give']).toBe('Giao việc');
    expect(MESSAGES.vi['work.follow.title']).toBe('Chỉ đạo và nhiệm vụ quá hạn');
    expect(MESSAGES.vi['work.discuss.to_directive']).toBe('Chuyển thành chỉ đạo');
  });
});
