// The form of a new API key: the system's name, the agency, the units it may read (checkboxes: the units the
// administrator sees in detail), the domains, the last day it works and the allowed addresses. Errors from the
// server (a name taken, a unit outside the admin's scope, an address that is none) show in the form's alert.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { sortedUnits, unitLabels } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { DOMAINS, type KeyDomain, type NewKey } from './keys-api.ts';

/** Vietnam's day `days` from today (YYYY-MM-DD). */
const vnDay = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

export function KeyForm({ onSubmit, onCancel }: { onSubmit: (k: NewKey) => Promise<void>; onCancel: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const id = useId();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const units = sortedUnits((me?.units ?? []).filter((u) => !u.totals_only));
  const labels = unitLabels(units);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const val = (k: string) => {
      const v = f.get(k);
      return typeof v === 'string' ? v.trim() : '';
    };
    const chosen = f.getAll('units').map(String);
    const domains = f.getAll('domains').map(String) as KeyDomain[];
    if (chosen.length === 0) return setError(t('keys.need_unit'));
    if (domains.length === 0) return setError(t('keys.need_domain'));
    setBusy(true);
    setError('');
    try {
      await onSubmit({
        name: val('name'),
        agency: val('agency'),
        units: chosen,
        domains,
        expires: val('expires'),
        allowed: val('allowed')
          .split(/[\s,;]+/)
          .filter((a) => a !== ''),
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form className="panel key-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('keys.new')}</h2>
      <div className="key-form__fields">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('keys.field.name')}</label>
          <input
            id={`${id}-name`}
            name="name"
            required
            maxLength={120}
            autoComplete="off"
            aria-describedby={`${id}-name-hint`}
            autoFocus
          />
          <small id={`${id}-name-hint`} className="field__hint">
            {t('keys.field.name_hint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${id}-agency`}>{t('keys.field.agency')}</label>
          <input id={`${id}-agency`} name="agency" required maxLength={200} autoComplete="organization" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>{t('keys.field.expires')}</label>
          <input
            id={`${id}-expires`}
            name="expires"
            type="date"
            required
            min={vnDay(0)}
            max={`${Number(vnDay(0).slice(0, 4)) + 3}${vnDay(0).slice(4)}`}
            defaultValue={vnDay(365)}
            aria-describedby={`${id}-expires-hint`}
          />
          <small id={`${id}-expires-hint`} className="field__hint">
            {t('keys.field.expires_hint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${id}-allowed`}>{t('keys.field.allowed')}</label>
          <textarea
            id={`${id}-allowed`}
            name="allowed"
            rows={3}
            spellCheck={false}
            autoCapitalize="none"
            aria-describedby={`${id}-allowed-hint`}
          />
          <small id={`${id}-allowed-hint`} className="field__hint">
            {t('keys.field.allowed_hint')}
          </small>
        </div>
      </div>
      <div className="key-form__choices-row">
        <fieldset className="key-form__choices key-form__units" aria-describedby={`${id}-units-hint`}>
          <legend>{t('keys.field.units')}</legend>
          <small id={`${id}-units-hint`} className="field__hint">
            {t('keys.field.units_hint')}
          </small>
          <div className="key-form__scroll">
            {units.map((u) => (
              <label key={u.unit_id} className="check">
                <input type="checkbox" name="units" value={u.unit_id} defaultChecked={units.length === 1} />{' '}
                {labels.get(u.unit_id)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="key-form__choices">
          <legend>{t('keys.field.domains')}</legend>
          {DOMAINS.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" name="domains" value={d} /> {t(`keys.domain.${d}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="form-error" role="alert">
        {error}
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {t('keys.create')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('auth.cancel')}
        </button>
      </div>
    </form>
  );
}
