// One period picker for every screen: a month, a quarter, a year or a range of months, only among the
// months the server answers for (never after the data date's month; the month in progress says so).
// The choice goes to the view's from / to / grain (components/period.ts), so a copied link reopens it.
import { useId } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { Grain } from '../state/view-state.ts';
import {
  chooseRange,
  choosePeriod,
  monthOptions,
  periodOptions,
  PERIOD_MODES,
  switchMode,
  type Bounds,
  type PeriodChoice,
  type PeriodMode,
  type PeriodView,
} from './period.ts';
import { periodInProgress } from '../views/index766/index766-format.ts';
import '../styles/analyst.css';

export function PeriodPicker({
  view,
  bounds,
  onChange,
  modes = PERIOD_MODES,
  dataDate,
  className,
}: {
  /** the period shown (readPeriod) */
  view: PeriodView;
  /** the server's first month and the data date's month */
  bounds: Bounds;
  onChange: (choice: PeriodChoice) => void;
  modes?: readonly PeriodMode[];
  /** the data date (YYYY-MM-DD): its month, if not over, is marked "đến dd/mm/yyyy" */
  dataDate?: string;
  className?: string;
}) {
  const i = useI18n();
  const id = useId();
  // a period still running (the data date inside it, before its end) says how far its data go
  const name = (p: string) =>
    dataDate && periodInProgress(p, dataDate)
      ? `${i.period(p)} (${i.t('analyst.period.until', { date: i.date(dataDate) })})`
      : i.period(p);
  const select = (key: string, label: string, value: string, options: string[], set: (v: string) => void) => (
    <span className="field period-picker__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </span>
  );
  const months = monthOptions(bounds);
  return (
    <fieldset className={`period-picker analyst-period ${className ?? ''}`.trim()}>
      <legend className="visually-hidden">{i.t('analyst.period.legend')}</legend>
      <span className="field period-picker__field">
        <label htmlFor={`${id}-mode`}>{i.t('analyst.period.mode')}</label>
        <select
          id={`${id}-mode`}
          value={view.mode}
          onChange={(e) => onChange(switchMode(e.target.value as PeriodMode, view, bounds))}
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {i.t(`analyst.period.mode.${m}`)}
            </option>
          ))}
        </select>
      </span>
      {view.mode === 'range' ? (
        <>
          {select(
            'from',
            i.t('period.from'),
            view.from,
            months.filter((m) => m <= view.to),
            (from) => onChange(chooseRange(from, view.to)),
          )}
          {select(
            'to',
            i.t('period.to'),
            view.to,
            months.filter((m) => m >= view.from),
            (to) => onChange(chooseRange(view.from, to)),
          )}
        </>
      ) : (
        select(
          'period',
          i.t(`analyst.period.which.${view.mode}`),
          view.period,
          withShown(periodOptions(view.mode, bounds), view.period),
          (p) => onChange(choosePeriod(view.mode as Grain, p, bounds)),
        )
      )}
    </fieldset>
  );
}

/** The shown period stays in its list even when outside the server's months (a link from elsewhere). */
const withShown = (options: string[], shown: string) => (options.includes(shown) ? options : [shown, ...options]);
