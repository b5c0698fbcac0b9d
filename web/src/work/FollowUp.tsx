// Follow-up of the unit shown (issue 21): on the Overview the panel "Chỉ đạo và nhiệm vụ quá hạn" (the counts, the
// most overdue first, the directives that moved last, each linking to the screen "Nhiệm vụ"), registered for
// snapshots; on the wall a one-line tile. Both ask again when a live message carries a work change.
import { useId } from 'react';
import { useAsync } from '../app/use-async.ts';
import { useSnapshotPanel } from '../components/snapshot-registry.ts';
import { LoadingState } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { useLiveState } from '../live/LiveProvider.tsx';
import { fetchDirectives, fetchTasks, type Directive } from './api.ts';
import { followItems, followLink, type FollowItem } from './follow-up.ts';
import { useStatusText } from './LiveWorkItem.tsx';
import './work.css';

interface Loaded {
  today: string;
  overdue: FollowItem[];
  directives: number;
  tasks: number;
  open: number;
  /** the directives whose last update is the latest, newest first */
  recent: Directive[];
}

const lastMove = (d: Directive): string => d.updates[d.updates.length - 1]?.at ?? d.issued_at;

async function load(unit: string, lang: 'vi' | 'en'): Promise<Loaded> {
  const [directives, tasks] = await Promise.all([fetchDirectives({ unit }), fetchTasks({ unit, status: 'overdue' })]);
  const late = directives.directives.filter((d) => d.overdue);
  const overdueTasks = tasks.tasks.filter((t) => t.status === 'overdue');
  return {
    today: directives.today,
    overdue: followItems(late, overdueTasks, directives.today, lang),
    directives: late.length,
    tasks: overdueTasks.length,
    open: directives.directives.filter((d) => d.status !== 'accepted' && d.status !== 'withdrawn').length,
    recent: [...directives.directives].sort((a, b) => lastMove(b).localeCompare(lastMove(a))).slice(0, 3),
  };
}

function useFollowUp(unit: string) {
  const { lang } = useI18n();
  // a directive or a task changed somewhere the account sees: ask again (in place)
  const version = useLiveState((s) => s.workSeq);
  return useAsync(() => load(unit, lang), `follow|${unit}|${lang}`, String(version));
}

/** The Overview's panel. */
export function FollowUpPanel({ unit, limit = 3 }: { unit: string; limit?: number }) {
  const { t, date } = useI18n();
  const id = useId();
  const status = useStatusText();
  const answer = useFollowUp(unit);
  useSnapshotPanel('overview-followup', [
    { id: 'overview:followup', title: t('work.follow.title'), kind: 'followup', request: { unit } },
  ]);
  const d = answer.status === 'ready' ? answer.data : null;
  return (
    <section className="panel follow-up" aria-labelledby={`${id}-h`} data-panel="followup">
      <h2 id={`${id}-h`}>{t('work.follow.title')}</h2>
      {answer.status === 'loading' && <LoadingState />}
      {answer.status === 'error' && <p className="panel__note">{t('work.follow.unavailable')}</p>}
      {d && (
        <>
          <p className="follow-up__counts">
            <span data-count="directives">
              {t('work.follow.summary', { directives: d.directives, tasks: d.tasks })}
            </span>
            <span className="panel__note">{t('work.follow.open', { n: d.open })}</span>
          </p>
          {d.overdue.length === 0 ? (
            <p className="panel__note">{t('work.follow.none')}</p>
          ) : (
            <ul className="follow-up__list">
              {d.overdue.slice(0, limit).map((x) => (
                <li key={`${x.kind}:${x.id}`} data-follow={`${x.kind}:${x.id}`}>
                  <a href={followLink(x)} className="follow-up__title" title={x.title}>
                    {t(`work.follow.${x.kind}`, { id: x.label, title: x.title })}
                  </a>
                  <span className="follow-up__meta">
                    <span className="follow-up__late">{t('work.follow.late', { n: x.late, due: date(x.due) })}</span>
                    {' · '}
                    {t('work.follow.office', { office: x.office, unit: x.unit_name })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {d.recent.length > 0 && (
            <>
              <h3>{t('work.follow.recent')}</h3>
              <ul className="follow-up__list follow-up__recent">
                {d.recent.map((x) => (
                  <li key={x.id} data-directive={x.id}>
                    <a href={followLink({ kind: 'directive', id: String(x.id) })} className="follow-up__title">
                      {t('work.follow.directive', { id: x.id, title: x.title })}
                    </a>{' '}
                    <span className={`work-status work-status--${x.status}`}>{status(x.status)}</span>
                    <span className="follow-up__meta">
                      {t('work.follow.office', { office: x.office_name, unit: x.unit_name })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <a href="/tasks">{t('work.follow.more')}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** The wall's tile: one line, large, red-edged while anything is overdue. */
export function FollowUpTile({ unit }: { unit: string }) {
  const { t } = useI18n();
  const answer = useFollowUp(unit);
  if (answer.status !== 'ready') return null;
  const { directives, tasks } = answer.data;
  return (
    <p className={`wall-follow${directives + tasks === 0 ? ' wall-follow--clear' : ''}`} data-panel="followup">
      {directives + tasks === 0 ? t('work.follow.none') : t('work.follow.wall', { directives, tasks })}
    </p>
  );
}
