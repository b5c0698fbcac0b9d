// What changed in the last month: key rates per commune, last complete month against the one before;
// refetched in place when a live change reaches them, the items whose value changed highlighted.
import { useId } from 'react';
import { fetchIndicator, type IndicatorMeta } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { MethodNote } from '../../components/MethodNote.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useLiveVersion } from '../../live/LiveProvider.tsx';
import { useFlashes } from '../../live/use-flash.ts';
import { addMonths } from '../../../../server/contracts/months.ts';
import { takeValues } from './first-answer.ts';
import { KEY_INDICATORS, recentChanges } from './overview-data.ts';

export function Changes({ unit, month, catalogue }: { unit: string; month: string; catalogue: IndicatorMeta[] }) {
  const { t, lang, value, number, period } = useI18n();
  const id = useId();
  const prev = addMonths(month, -1);
  const keys = KEY_INDICATORS.filter((k) => catalogue.some((m) => m.id === k));
  const answer = useAsync(
    () =>
      Promise.all(
        keys.map(async (k) => {
          // the first time from the Overview's one answer, afterwards asked for
          const [a, b] = await Promise.all([
            takeValues(k, unit, prev, prev) ?? fetchIndicator(k, { unit, by: 'unit', from: prev, to: prev }),
            takeValues(k, unit, month, month) ?? fetchIndicator(k, { unit, by: 'unit', from: month, to: month }),
          ]);
          return {
            indicator: k,
            direction: a.indicator.direction,
            prev: a.rows,
            last: b.rows,
            // the server's method and the indicator's own disclosure: the note on the method
            disclosure: b.meta.disclosure,
            kind: b.indicator.disclosure,
          };
        }),
      ),
    `${unit}|${month}|${lang}`,
    useLiveVersion({ indicators: keys, units: [unit] }),
  );
  const changes = answer.status === 'ready' ? recentChanges(answer.data) : null;
  const flash = useFlashes(
    changes && changes.map((c) => [`${c.indicator}|${c.unit}`, `${c.from}|${c.to}`] as const),
    `${unit}|${month}|${lang}`,
  );
  const meta = (k: string) => catalogue.find((m) => m.id === k);
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('overview.changes')}</h2>
      <p className="panel__note">{t('overview.changes_note', { last: period(month), prev: period(prev) })}</p>
      {answer.status === 'loading' && <LoadingState />}
      {answer.status === 'error' && <ErrorState error={answer.error} retry={answer.retry} />}
      {changes &&
        (() => {
          if (!changes.length) return <p>{t('overview.changes_none')}</p>;
          return (
            <ul className="feed">
              {changes.map((c) => {
                const m = meta(c.indicator);
                const unitOf = m?.unit ?? '';
                const key = `${c.indicator}|${c.unit}`;
                return (
                  <li
                    key={key}
                    className={`feed__item feed__item--${c.better ? 'better' : 'worse'} ${flash(key)}`.trim()}
                  >
                    <span className="feed__arrow" aria-hidden="true">
                      {c.delta > 0 ? '▲' : '▼'}
                    </span>
                    <span>
                      {t('overview.change_item', {
                        unit: c.unit_name,
                        indicator: m ? (lang === 'vi' ? m.name_vi : m.name_en) : c.indicator,
                        direction: t(c.delta > 0 ? 'overview.change_up' : 'overview.change_down'),
                        delta:
                          unitOf === 'percent'
                            ? t('overview.points', { n: number(Math.abs(c.delta), 1) })
                            : value(Math.abs(c.delta), unitOf),
                        from: value(c.from, unitOf),
                        to: value(c.to, unitOf),
                      })}
                    </span>
                  </li>
                );
              })}
            </ul>
          );
        })()}
      {answer.status === 'ready' && (
        <MethodNote disclosure={answer.data[0]?.disclosure} indicators={answer.data.map((x) => x.kind)} />
      )}
    </section>
  );
}
