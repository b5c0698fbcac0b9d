// The "Giao việc" form's rules in the browser, before the server says the same (server/routes/work.ts): an office,
// what to do, a due date that is a real day not before today in Vietnam (UTC+7), texts within the contract's limits
// and without markup, an expected value that reads as a number. Also which field a server's 400 is about. Pure;
// tests/unit/web-work-form.test.ts.
import { parseDate } from '../components/date-parse.ts';
import { parseNumber } from '../components/number-parse.ts';
import type { Lang } from '../state/view-state.ts';
import { MARKUP } from '../../../server/work/text.ts';
import { TEXT_LIMITS, type DirectiveCreate } from './api.ts';

export const DIRECTIVE_FIELDS = ['office_id', 'title', 'detail', 'due', 'expected', 'expected_value'] as const;
export type DirectiveField = (typeof DIRECTIVE_FIELDS)[number];

/** What a person typed, as typed (the due date as dd/mm/yyyy, the value in the page's language). */
export interface DirectiveDraft {
  office_id: string;
  title: string;
  detail: string;
  due: string;
  expected: string;
  expected_value: string;
}

/** An error as an i18n key and its parameters (`field` is the field's label key, turned into words by the form). */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

/** The server's rule (server/work/text.ts): `<` followed by a letter, `/` or `!` is markup. */
export const hasMarkup = (text: string): boolean => MARKUP.test(text);

/** Today in Vietnam (UTC+7, no summer time) as YYYY-MM-DD: the day "overdue" and "not in the past" are judged on. */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const LABEL: Record<DirectiveField, string> = {
  office_id: 'work.field.office',
  title: 'work.field.title',
  detail: 'work.field.detail',
  due: 'work.field.due',
  expected: 'work.field.expected',
  expected_value: 'work.field.expected_value',
};
export const fieldLabel = (f: DirectiveField): string => LABEL[f];

function text(field: DirectiveField, value: string, max: number, required: boolean): FieldError | null {
  const v = value.trim();
  if (!v) return required ? { key: 'work.error.required', params: { field: LABEL[field] } } : null;
  if ([...v].length > max)
    return { key: 'work.error.too_long', params: { field: LABEL[field], max, n: [...v].length } };
  if (hasMarkup(v)) return { key: 'work.error.markup', params: { field: LABEL[field] } };
  return null;
}

/** The form's errors by field (none: the form may be sent). */
export function validateDirective(
  d: DirectiveDraft,
  today: string,
  lang: Lang,
): Partial<Record<DirectiveField, FieldError>> {
  const out: Partial<Record<DirectiveField, FieldError>> = {};
  if (!d.office_id) out.office_id = { key: 'work.error.office' };
  const checks: [DirectiveField, string, number, boolean][] = [
    ['title', d.title, TEXT_LIMITS.title, true],
    ['detail', d.detail, TEXT_LIMITS.detail, false],
    ['expected', d.expected, TEXT_LIMITS.expected, false],
  ];
  for (const [f, v, max, required] of checks) {
    const e = text(f, v, max, required);
    if (e) out[f] = e;
  }
  const due = parseDate(d.due);
  if (!due.ok)
    out.due =
      due.reason === 'empty'
        ? { key: 'work.error.required', params: { field: LABEL.due } }
        : { key: 'work.error.due_format' };
  else if (due.iso < today) out.due = { key: 'work.error.due_past', params: { today } };
  if (d.expected_value.trim() && !parseNumber(d.expected_value, lang).ok)
    out.expected_value = { key: 'work.error.number', params: { example: lang === 'vi' ? '12,5' : '12.5' } };
  return out;
}

/** What the panel knows of the directive: the unit, and the indicator, target, view, source it comes from. */
export interface DirectiveContext {
  unit_id: string;
  source: DirectiveCreate['source'];
  indicator?: string;
  target_id?: string;
  task_id?: string;
  comment_id?: number;
  view?: string;
}

/** The request body of a checked draft: trimmed texts, empty ones left out, the date as ISO, the value a number. */
export function directiveBody(d: DirectiveDraft, ctx: DirectiveContext, lang: Lang): DirectiveCreate {
  const due = parseDate(d.due);
  const value = parseNumber(d.expected_value, lang);
  const body: DirectiveCreate = {
    office_id: d.office_id,
    unit_id: ctx.unit_id,
    source: ctx.source,
    title: d.title.trim(),
    due: due.ok ? due.iso : d.due,
  };
  if (ctx.indicator) body.indicator = ctx.indicator;
  if (ctx.target_id) body.target_id = ctx.target_id;
  if (ctx.task_id) body.task_id = ctx.task_id;
  if (ctx.comment_id !== undefined) body.comment_id = ctx.comment_id;
  if (ctx.view) body.view = ctx.view.slice(0, 1000);
  if (d.detail.trim()) body.detail = d.detail.trim();
  if (d.expected.trim()) body.expected = d.expected.trim();
  if (value.ok) body.expected_value = value.value;
  return body;
}

/** How the server's messages about a field begin (server/work/text.ts labels, server/work/service.ts checks). */
const END = String.raw`(?=[\s:,.(]|$)`;
const begins = (words: string) => new RegExp(`^(${words})${END}`, 'iu');
const SERVER_WORDS: [DirectiveField, RegExp][] = [
  ['office_id', begins('không có cơ quan|cơ quan|no office|office')],
  ['expected_value', begins('giá trị mong đợi|the expected value|expected value')],
  ['expected', begins('kết quả mong đợi|expected effect')],
  ['due', begins('hạn|due|the due date')],
  ['detail', begins('nội dung|detail')],
  ['title', begins('tiêu đề|title')],
];

/** The field a server's 400 is about (its path in the body, or how the message begins), or null: the whole form. */
export function fieldOfServerError(message: string): DirectiveField | null {
  const path = /body\/(\w+)/.exec(message)?.[1];
  if (path && (DIRECTIVE_FIELDS as readonly string[]).includes(path)) return path as DirectiveField;
  const text = message.trim();
  for (const [field, words] of SERVER_WORDS) if (words.test(text)) return field;
  return null;
}
