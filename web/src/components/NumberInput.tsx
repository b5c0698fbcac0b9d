// A number field in the page's language: shows 1,8 in Vietnamese, takes "1,8" and "1.8" alike, reads "1.800"
// as one thousand eight hundred (components/number-parse.ts). A value it cannot read, or outside min–max, is
// an error message beside the field (aria-invalid, aria-describedby) and is not applied; Enter or leaving
// the field applies a good one.
import { useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { parseNumber } from './number-parse.ts';
import '../styles/analyst.css';

export function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
  digits = 2,
  width = '6em',
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  /** fraction digits shown at most */
  digits?: number;
  width?: string;
}) {
  const i = useI18n();
  const id = useId();
  const shown = i.number(value, digits);
  const [draft, setDraft] = useState<{ text: string; error: string | null } | null>(null);
  // a new value from outside (the URL, another scenario) replaces what was being typed
  const [base, setBase] = useState(shown);
  if (base !== shown) {
    setBase(shown);
    setDraft(null);
  }

  const apply = (text: string) => {
    const read = parseNumber(text, i.lang);
    const bounds = { min: i.number(min ?? 0, digits), max: i.number(max ?? 0, digits) };
    const outside = read.ok && ((min !== undefined && read.value < min) || (max !== undefined && read.value > max));
    const error = !read.ok
      ? i.t(`analyst.number.${read.reason}`, { text: text.trim(), example: i.number(1.8, 1) })
      : outside
        ? i.t(`analyst.number.${min === undefined ? 'max' : max === undefined ? 'min' : 'range'}`, bounds)
        : null;
    if (error || !read.ok) return setDraft({ text, error });
    setDraft(null);
    if (read.value !== value) onChange(read.value);
  };
  const error = draft?.error ?? null;
  return (
    <span className="field number-input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ? draft.text : shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft({ text: e.target.value, error: draft?.error ?? null })}
        onBlur={(e) => draft && apply(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(e.currentTarget.value);
          } else if (e.key === 'Escape') setDraft(null);
        }}
        style={{ width }}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
