// The Overview's live feed: alerts first (a unit's target that crossed into "at risk" or "missed",
// marked by an icon, the word "Cảnh báo" and the status badge, not by colour alone), then the latest
// changes of the plan's indicators, for the unit shown and its communes, and the directives and tasks whose status
// changed (issue 21: web/src/work/LiveWorkItem.tsx). A role="log" region.
import { useId } from 'react';
import type { IndicatorMeta, TargetAnswer } from '../../api/client.ts';
import { StatusBadge, STATUSES, type Status } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useLiveState, useLiveUnits } from '../../live/LiveProvider.tsx';
import { feedFor, pairKey, type FeedAlert, type FeedChange } from '../../live/live-store.ts';
import { LiveWorkItem } from '../../work/LiveWorkItem.tsx';

interface Props {
  unit: string;
  targets: TargetAnswer[];
  catalogue: IndicatorMeta[];
  wall?: boolean;
}

const asStatus = (s: string): Status => (STATUSES.includes(s as Status) ? (s as Status) : 'no_data');

export function LiveFeed({ unit, targets, catalogue, wall }: Props) {
  const { t, value } = useI18n();
  const id = useId();
  const state = useLiveState((s) => s);
  const { reach, name } = useLiveUnits();
  const indicators = new Set(targets.map((x) => x.indicator));
  const all = feedFor(state, reach, unit, indicators, wall ? 4 : 12);
  // A change too small to show (26,14 % → 26,16 % both read 26,1 %) is not news: left out of the feed.
  const shown = (c: FeedChange) => {
    const u = catalogue.find((m) => m.id === c.indicator)?.unit ?? '';
    return c.value === null || c.previous === null || value(c.value, u) !== value(c.previous, u);
  };
  const limit = wall ? 2 : 6;
  const feed = {
    alerts: all.alerts.slice(0, limit + 2),
    changes: all.changes.filter(shown).slice(0, limit),
    work: all.work.slice(0, limit),
  };
  const recent = (u: string, indicator: string) => (state.recent.has(pairKey(u, indicator)) ? 'live-flash' : '');
  return (
    <section className="panel live-feed" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('live.feed')}</h2>
      <div role="log" aria-label={t('live.feed_label')}>
        {feed.alerts.length + feed.changes.length + feed.work.length === 0 ? (
          <p className="panel__note">{t('live.none')}</p>
        ) : (
          <ul className="feed">
            {feed.work.map((w) => (
              <LiveWorkItem key={w.key} work={w} />
            ))}
            {feed.alerts.map((a) => (
              <AlertItem key={a.id} alert={a} targets={targets} className={recent(a.unit, a.indicator)} />
            ))}
            {feed.changes.map((c) => (
              <ChangeItem
                key={c.id}
                change={c}
                unitName={name(c.unit)}
                meta={catalogue.find((m) => m.id === c.indicator)}
                className={recent(c.unit, c.indicator)}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function AlertItem({ alert: a, targets, className }: { alert: FeedAlert; targets: TargetAnswer[]; className: string }) {
  const { t, lang, time } = useI18n();
  const target = targets.find((x) => x.target_id === a.target_id);
  const title = target ? (lang === 'vi' ? target.title_vi : target.title_en) : a.indicator;
  const previous = a.previous_status ? asStatus(a.previous_status) : null;
  const item = t('live.alert_item', { unit: a.unit_name, target: a.target_id, title });
  return (
    <li
      className={`feed__item live-alert live-alert--${asStatus(a.status)} ${className}`.trim()}
      data-alert={a.target_id}
    >
      <span className="live-alert__icon" aria-hidden="true">
        ⚠
      </span>
      <span className="live-alert__body">
        <strong>{t('live.alert')}:</strong> {item} <StatusBadge status={asStatus(a.status)} />
        <span className="live-feed__meta">
          {previous && <>{t('live.alert_from', { status: t(`status.${previous}`) })} · </>}
          {t('live.at', { time: time(a.at) })}
        </span>
      </span>
    </li>
  );
}

function ChangeItem({
  change: c,
  unitName,
  meta,
  className,
}: {
  change: FeedChange;
  unitName: string;
  meta: IndicatorMeta | undefined;
  className: string;
}) {
  const { t, lang, value, time } = useI18n();
  const show = (v: number | null) => (v === null ? '—' : value(v, meta?.unit ?? ''));
  const up = c.value !== null && c.previous !== null && c.value > c.previous;
  return (
    <li className={`feed__item live-change ${className}`.trim()}>
      <span className="feed__arrow" aria-hidden="true">
        {c.value === null || c.previous === null || c.value === c.previous ? '•' : up ? '▲' : '▼'}
      </span>
      <span>
        {t('live.change_item', {
          unit: unitName,
          indicator: meta ? (lang === 'vi' ? meta.name_vi : meta.name_en) : c.indicator,
          from: show(c.previous),
          to: show(c.value),
        })}
        <span className="live-feed__meta">{t('live.at', { time: time(c.at) })}</span>
      </span>
    </li>
  );
}
