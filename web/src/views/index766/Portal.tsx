// The portal's published 766 points beside the ones computed here, group by group, with the difference; rows the
// server flags (a difference over its threshold) are marked in words, not colour alone.
import { PORTAL_FLAG_POINTS } from '../../../../server/index766/rules.ts';
import { useI18n } from '../../i18n/index.ts';
import type { Index766Answer } from './index766-api.ts';
import { nameIn, orderPortal, pointsText, signedText } from './index766-format.ts';

const COLS = ['period', 'group', 'local', 'portal', 'diff'] as const;

export function Portal({ answer }: { answer: Index766Answer }) {
  const i = useI18n();
  const groups = new Map(answer.groups.map((g) => [g.id, g]));
  const label = (c: (typeof COLS)[number]) => i.t(`index766.col.${c}`);
  const groupName = (id: string) => {
    const g = groups.get(id);
    return g ? i.t('index766.group_of', { id, name: nameIn(i.lang, g) }) : i.t('index766.group.total');
  };
  return (
    <>
      <table className="data-table i766-table i766-cards i766-table--portal">
        <thead>
          <tr>
            {COLS.map((c) => (
              <th key={c} scope="col" className={c === 'period' || c === 'group' ? undefined : 'num'}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {orderPortal(answer.portal, answer.groups).map((p) => (
            <tr
              key={`${p.period}|${p.group}`}
              className={`${p.flagged ? 'i766-row--flagged' : ''} ${p.group === 'total' ? 'i766-row--total' : ''}`}
            >
              <td data-label={label('period')}>{i.period(p.period)}</td>
              <td data-label={label('group')}>{groupName(p.group)}</td>
              <td data-label={label('local')} className="num">
                {p.local === null ? '—' : pointsText(i, p.local)}
              </td>
              <td data-label={label('portal')} className="num">
                {pointsText(i, p.portal)}
              </td>
              <td data-label={label('diff')} className="num">
                <div>
                  {p.diff === null ? '—' : signedText(i, p.diff)}
                  {p.flagged && (
                    <span className="i766-flag">
                      <span aria-hidden="true">⚠ </span>
                      {i.t('index766.portal.flag', { limit: i.number(PORTAL_FLAG_POINTS) })}
                    </span>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="i766-note">{i.t('index766.portal.note', { limit: i.number(PORTAL_FLAG_POINTS) })}</p>
    </>
  );
}
