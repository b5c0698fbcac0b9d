// "What would raise the score": the server's losses for the unit over the period, most points first, each with its
// sentence and the procedures that cost the points (what each would gain at 100 %).
import { useI18n } from '../../i18n/index.ts';
import type { Index766Answer } from './index766-api.ts';
import { nameIn, pointsText, ratioText } from './index766-format.ts';

const CAUSE_COLS = ['procedure', 'fraction', 'lost', 'gain'] as const;

export function Losses({ answer }: { answer: Index766Answer }) {
  const i = useI18n();
  const defs = new Map(answer.indicators.map((d) => [d.id, d]));
  const losses = answer.losses.filter((l) => l.lost > 0);
  if (losses.length === 0) return <p>{i.t('index766.losses.none')}</p>;
  const label = (c: (typeof CAUSE_COLS)[number]) => i.t(`index766.cause.${c}`);
  return (
    <ol className="i766-losses">
      {losses.map((l) => {
        const d = defs.get(l.indicator);
        const lost = i.t('index766.losses.lost', { v: pointsText(i, l.lost) });
        return (
          <li key={l.indicator} className="i766-loss">
            <p className="i766-loss__head">
              <span className="i766-loss__points">{lost}</span>{' '}
              <strong>
                {l.indicator} {d ? nameIn(i.lang, d) : ''}
              </strong>
            </p>
            <p className="i766-loss__text">{i.lang === 'en' ? l.text_en : l.text_vi}</p>
            {l.causes.length > 0 && (
              <details className="i766-loss__causes">
                <summary>{i.t('index766.losses.causes', { n: l.causes.length })}</summary>
                <table className="data-table i766-table i766-cards i766-table--causes">
                  <thead>
                    <tr>
                      {CAUSE_COLS.map((c) => (
                        <th key={c} scope="col" className={c === 'procedure' ? undefined : 'num'}>
                          {label(c)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {l.causes.map((c) => (
                      <tr key={c.procedure_code}>
                        <td data-label={label('procedure')}>{c.name}</td>
                        <td data-label={label('fraction')} className="num">
                          {i.number(c.numerator, 0)}/{i.number(c.denominator, 0)} (
                          {ratioText(i, c.denominator > 0 ? c.numerator / c.denominator : null, 'percent')})
                        </td>
                        <td data-label={label('lost')} className="num">
                          {pointsText(i, c.lost)}
                        </td>
                        <td data-label={label('gain')} className="num">
                          +{pointsText(i, c.gain)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
