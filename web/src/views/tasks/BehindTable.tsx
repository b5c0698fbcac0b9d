// "Cơ quan chậm trên chỉ tiêu nào": the offices that lead a task serving a target at risk or missed for the unit,
// as the server judged it (TasksAnswer.behind), in a table of office × target: each cell the target's status with
// the office's overdue tasks and open directives on it. Under it the targets' titles and deadlines.
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { OfficeBehind } from '../../work/api.ts';
import { behindMatrix } from './tasks-view.ts';

export function BehindTable({
  behind,
  unitNames,
}: {
  behind: readonly OfficeBehind[];
  /** unit id → its name (a district's table names each office's commune) */
  unitNames: ReadonlyMap<string, string>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const title = t('tasks.behind.title');
  const { offices, targets, cell } = behindMatrix(behind);
  return (
    <section className="panel tasks-behind" aria-labelledby="tasks-behind-title">
      <h2 id="tasks-behind-title">{title}</h2>
      <p className="panel__note">{t('tasks.behind.lead')}</p>
      {behind.length === 0 ? (
        <p className="muted">{t('tasks.behind.none')}</p>
      ) : (
        <>
          <div className="tasks-behind__wide">
            <TableScroll label={title}>
              <table className="data-table tasks-behind__table">
                <thead>
                  <tr>
                    <th scope="col">{t('tasks.behind.office')}</th>
                    {targets.map((g) => (
                      <th key={g.target_id} scope="col" className="tasks-behind__target">
                        <abbr title={i18n.lang === 'en' ? g.title_en : g.title_vi}>{g.target_id}</abbr>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {offices.map((o) => (
                    <tr key={o.key} data-office={o.office_id}>
                      <th scope="row">
                        {o.office_name}
                        {o.unit_id && (
                          <span className="tasks-behind__unit">{unitNames.get(o.unit_id) ?? o.unit_id}</span>
                        )}
                      </th>
                      {targets.map((g) => {
                        const b = cell(o.key, g.target_id);
                        return (
                          <td key={g.target_id} data-target={g.target_id}>
                            {b && <BehindCell b={b} />}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <dl className="tasks-behind__legend">
              {targets.map((g) => (
                <div key={g.target_id}>
                  <dt>{g.target_id}</dt>
                  <dd>
                    {i18n.lang === 'en' ? g.title_en : g.title_vi}{' '}
                    <span className="tasks-behind__deadline">
                      {t('tasks.behind.deadline', { date: i18n.date(g.deadline) })}
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
          <BehindList behind={behind} offices={offices} unitNames={unitNames} />
        </>
      )}
    </section>
  );
}

function BehindCell({ b }: { b: OfficeBehind }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <span className="tasks-behind__cell">
      <StatusBadge status={b.status} />
      <span className="tasks-behind__facts">
        {t('tasks.behind.tasks', { n: i18n.number(b.tasks.length, 0) })}
        {b.overdue_tasks > 0 && <> · {t('tasks.behind.overdue', { n: i18n.number(b.overdue_tasks, 0) })}</>}
        {b.open_directives > 0 && <> · {t('tasks.behind.directives', { n: i18n.number(b.open_directives, 0) })}</>}
      </span>
    </span>
  );
}

/** On a phone: each office with the targets it is behind on, their titles written out (the table would scroll). */
function BehindList({
  behind,
  offices,
  unitNames,
}: {
  behind: readonly OfficeBehind[];
  offices: ReturnType<typeof behindMatrix>['offices'];
  unitNames: ReadonlyMap<string, string>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ul className="tasks-behind__narrow">
      {offices.map((o) => (
        <li key={o.key} className="tasks-behind__office">
          <span className="tasks-behind__office-name">
            {o.office_name}
            {o.unit_id && ` · ${unitNames.get(o.unit_id) ?? o.unit_id}`}
          </span>
          <ul>
            {behind
              .filter((b) => `${b.unit_id}|${b.office_id}` === o.key)
              .map((b) => (
                <li key={b.target_id}>
                  <strong>{b.target_id}</strong> {i18n.lang === 'en' ? b.title_en : b.title_vi}{' '}
                  <span className="tasks-behind__deadline">
                    {t('tasks.behind.deadline', { date: i18n.date(b.deadline) })}
                  </span>
                  <BehindCell b={b} />
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
