// The directives and the plan's tasks of the unit as files (staff and admins, who may export): the server makes
// them from the same answers as the screen (GET /api/export/directives|tasks.csv|xlsx, the list's filters), in the
// screen's language; each download is audited there.
import { useCan } from '../../auth/SessionContext.tsx';
import { useI18n } from '../../i18n/index.ts';

export function WorkExports({ query }: { query: { unit?: string; status?: string; office?: string; mine?: boolean } }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!useCan('export')) return null;
  const q = new URLSearchParams({ lang: i18n.lang });
  if (query.unit) q.set('unit', query.unit);
  const tasks = new URLSearchParams(q);
  if (query.status) tasks.set('status', query.status);
  if (query.office) tasks.set('office', query.office);
  if (query.mine) tasks.set('mine', 'true');
  const links = [
    { key: 'directives', label: t('tasks.export.directives'), q },
    { key: 'tasks', label: t('tasks.export.tasks'), q: tasks },
  ];
  return (
    <p className="tasks-exports">
      {links.map((l) => (
        <span key={l.key} className="tasks-exports__item">
          {l.label}:{' '}
          <a href={`/api/export/${l.key}.csv?${l.q.toString()}`} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={`/api/export/${l.key}.xlsx?${l.q.toString()}`} download>
            XLSX
          </a>
        </span>
      ))}
    </p>
  );
}
