// One directive or task whose status changed, in the Overview's live feed (views/overview/LiveFeed.tsx): its number,
// office and title, the status it moved from and to, and who moved it; marked by a word and an icon, not colour alone.
import { useI18n } from '../i18n/index.ts';
import type { FeedWork } from '../live/live-store.ts';
import { followLink } from './follow-up.ts';

/** A status's words; one the app does not know is shown as the server wrote it. */
export function useStatusText(): (status: string) => string {
  const { t } = useI18n();
  return (status) => {
    const key = `work.status.${status}`;
    const text = t(key);
    return text === key ? status : text;
  };
}

export function LiveWorkItem({ work: w }: { work: FeedWork }) {
  const { t, time } = useI18n();
  const status = useStatusText();
  const label = w.kind === 'directive' ? w.id : w.id.slice(w.id.indexOf('.') + 1);
  return (
    <li className={`feed__item live-work live-work--${w.overdue ? 'overdue' : 'ok'}`} data-work={`${w.kind}:${w.id}`}>
      <span className="live-work__icon" aria-hidden="true">
        ✎
      </span>
      <span>
        <strong>{t('work.live.label')}:</strong>{' '}
        <a href={followLink(w)}>
          {t(`work.live.${w.kind}`, { id: label, office: w.office_name ?? w.unit_name, title: w.title })}
        </a>{' '}
        <span className="live-work__status">
          {w.previous_status
            ? t('work.live.changed', { from: status(w.previous_status), to: status(w.status), by: w.by_name })
            : t('work.live.set', { to: status(w.status), by: w.by_name })}
        </span>
        {w.overdue && <> · {t('work.status.overdue')}</>}
        <span className="live-feed__meta">{t('live.at', { time: time(w.at) })}</span>
      </span>
    </li>
  );
}
