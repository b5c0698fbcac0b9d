// The period of the 766 index: month, quarter or year, and which one. The URL keeps `grain` and a month (`to`) of the
// period, so a copied link reopens the same period and other screens keep the month.
import { useId } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { Grain } from '../../state/view-state.ts';
import { periodChoices, periodOf } from './index766-format.ts';

const GRAINS: Grain[] = ['month', 'quarter', 'year'];
const COUNT: Record<Grain, number> = { month: 36, quarter: 16, year: 6 };

export function PeriodPicker(props: {
  grain: Grain;
  /** the month chosen (the data month when none) */
  month: string;
  /** the month of the data date: the newest period */
  dataMonth: string;
  onChange: (grain: Grain, month: string) => void;
}) {
  const i = useI18n();
  const id = useId();
  const { grain, month, dataMonth } = props;
  const choices = periodChoices(grain, dataMonth, COUNT[grain]);
  const current = periodOf(grain, month);
  // a period of the URL outside the list (older, or after the data) stays choosable
  if (!choices.some((c) => c.period === current)) choices.push({ period: current, month });
  const value = choices.find((c) => c.period === current)!.month;
  return (
    <fieldset className="period-picker i766-period">
      <legend className="visually-hidden">{i.t('index766.period.legend')}</legend>
      <span className="field">
        <label htmlFor={`${id}-grain`}>{i.t('index766.period.grain')}</label>
        <select id={`${id}-grain`} value={grain} onChange={(e) => props.onChange(e.target.value as Grain, month)}>
          {GRAINS.map((g) => (
            <option key={g} value={g}>
              {i.t(`period.${g}`)}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-period`}>{i.t('index766.period.choice')}</label>
        <select id={`${id}-period`} value={value} onChange={(e) => props.onChange(grain, e.target.value)}>
          {choices.map((c) => (
            <option key={c.period} value={c.month}>
              {i.period(c.period)}
            </option>
          ))}
        </select>
      </span>
    </fieldset>
  );
}
