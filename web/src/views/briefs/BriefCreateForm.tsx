// "Tạo báo cáo ngay" of the screen "Báo cáo định kỳ" (BriefList.tsx): a unit, a kind of period, the period (the
// last complete one unless another is chosen; none that starts after the data's last day) and a language; the
// server makes the brief at once (several seconds: a status says it is working), and the new brief goes to the
// top of the list. The server's refusal (503 when busy) is the alert.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { health } from '../../app/data.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { useI18n } from '../../i18n/index.ts';
import { offeredPeriods } from './brief-format.ts';
import { KindField, LangField, startUnit, UnitField, useOwnUnits } from './BriefFields.tsx';
import { createBrief, type BriefLang, type BriefSummary, type PeriodKind } from './briefs-api.ts';

interface Props {
  /** the unit the screen shows (the form starts on it when it is one of the account's own) */
  unit: string;
  onCreated: (brief: BriefSummary) => void;
}

export function BriefCreateForm({ unit: shown, onCreated }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const id = useId();
  const { labels } = useOwnUnits();
  const [unit, setUnit] = useState(() => startUnit(me, shown));
  const [kind, setKind] = useState<PeriodKind>('week');
  const [lang, setLang] = useState<BriefLang>(i18n.lang);
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const status = useAsync(health, 'health');
  // the data's last day, as the server reads it (the latest of the datasets')
  const dataDate =
    status.status === 'ready'
      ? (status.data.datasets
          .map((d) => d.data_date)
          .filter((d) => d !== null)
          .sort()
          .at(-1) ?? null)
      : null;
  const periods = useMemo(() => offeredPeriods(kind, new Date(), dataDate), [kind, dataDate]);
  const chosen = periods.find((p) => p.id === period) ?? periods[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      onCreated(await createBrief({ unit, kind, lang, period: chosen.id }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="briefs-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('briefs.create.title')}</h3>
      <p className="field__hint briefs-form__lead">{t('briefs.create.hint')}</p>
      <div className="briefs-form__fields">
        <UnitField id={`${id}-unit`} value={unit} onChange={setUnit} />
        <KindField
          id={`${id}-kind`}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPeriod('');
          }}
        />
        <div className="field briefs-form__wide">
          <label htmlFor={`${id}-period`}>{t('briefs.field.period')}</label>
          <select id={`${id}-period`} value={chosen.id} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {i18n.lang === 'vi' ? p.label_vi : p.label_en}
              </option>
            ))}
          </select>
        </div>
        <LangField id={`${id}-lang`} value={lang} onChange={setLang} />
        <div className="form-actions briefs-form__submit">
          <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
            {t('briefs.create.submit')}
          </button>
        </div>
      </div>
      {busy && (
        <p className="briefs-busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('briefs.create.busy', {
            period: i18n.lang === 'vi' ? chosen.label_vi : chosen.label_en,
            unit: labels.get(unit) ?? unit,
          })}
        </p>
      )}
      <p className="form-error" role="alert">
        {error}
      </p>
    </form>
  );
}
