// The fields both forms of the screen "Báo cáo định kỳ" share (BriefCreateForm.tsx, ScheduleForm.tsx): the
// unit (the account's own units: its unit and those below it, never the one above seen as totals only), the
// kind of period and the brief's language; and useOwnUnits, the list they offer.
import type { ChangeEvent } from 'react';
import type { Me } from '../../api/auth.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { sortedUnits, unitLabels, type ScopeUnit } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { PERIOD_KINDS, type BriefLang, type PeriodKind } from './briefs-api.ts';

/** The account's own units (sorted: province, district, communes) and their labels. */
export function ownUnits(me: Me | null): { units: ScopeUnit[]; labels: Map<string, string> } {
  const units = sortedUnits((me?.units ?? []).filter((u) => !u.totals_only));
  return { units, labels: unitLabels(units) };
}

export function useOwnUnits() {
  return ownUnits(useMe());
}

/** The unit a form starts on: the screen's unit when it is one of the account's own, else the account's. */
export function startUnit(me: Me | null, shown: string): string {
  const { units } = ownUnits(me);
  if (units.some((u) => u.unit_id === shown)) return shown;
  return me?.account.unit_id ?? units[0]?.unit_id ?? '';
}

interface FieldProps<T extends string> {
  id: string;
  value: T;
  onChange: (value: T) => void;
}

export function UnitField({ id, value, onChange }: FieldProps<string>) {
  const { t } = useI18n();
  const { units, labels } = useOwnUnits();
  return (
    <div className="field">
      <label htmlFor={id}>{t('briefs.field.unit')}</label>
      <select id={id} name="unit" value={value} onChange={(e) => onChange(e.target.value)}>
        {units.map((u) => (
          <option key={u.unit_id} value={u.unit_id}>
            {labels.get(u.unit_id)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function KindField({ id, value, onChange }: FieldProps<PeriodKind>) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('briefs.field.kind')}</label>
      <select
        id={id}
        name="kind"
        value={value}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value as PeriodKind)}
      >
        {PERIOD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`briefs.kind.${k}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function LangField({ id, value, onChange }: FieldProps<BriefLang>) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('briefs.field.lang')}</label>
      <select id={id} name="lang" value={value} onChange={(e) => onChange(e.target.value as BriefLang)}>
        {(['vi', 'en'] as const).map((l) => (
          <option key={l} value={l}>
            {t(`briefs.lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
