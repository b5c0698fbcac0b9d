// "Báo cáo đã tạo" of the screen "Báo cáo định kỳ": the form that makes a brief now, the briefs the account may
// read (newest first, of one of its units or all) and a polite note of what was made. A brief just made shows
// at the top at once, before the list is read again.
import { useId, useState } from 'react';
import { useAsync } from '../../app/use-async.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { BriefCreateForm } from './BriefCreateForm.tsx';
import { useOwnUnits } from './BriefFields.tsx';
import { BriefTable } from './BriefTable.tsx';
import { fetchBriefs, type BriefSummary } from './briefs-api.ts';

export function BriefList({ unit, linked = null }: { unit: string; linked?: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const { units, labels } = useOwnUnits();
  const [filter, setFilter] = useState('');
  const [version, setVersion] = useState(0);
  const [fresh, setFresh] = useState<BriefSummary[]>([]);
  const [note, setNote] = useState('');
  const list = useAsync(() => fetchBriefs(filter || undefined), `briefs|${filter}`, String(version));

  const created = (b: BriefSummary) => {
    setFresh((f) => [b, ...f.filter((x) => x.id !== b.id)]);
    setNote(
      t('briefs.create.done', { number: b.number, period: i18n.lang === 'vi' ? b.period.label_vi : b.period.label_en }),
    );
    setVersion((v) => v + 1);
  };
  /** the briefs just made that the list read before them does not hold yet, first */
  const shown = (loaded: BriefSummary[]) => [
    ...fresh.filter((b) => (!filter || b.unit === filter) && !loaded.some((x) => x.id === b.id)),
    ...loaded,
  ];

  return (
    <section className="panel briefs-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('briefs.list.title')}</h2>
      <BriefCreateForm unit={unit} onCreated={created} />
      {/* aria-live, not role="status": a status element reads as "still loading" to the e2e tests' settle */}
      <p className="admin-note" aria-live="polite">
        {note}
      </p>
      {units.length > 1 && (
        <div className="field briefs-filter">
          <label htmlFor={`${id}-filter`}>{t('briefs.list.filter')}</label>
          <select id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="">{t('briefs.list.all')}</option>
            {units.map((u) => (
              <option key={u.unit_id} value={u.unit_id}>
                {labels.get(u.unit_id)}
              </option>
            ))}
          </select>
        </div>
      )}
      <AsyncView state={list}>
        {(loaded) => {
          const briefs = shown(loaded);
          return briefs.length === 0 ? (
            <p className="muted">{t('briefs.list.empty')}</p>
          ) : (
            <>
              <p className="panel__note">{t('briefs.list.count', { n: i18n.number(briefs.length, 0) })}</p>
              <BriefTable briefs={briefs} title={t('briefs.list.title')} linked={linked} />
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
