// The period of a view: from and to months and the grain (month, quarter, year), all in the URL.
import { useId } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { Grain, ViewState } from '../state/view-state.ts';

interface Props {
  from?: string;
  to?: string;
  grain: Grain;
  onChange: (patch: Partial<Pick<ViewState, 'from' | 'to' | 'grain'>>) => void;
  /** hide the grain when a screen shows one period only */
  withGrain?: boolean;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function PeriodPicker({ from, to, grain, onChange, withGrain = true }: Props) {
  const { t } = useI18n();
  const id = useId();
  const month = (v: string) => (MONTH.test(v) ? v : undefined);
  return (
    <fieldset className="period-picker">
      <legend className="visually-hidden">{t('period.grain')}</legend>
      <label htmlFor={`${id}-from`}>{t('period.from')}</label>
      <input id={`${id}-from`} type="month" value={from ?? ''} max={to} onChange={(e) => onChange({ from: month(e.target.value) })} />
      <label htmlFor={`${id}-to`}>{t('period.to')}</label>
      <input id={`${id}-to`} type="month" value={to ?? ''} min={from} onChange={(e) => onChange({ to: month(e.target.value) })} />
      {withGrain && (
        <>
          <label htmlFor={`${id}-grain`}>{t('period.grain')}</label>
          <select id={`${id}-grain`} value={grain} onChange={(e) => onChange({ grain: e.target.value as Grain })}>
            {(['month', 'quarter', 'year'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`period.${g}`)}
              </option>
            ))}
          </select>
        </>
      )}
    </fieldset>
  );
}
