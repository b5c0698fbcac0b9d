// A date field that reads and shows dd/mm/yyyy in every browser, whatever its language (a native date
// field follows the browser's locale): a text field with that placeholder, checked against the calendar
// (components/date-parse.ts), the value kept as ISO yyyy-mm-dd (in a hidden field named `name` for a form
// read with FormData). A date it cannot read is an error beside the field and blocks the form's submission.
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { dayText, parseDate } from './date-parse.ts';
import '../styles/analyst.css';

export function DateInput({
  label,
  name,
  defaultValue,
  onChange,
  id: given,
  className,
}: {
  label: string;
  /** the form field that carries the ISO date ('' when empty) */
  name?: string;
  /** ISO yyyy-mm-dd */
  defaultValue?: string;
  /** the ISO date after each change: '' when empty, null while it cannot be read */
  onChange?: (iso: string | null) => void;
  id?: string;
  className?: string;
}) {
  const i = useI18n();
  const own = useId();
  const id = given ?? own;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(dayText(defaultValue));
  const [shown, setShown] = useState(false);
  const read = parseDate(text);
  const iso = read.ok ? read.iso : read.reason === 'empty' ? '' : null;
  const error = iso === null && !read.ok ? i.t(`analyst.date.${read.reason}`, { text: text.trim() }) : null;
  // the browser refuses to submit a form with a field it finds invalid; the message is shown here, not in its bubble
  useEffect(() => input.current?.setCustomValidity(error ?? ''), [error]);
  return (
    <span className={`field date-input ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={i.t('analyst.date.placeholder')}
        value={text}
        aria-invalid={error && shown ? true : undefined}
        aria-describedby={error && shown ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const r = parseDate(next);
          onChange?.(r.ok ? r.iso : r.reason === 'empty' ? '' : null);
        }}
        onBlur={() => {
          setShown(true);
          if (read.ok) setText(dayText(read.iso));
        }}
        onInvalid={(e) => {
          e.preventDefault();
          setShown(true);
          e.currentTarget.focus();
        }}
        className="date-input__text"
      />
      {name && <input type="hidden" name={name} value={iso ?? ''} />}
      {error && shown && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
