// The directives leaders issued (GET /api/directives), open ones by default, or the overdue ones, or all: each a
// card (DirectiveCard.tsx) whose detail holds its history and the actions the server allows this account. With
// "Việc của tôi" only those issued by the account or to its office; with an office chosen, only that office's.
import { useEffect, useId, useState } from 'react';
import { useAsync } from '../../app/use-async.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useLiveState } from '../../live/LiveProvider.tsx';
import { fetchDirectives, type Directive, type DirectivesAnswer } from '../../work/api.ts';
import { DirectiveCard } from './DirectiveCard.tsx';
import { DIRECTIVE_LISTS, type TasksView } from './tasks-view.ts';

export function Directives({
  unit,
  view,
  setView,
}: {
  unit: string;
  view: TasksView;
  setView: (patch: Partial<TasksView>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [version, setVersion] = useState(0);
  // the directives changed here, over the answer they were changed on (a fresh answer holds them)
  const [changed, setChanged] = useState<{ on: DirectivesAnswer | null; d: ReadonlyMap<number, Directive> }>({
    on: null,
    d: new Map(),
  });
  const [note, setNote] = useState('');
  const list = view.directives;
  // a directive changed by someone else (the live feed's work) reads the list again, quietly
  const workSeq = useLiveState((s) => s.workSeq);
  const key = `directives|${unit}|${list}|${view.office ?? ''}|${view.mine}`;
  const answer = useAsync(
    () =>
      fetchDirectives({
        unit: unit || undefined,
        open: list === 'open' || undefined,
        overdue: list === 'overdue' || undefined,
        office: view.office,
        mine: view.mine || undefined,
      }),
    key,
    `${version}|${workSeq}`,
  );
  const data = answer.status === 'ready' ? answer.data : null;
  // the directive a link opened (?directive=) is scrolled to once, when the list first shows
  const [linked] = useState(view.directive);
  const ready = data !== null;
  // the directive shown (a link's, or one just closed here) that this list does not hold: shown in "all"
  const shownId = view.directive;
  const missing = shownId !== undefined && data !== null && !data.directives.some((d) => d.id === shownId);
  useEffect(() => {
    if (missing && list !== 'all') setView({ directives: 'all', directive: shownId });
  }, [missing, list, shownId, setView]);
  useEffect(() => {
    if (linked && ready) document.querySelector(`article[data-directive="${linked}"]`)?.scrollIntoView();
  }, [linked, ready]);
  /** the directives with those changed here (the server's answer to the action) in place */
  const shown = (a: DirectivesAnswer) =>
    a.directives.map((d) => (changed.on === a ? changed.d.get(d.id) : undefined) ?? d);
  const onChanged = (d: Directive) => {
    setChanged((c) => ({ on: data, d: new Map(c.on === data ? c.d : []).set(d.id, d) }));
    setNote(t('tasks.directives.changed', { id: d.id, status: t(`work.status.${d.status}`) }));
    setVersion((v) => v + 1);
  };

  return (
    <section className="panel tasks-directives" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tasks.directives.title')}</h2>
      <fieldset className="tasks-switch">
        <legend>{t('tasks.directives.show')}</legend>
        {DIRECTIVE_LISTS.map((l) => (
          <label key={l} className="tasks-switch__option">
            <input
              type="radio"
              name={`${id}-list`}
              value={l}
              checked={list === l}
              onChange={() => setView({ directives: l, directive: undefined })}
            />
            {t(`tasks.directives.list.${l}`)}
          </label>
        ))}
      </fieldset>
      <p className="admin-note" aria-live="polite">
        {note}
      </p>
      <AsyncView state={answer}>
        {(a) => {
          const directives = shown(a);
          if (directives.length === 0) return <p className="muted">{t(`tasks.directives.none.${list}`)}</p>;
          return (
            <>
              <p className="panel__note">
                {t(`tasks.directives.count.${list}`, { n: i18n.number(directives.length, 0) })}
              </p>
              <ol className="directive-list">
                {directives.map((d) => (
                  <li key={d.id}>
                    <DirectiveCard
                      directive={d}
                      open={view.directive === d.id}
                      onToggle={(open) => setView({ directive: open ? d.id : undefined })}
                      onChanged={onChanged}
                    />
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
