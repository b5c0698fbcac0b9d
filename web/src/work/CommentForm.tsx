// A new comment on a view (Comments.tsx): the text, "@" to mention an office or an account of the unit (suggestions
// under the field; the chosen ones as chips that can be removed), plain text only, sent with POST /api/comments.
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { createComment, fetchOffices, TEXT_LIMITS, type Mention } from './api.ts';
import { hasMarkup } from './directive-form.ts';
import { activeMention, insertMention, matchMentions, mentionCandidates } from './mentions.ts';

export function CommentForm({ viewKey, unit, onPosted }: { viewKey: string; unit: string; onPosted: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const offices = useAsync(() => fetchOffices(unit), `offices|${unit}`);
  const candidates = offices.status === 'ready' ? mentionCandidates(offices.data, lang) : [];
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [picker, setPicker] = useState('');
  const [chosen, setChosen] = useState<Mention[]>([]);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const active = activeMention(text, caret);
  const fromText = active
    ? matchMentions(
        candidates,
        active.query,
        chosen.map((m) => m.id),
      )
    : [];
  const fromPicker = picker.trim()
    ? matchMentions(
        candidates,
        picker,
        chosen.map((m) => m.id),
      )
    : [];

  const choose = (m: Mention, inText: boolean) => {
    setChosen((c) => [...c, m]);
    if (inText) {
      const next = insertMention(text, caret, m.name);
      setText(next.text);
      setCaret(next.caret);
      requestAnimationFrame(() => {
        area.current?.focus();
        area.current?.setSelectionRange(next.caret, next.caret);
      });
    } else setPicker('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNote('');
    const v = text.trim();
    const problem = !v
      ? t('work.error.required', { field: t('work.discuss.text') })
      : [...v].length > TEXT_LIMITS.comment
        ? t('work.error.too_long', { field: t('work.discuss.text'), max: TEXT_LIMITS.comment, n: [...v].length })
        : hasMarkup(v)
          ? t('work.error.markup', { field: t('work.discuss.text') })
          : '';
    setError(problem);
    if (problem) return area.current?.focus();
    setBusy(true);
    try {
      await createComment({ view: viewKey, text: v, mentions: chosen.map((m) => m.id) });
      setText('');
      setChosen([]);
      setNote(t('work.discuss.sent'));
      onPosted();
    } catch (err) {
      setError(t('work.discuss.error', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)} aria-label={t('work.discuss.send')}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('work.discuss.text')}</label>
        <textarea
          ref={area}
          id={`${id}-text`}
          rows={4}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        />
        <span id={`${id}-hint`} className="field__hint">
          {t('work.discuss.text_hint')}
        </span>
      </div>
      {active && fromText.length > 0 && <Suggestions list={fromText} onPick={(m) => choose(m, true)} />}
      <div className="field">
        <label htmlFor={`${id}-mention`}>{t('work.discuss.mention')}</label>
        <input
          id={`${id}-mention`}
          type="text"
          autoComplete="off"
          placeholder={t('work.discuss.mention_hint')}
          value={picker}
          onChange={(e) => setPicker(e.target.value)}
        />
      </div>
      {picker.trim() &&
        (fromPicker.length > 0 ? (
          <Suggestions list={fromPicker} onPick={(m) => choose(m, false)} />
        ) : (
          <p className="comment__note">{t('work.discuss.mention_none')}</p>
        ))}
      {chosen.length > 0 && (
        <ul className="mention-chips" aria-label={t('work.discuss.mention')}>
          {chosen.map((m) => (
            <li key={`${m.kind}:${m.id}`}>
              <button
                type="button"
                aria-label={t('work.discuss.mention_remove', { name: m.name })}
                onClick={() => setChosen((c) => c.filter((x) => x.id !== m.id))}
              >
                @{m.name} ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="comment__note" role="status">
        {note}
      </p>
      <div className="dialog__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('work.discuss.send')}
        </button>
      </div>
    </form>
  );
}

/** The accounts and offices that match what is typed, as buttons. */
function Suggestions({ list, onPick }: { list: Mention[]; onPick: (m: Mention) => void }) {
  const { t } = useI18n();
  return (
    <ul className="mention-suggestions" aria-label={t('work.discuss.suggestions')}>
      {list.map((m) => (
        <li key={`${m.kind}:${m.id}`}>
          <button type="button" onClick={() => onPick(m)}>
            {m.name} <small>({t(`work.discuss.kind.${m.kind}`)})</small>
          </button>
        </li>
      ))}
    </ul>
  );
}
