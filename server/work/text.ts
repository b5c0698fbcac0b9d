// Checks of the texts people write in tasks, directives and comments (issue 21): plain text only, never markup
// (any "<" followed by a letter, "/" or "!" is refused, whatever the screen would do with it), no control
// characters but line breaks and tabs, not blank, and within TEXT_LIMITS. Each refusal is a 400 that names the
// field, in Vietnamese and English (server/errors.ts). Pure.
import { TEXT_LIMITS } from '../contracts/work.ts';
import { badRequest } from '../errors.ts';

export type TextField = keyof typeof TEXT_LIMITS | 'title_vi' | 'title_en' | 'notes' | 'section';

/** The field's name in a message. */
const LABELS: Record<TextField, [string, string]> = {
  title: ['Tiêu đề', 'Title'],
  detail: ['Nội dung', 'Detail'],
  expected: ['Kết quả mong đợi', 'Expected effect'],
  note: ['Ghi chú', 'Note'],
  comment: ['Bình luận', 'Comment'],
  reason: ['Lý do', 'Reason'],
  title_vi: ['Tên nhiệm vụ (tiếng Việt)', 'Task title (Vietnamese)'],
  title_en: ['Tên nhiệm vụ (tiếng Anh)', 'Task title (English)'],
  notes: ['Ghi chú nhiệm vụ', 'Task notes'],
  section: ['Mục', 'Section'],
};

/** Longest length of the fields that have no entry in TEXT_LIMITS (the task's own, as the schema allows). */
const OTHER_LIMITS: Record<Exclude<TextField, keyof typeof TEXT_LIMITS>, number> = {
  title_vi: 1000,
  title_en: 1000,
  notes: 2000,
  section: 40,
};

export const limitOf = (field: TextField): number =>
  field in TEXT_LIMITS
    ? TEXT_LIMITS[field as keyof typeof TEXT_LIMITS]
    : OTHER_LIMITS[field as keyof typeof OTHER_LIMITS];

/** Markup: a "<" followed by a letter, "/" or "!" (a tag, a closing tag, a comment or doctype). */
export const MARKUP = /<[A-Za-z/!]/;
/** Control characters other than tab, line feed and carriage return (NUL, escapes, bidi overrides stay out). */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * The text as kept: NFC, trimmed, line ends as "\n". Throws a 400 naming the field when it is blank, holds
 * markup or control characters, or is longer than its limit (counted in characters as people see them).
 */
export function cleanText(field: TextField, raw: string): string {
  const [vi, en] = LABELS[field];
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (text === '') throw badRequest(`${vi} không được để trống.`, `${en} must not be blank.`);
  if (MARKUP.test(text))
    throw badRequest(
      `${vi} chỉ được là văn bản thường: không được chứa thẻ HTML hay mã đánh dấu ` +
        `(dấu "<" liền sau là chữ, "/" hoặc "!").`,
      `${en} must be plain text: no HTML tags or markup ("<" followed by a letter, "/" or "!").`,
    );
  if (CONTROL.test(text))
    throw badRequest(`${vi} chứa ký tự điều khiển không hợp lệ.`, `${en} holds invalid control characters.`);
  const limit = limitOf(field);
  const length = [...text].length;
  if (length > limit)
    throw badRequest(
      `${vi} dài ${length} ký tự, tối đa ${limit} ký tự.`,
      `${en} is ${length} characters long; at most ${limit} are allowed.`,
    );
  return text;
}

/** An optional text: undefined or blank is null, else cleanText. */
export function optionalText(field: TextField, raw: string | undefined | null): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  return cleanText(field, raw);
}
