// "Thảo luận": the comments on the exact view on screen (GET /api/comments?view=<the view's key>), beside it. A toggle
// in the view's actions says how many there are; the panel lists them (plain text, always shown as text), takes a new
// one with mentions of offices and accounts, lets the author withdraw their own with a reason, and lets a leader make
// one a directive ("Chuyển thành chỉ đạo": the directive form with source 'comment').
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useAsync } from '../app/use-async.ts';
import { useMe } from '../auth/SessionContext.tsx';
import { useI18n } from '../i18n/index.ts';
import { homeUnit, parseView } from '../state/view-state.ts';
import { fetchComments, withdrawComment, type Comment } from './api.ts';
import { CommentForm } from './CommentForm.tsx';
import { DirectiveDialog } from './DirectiveDialog.tsx';
import { viewKey } from './view-key.ts';
import './work.css';

/** The toggle (for the view's actions) and the panel (after them) of the view on screen. */
export function useDiscussion(): { toggle: ReactNode; panel: ReactNode } {
  const { t } = useI18n();
  const id = useId();
  const me = useMe();
  const state = parseView(location.pathname, location.search);
  const key = viewKey(state, homeUnit());
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  // a view without a unit yet (before the account is known) has no discussion
  const ready = Boolean(me && (state.unit || homeUnit()));
  const comments = useAsync(
    () => (ready ? fetchComments({ view: key }) : Promise.resolve({ view: key, comments: [] as Comment[] })),
    `${key}|${ready}`,
    String(version),
  );
  if (!me) return { toggle: null, panel: null };
  const list = comments.status === 'ready' ? comments.data.comments : [];
  const n = list.filter((c) => !c.withdrawn).length;
  const toggle = (
    <button
      type="button"
      className="button button--small discussion-toggle"
      aria-expanded={open}
      aria-controls={`${id}-panel`}
      onClick={() => setOpen((o) => !o)}
    >
      {t('work.discuss.toggle', { n: comments.status === 'ready' ? n : '…' })}
    </button>
  );
  const panel = open ? (
    <CommentsPanel
      id={`${id}-panel`}
      viewKey={key}
      unit={state.unit || homeUnit()}
      comments={comments.status === 'ready' ? list : null}
      error={comments.status === 'error' ? comments.error.message : null}
      onChange={() => setVersion((v) => v + 1)}
      onClose={() => {
        setOpen(false);
        document.querySelector<HTMLElement>('.discussion-toggle')?.focus();
      }}
    />
  ) : null;
  return { toggle, panel };
}

/** The view a key names, in words: the screen's name, the unit (by name when it is the account's), then the rest. */
function useDescribeView(): (key: string) => string {
  const { t } = useI18n();
  const me = useMe();
  return (key) => {
    const q = new URLSearchParams(key);
    const unit = q.get('unit') ?? '';
    const parts = [
      t(`screen.${q.get('screen') ?? 'overview'}`),
      me && unit === me.account.unit_id ? me.account.unit_name : unit,
    ];
    // the parts of the key in words; a filter by its name and value
    const named = new Set(['indicator', 'target', 'from', 'to', 'by', 'at']);
    for (const [k, v] of q)
      if (named.has(k)) parts.push(t(`work.view.${k}`, { v }));
      else if (k !== 'screen' && k !== 'unit') parts.push(`${k} = ${v}`);
    return parts.join(' · ');
  };
}

