// The head of the 766 index screen: the unit's score and grade for the period, its points of the maximum, its rank
// among sibling units, the data date and the generated-data label; says when the period is not over yet.
import { GRADES, NO_DATA_RESCALE } from '../../../../server/index766/rules.ts';
import { useI18n } from '../../i18n/index.ts';
import type { Index766Answer, Index766Row } from './index766-api.ts';
import { pointsText } from './index766-format.ts';
import { GradeBadge } from './parts.tsx';

export function ScoreHeader({ answer, row, partial }: { answer: Index766Answer; row: Index766Row; partial: boolean }) {
  const i = useI18n();
  const grades = GRADES.map((g) =>
    g.from === -Infinity
      ? `${i.t(`index766.grade.${g.grade}`)} < ${i.number(GRADES[GRADES.length - 2]?.from ?? 0, 0)}`
      : `${i.t(`index766.grade.${g.grade}`)} ≥ ${i.number(g.from, 0)}`,
  ).join(' · ');
  return (
    <div className="i766-head">
      <div className="i766-head__score">
        <strong className={`i766-head__value i766-head__value--${row.grade ?? 'none'}`}>
          {row.score === null ? '—' : pointsText(i, row.score)}
        </strong>
        <span className="i766-head__of">{i.t('index766.score.out_of')}</span>
        <GradeBadge grade={row.grade} />
      </div>
      <ul className="i766-head__facts">
        {row.score === null ? (
          <li>{i.t('index766.score.none')}</li>
        ) : (
          <li>
            {i.t('index766.score.points', {
              points: row.points === null ? '—' : pointsText(i, row.points),
              max: pointsText(i, row.max),
            })}
          </li>
        )}
        <li>
          {row.rank !== null && row.of !== null
            ? i.t('index766.rank', { rank: row.rank, of: row.of })
            : i.t('index766.rank_none')}
        </li>
        <li>
          {i.t('screens.data_date', { date: i.date(answer.data_date) })}
          {answer.generated && <> · {i.t('screens.generated')}</>}
        </li>
      </ul>
      {partial && (
        <p className="i766-note i766-note--partial" role="note">
          {i.t('index766.period_partial', { date: i.date(answer.data_date) })}
        </p>
      )}
      <p className="i766-note">
        {i.t(NO_DATA_RESCALE ? 'index766.score.rescaled' : 'index766.score.unscaled')}{' '}
        {i.t('index766.grade_note', { list: grades })}
      </p>
    </div>
  );
}
