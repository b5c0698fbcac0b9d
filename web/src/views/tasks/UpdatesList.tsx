// A task's or a directive's history, oldest first as the server keeps it: when, who, what (progress, status, an
// edit, acknowledged, done, accepted, reopened, withdrawn…), the progress and the note, always as plain text.
import { useI18n } from '../../i18n/index.ts';
import type { WorkUpdate } from '../../work/api.ts';

export function UpdatesList({ updates, kind }: { updates: readonly WorkUpdate[]; kind: 'task' | 'directive' }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (updates.length === 0) return <p className="muted">{t('tasks.updates.none')}</p>;
  return (
    <ol className="work-updates">
      {updates.map((u) => (
        <li key={u.id} className="work-updates__item">
          <span className="work-updates__when">
            {i18n.dateTime(u.at)} · {u.by_name}
          </span>
          <span className="work-updates__what">
            {t(`tasks.action.${kind}.${u.action}`)}
            {u.status && kind === 'task' && ` · ${t(`work.status.${u.status}`)}`}
            {u.progress !== null && ` · ${t('tasks.task.progress', { n: i18n.number(u.progress, 0) })}`}
          </span>
          {u.note && <span className="work-updates__note">{u.note}</span>}
        </li>
      ))}
    </ol>
  );
}
