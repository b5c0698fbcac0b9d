// The indicators of the 766 index for the unit and period, most points lost first: id, name and rule, numerator /
// denominator, ratio, points of the maximum, points lost and a status that keeps "no data", "not scored" and "no
// formula" apart from 0 points. On a phone each row is a card of labelled lines (index766.css).
import type { IndicatorMeta } from '../../api/client.ts';
import type { DisclosureInfo } from '../../charts/withheld.ts';
import { SuppressedValue } from '../../components/SuppressedValue.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import type { Index766Answer, Index766IndicatorValue, Index766Row } from './index766-api.ts';
import { byPointsLost, nameIn, pointsOfMax, pointsText, ratioText } from './index766-format.ts';
import { StatusChip } from './parts.tsx';

const COLS = ['id', 'name', 'fraction', 'ratio', 'points', 'lost', 'status'] as const;

const count = (i: I18n, v: number) => i.number(v, Number.isInteger(v) ? 0 : 1);

export function IndicatorTable(props: {
  answer: Index766Answer;
  row: Index766Row;
  catalogue: Map<string, IndicatorMeta>;
  disclosure: DisclosureInfo;
}) {
  const i = useI18n();
  const { answer, row, catalogue, disclosure } = props;
  const defs = new Map(answer.indicators.map((d) => [d.id, d]));
  const groups = new Map(answer.groups.map((g) => [g.id, g]));
  const label = (c: (typeof COLS)[number]) => i.t(`index766.col.${c}`);
  const withheld = (v: Index766IndicatorValue) =>
    v.status === 'withheld' ? <SuppressedValue minCell={disclosure.minCell} disclosure={disclosure.method} /> : null;
  return (
    <table className="data-table i766-table i766-cards">
      <thead>
        <tr>
          {COLS.map((c) => (
            <th key={c} scope="col" className={c === 'id' || c === 'name' || c === 'status' ? undefined : 'num'}>
              {label(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {byPointsLost(row.indicators).map((v) => {
          const d = defs.get(v.id);
          const group = d ? groups.get(d.group) : undefined;
          const unit = d?.query[0] ? catalogue.get(d.query[0])?.unit : undefined;
          // a rate withheld on a small base keeps its published counts (as /api/indicators)
          const fraction =
            v.numerator !== null && v.denominator !== null
              ? `${count(i, v.numerator)}/${count(i, v.denominator)}`
              : (withheld(v) ?? '—');
          return (
            <tr key={v.id} className={`i766-row i766-row--${v.status}`}>
              <td data-label={label('id')} className="i766-table__id">
                {v.id}
              </td>
              <td data-label={label('name')} className="i766-table__name">
                <div>
                  <span className="i766-table__title">
                    {d ? nameIn(i.lang, d) : v.id}
                    {d?.observed && <abbr title={i.t('index766.observed_mark')}>*</abbr>}
                  </span>
                  {group && (
                    <span className="i766-table__meta">
                      {i.t('index766.group_of', { id: group.id, name: nameIn(i.lang, group) })}
                      {d && ` · ${i.lang === 'en' ? d.rule_en : d.rule_vi}`}
                    </span>
                  )}
                </div>
              </td>
              <td data-label={label('fraction')} className="num">
                {fraction}
              </td>
              <td data-label={label('ratio')} className="num">
                {withheld(v) ?? ratioText(i, v.ratio, unit)}
              </td>
              <td data-label={label('points')} className="num">
                {v.max > 0 ? pointsOfMax(i, v.points, v.max) : '—'}
              </td>
              <td data-label={label('lost')} className="num">
                {v.lost === null ? '—' : pointsText(i, v.lost)}
              </td>
              <td data-label={label('status')}>
                <StatusChip status={v.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