function CommentsPanel(props: {
  id: string;
  viewKey: string;
  unit: string;
  comments: Comment[] | null;
  error: string | null;
  onChange: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const leader = me?.account.role === 'leader';
  const describeView = useDescribeView();
  const [directive, setDirective] = useState<Comment | null>(null);
  return (
    <aside id={props.id} className="discussion" aria-labelledby={`${props.id}-h`}>
      <div className="discussion__head">
        <h2 id={`${props.id}-h`}>{t('work.discuss.title')}</h2>
        <button type="button" className="button button--small button--quiet" onClick={props.onClose}>
          {t('work.discuss.close')}
        </button>
      </div>
      <p className="discussion__view">{t('work.discuss.about', { view: describeView(props.viewKey) })}</p>
      {props.error && <p className="field-error">{props.error}</p>}
      {props.comments === null && !props.error && <p role="status">{t('work.discuss.loading')}</p>}
      {props.comments?.length === 0 && <p>{t('work.discuss.none')}</p>}
      {props.comments && props.comments.length > 0 && (
        <ol className="discussion__list">
          {props.comments.map((c) => (
            <CommentItem
              key={c.id}
              comment={c}
              mine={c.author === me?.account.username}
              leader={leader}
              onChange={props.onChange}
              onDirective={() => setDirective(c)}
            />
          ))}
        </ol>
      )}
      <CommentForm viewKey={props.viewKey} unit={props.unit} onPosted={props.onChange} />
      {directive && (
        <DirectiveDialog
          context={{
            unit_id: directive.unit_id,
            source: 'comment',
            comment_id: directive.id,
            indicator: directive.indicator ?? undefined,
            view: directive.view,
          }}
          subject={t('work.source.comment')}
          unitName={directive.unit_name}
          comment={{ author: directive.author_name, text: directive.text }}
          prefill={{ title: [...directive.text.trim()].slice(0, 200).join('') }}
          onIssued={props.onChange}
          onClose={() => setDirective(null)}
        />
      )}
    </aside>
  );
}

function CommentItem(props: {
  comment: Comment;
  mine: boolean;
  leader: boolean;
  onChange: () => void;
  onDirective: () => void;
}) {
  const { comment: c } = props;
  const { t, dateTime } = useI18n();
  const id = useId();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const withdraw = async () => {
    if (!reason.trim()) return setError(t('work.error.required', { field: t('work.discuss.withdraw_reason') }));
    try {
      await withdrawComment(c.id, reason.trim());
      setWithdrawing(false);
      props.onChange();
    } catch (err) {
      setError(t('work.discuss.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  };
  return (
    <li className={`comment${c.withdrawn ? ' comment--withdrawn' : ''}`} data-comment={c.id}>
      <p className="comment__by">{t('work.discuss.by', { author: c.author_name, at: dateTime(c.at) })}</p>
      {/* plain text: React writes it as text, never as markup */}
      <p className="comment__text">{c.text}</p>
      {c.mentions.length > 0 && (
        <p className="comment__note">
          {t('work.discuss.mentions', { names: c.mentions.map((m) => m.name).join(', ') })}
        </p>
      )}
      {c.withdrawn && (
        <p className="comment__note">
          {t('work.discuss.withdrawn', { at: dateTime(c.withdrawn.at), reason: c.withdrawn.reason })}
        </p>
      )}
      {c.directive_id !== null && (
        <p className="comment__note">
          <a href={`/tasks?directive=${c.directive_id}`}>{t('work.discuss.became', { id: c.directive_id })}</a>
        </p>
      )}
      {!c.withdrawn && (
        <div className="comment__actions">
          {props.leader && c.directive_id === null && (
            <button type="button" className="button button--small" onClick={props.onDirective}>
              {t('work.discuss.to_directive')}
            </button>
          )}
          {props.mine && !withdrawing && (
            <button type="button" className="button button--small button--quiet" onClick={() => setWithdrawing(true)}>
              {t('work.discuss.withdraw')}
            </button>
          )}
          {withdrawing && (
            <>
              <span className="field">
                <label htmlFor={`${id}-reason`}>{t('work.discuss.withdraw_reason')}</label>
                <input
                  id={`${id}-reason`}
                  type="text"
                  value={reason}
                  maxLength={500}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => setReason(e.target.value)}
                />
              </span>
              <button type="button" className="button button--small" onClick={() => void withdraw()}>
                {t('work.discuss.withdraw_confirm')}
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => setWithdrawing(false)}
              >
                {t('work.cancel')}
              </button>
            </>
          )}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
