// The communes that lag most on a chosen target's indicator, from /api/indicators/:id?by=unit;
// refetched in place when a live change reaches the indicator, the rows whose value changed highlighted.
import { useId } from 'react';
import { fetchIndicator, type IndicatorMeta, type TargetAnswer } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { IndicatorPicker } from '../../components/IndicatorPicker.tsx';
import { MethodNote } from '../../components/MethodNote.tsx';
import { useLiveVersion } from '../../live/LiveProvider.tsx';
import { useFlashes } from '../../live/use-flash.ts';
import { takeValues } from './first-answer.ts';
import { rankLagging } from './overview-data.ts';

interface Props {
  unit: string;
  month: string;
  indicator: string;
  choices: TargetAnswer[];
  catalogue: IndicatorMeta[];
  onIndicator?: (id: string) => void;
}

export function Lagging({ unit, month, indicator, choices, catalogue, onIndicator }: Props) {
  const { t, lang, value, period } = useI18n();
  const id = useId();
  const meta = catalogue.find((m) => m.id === indicator);
  const key = `${indicator}|${unit}|${month}|${lang}`;
  const answer = useAsync(
    // the first time from the Overview's one answer, afterwards (a live change, another indicator) asked for
    async () =>
      takeValues(indicator, unit, month, month) ??
      fetchIndicator(indicator, { unit, by: 'unit', from: month, to: month }),
    key,
    useLiveVersion({ indicators: [indicator], units: [unit] }),
  );
  const ranked = answer.status === 'ready' ? rankLagging(answer.data.rows, meta?.direction ?? 'higher') : null;
  const flash = useFlashes(ranked && ranked.map((r) => [r.unit, r.value] as const), key);
  const indicators = [...new Map(choices.map((c) => [c.indicator, c])).values()];
  const name = (m: IndicatorMeta | undefined, fallback: string) =>
    m ? (lang === 'vi' ? m.name_vi : m.name_en) : fallback;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <div className="ioc-panel__head">
        <h2 id={`${id}-h`}>{t('overview.lagging')}</h2>
        {onIndicator && (
          <ExportMenu
            title={`${t('overview.lagging')} ${indicator}`}
            lang={lang}
            data={{ indicators: [indicator], unit, by: 'unit', from: month, to: month }}
          />
        )}
      </div>
      {onIndicator ? (
        <IndicatorPicker
          label={t('overview.lagging_indicator')}
          value={indicator}
          items={indicators.map((c) => catalogue.find((m) => m.id === c.indicator)).filter((m) => m !== undefined)}
          onChange={onIndicator}
        />
      ) : (
        <p className="panel__sub">{name(meta, indicator)}</p>
      )}
      <p className="panel__note">
        {t(meta?.direction === 'lower' ? 'overview.lagging_note_lower' : 'overview.lagging_note', {
          period: period(month),
        })}
      </p>
      {answer.status === 'loading' && <LoadingState />}
      {answer.status === 'error' && <ErrorState error={answer.error} retry={answer.retry} />}
      {ranked && (
        <ol className="rank-list">
          {ranked.map((r) => {
            const share = meta?.unit === 'percent' ? Math.max(0, Math.min(100, r.value!)) : null;
            return (
              <li key={r.unit} className={flash(r.unit) || undefined}>
                <span className="rank-list__name">{r.unit_name}</span>
                <span className="rank-list__value">{value(r.value!, meta?.unit ?? '')}</span>
                {share !== null && (
                  <span className="rank-list__bar" aria-hidden="true">
                    <span style={{ width: `${share}%` }} />
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {answer.status === 'ready' && (
        <MethodNote disclosure={answer.data.meta.disclosure} indicators={[answer.data.indicator.disclosure]} />
      )}
    </section>
  );
}
