// The lines under a KPI tile's value: "▲ 2,1 điểm % so với kỳ trước", "▼ 0,4 điểm % so với cùng kỳ năm
// trước", green when better and red when worse by the indicator's direction; a screen reader hears "tăng" /
// "giảm" instead of the arrow. A withheld value on either side gives no line.
import { useI18n } from '../../i18n/index.ts';
import { changeBetween, changeSize, type Compared } from './compare.ts';
import type { ComparedValues } from './compare-values.ts';

const MARK = { up: '▲', down: '▼', same: '=' } as const;

export function TileChanges({
  now,
  compared,
  unit,
  direction,
}: {
  now: Compared;
  compared: ComparedValues;
  unit: string;
  direction: string;
}) {
  const i = useI18n();
  if (compared.partial)
    return (
      <span className="period-tile__changes period-tile__change--note">
        {i.t('analyst.compare.partial', { month: i.period(compared.partial) })}
      </span>
    );
  const lines = [
    { key: 'previous', other: compared.previous },
    { key: 'last_year', other: compared.lastYear },
  ].flatMap(({ key, other }) => {
    const c = changeBetween(now, other, unit, direction);
    return c ? [{ key, c }] : [];
  });
  if (!lines.length) return null;
  return (
    <span className="period-tile__changes">
      {lines.map(({ key, c }) => (
        <span key={key} className={`period-tile__change period-tile__change--${c.verdict}`}>
          <span aria-hidden="true">{MARK[c.dir]} </span>
          {c.dir === 'same' ? (
            i.t('analyst.compare.same')
          ) : (
            <>
              <span className="visually-hidden">{i.t(`analyst.compare.${c.dir}`)} </span>
              {changeSize(c, unit, i)}
            </>
          )}{' '}
          {i.t(`analyst.compare.${key}`)}
        </span>
      ))}
    </span>
  );
}
