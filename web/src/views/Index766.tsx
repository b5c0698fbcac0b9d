// Chỉ số 766 / Decision 766 index: the unit's score and grade for a month, quarter or year as GET /api/index766
// computes it, its score month by month with the December forecast, the six groups against their maxima, the
// indicators by points lost, what would raise the score, the communes ranked (a district) and the portal's own
// score beside it. Live changes of dossiers refresh it in place. A leader issues a directive about the index from it.
import { fetchHealth, type IndicatorMeta } from '../api/client.ts';
import { indicators } from '../app/data.ts';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { AsyncView } from '../charts/ui/panel.tsx';
import { ErrorState } from '../components/States.tsx';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import { Index766Body, type Loaded } from './index766/Index766Body.tsx';
import { fetchIndex766 } from './index766/index766-api.ts';
import { dataMonthOf, defaultMonthOf, periodOf } from './index766/index766-format.ts';
import { PeriodPicker } from './index766/PeriodPicker.tsx';
import './index766/index766.css';
import { GiveDirective } from '../work/GiveDirective.tsx';

/** What the screen shows, for its live version: dossier and index indicators of the unit (and its communes). */
const liveScope = (unit: string) => ({ domains: ['procedures', 'index766'], units: [unit] });

async function load(unit: string, period: string, dataMonth: string): Promise<Loaded> {
  const [byUnit, byMonth, catalogue] = await Promise.all([
    fetchIndex766(unit, period, 'unit'),
    fetchIndex766(unit, period.slice(0, 4), 'month'),
    indicators(),
  ]);
  return {
    byUnit,
    byMonth,
    dataMonth,
    catalogue: new Map<string, IndicatorMeta>(catalogue.indicators.map((m) => [m.id, m])),
  };
}

export default function Index766({ state, update, wall }: ScreenProps) {
  const i = useI18n();
  const live = useLiveVersion(liveScope(state.unit));
  // the data date says which month is the newest period (and the default one)
  const health = useAsync(fetchHealth, 'index766-health', live);
  const dataMonth =
    health.status === 'ready' ? dataMonthOf(health.data.datasets, new Date().toISOString().slice(0, 10)) : null;
  const month =
    state.to ??
    (health.status === 'ready' ? defaultMonthOf(health.data.datasets, new Date().toISOString().slice(0, 10)) : null);
  const period = month ? periodOf(state.grain, month) : null;
  const data = useAsync(
    () => (period && dataMonth ? load(state.unit, period, dataMonth) : new Promise<Loaded>(() => undefined)),
    JSON.stringify([state.unit, period, dataMonth, i.lang]),
    live,
  );
  return (
    <div className="screen screen--index766">
      <div className="screen-head">
        <div>
          <h1>
            {i.t('index766.title')}
            {data.status === 'ready' && <> · {data.data.byUnit.unit_name}</>}
          </h1>
          <p className="screen-head__sub">{i.t('index766.subtitle')}</p>
        </div>
        {!wall && (
          <div className="i766-controls">
            <UnitPicker value={state.unit} onChange={(unit) => update({ unit })} />
            {month && dataMonth && (
              <PeriodPicker
                grain={state.grain}
                month={month}
                dataMonth={dataMonth}
                onChange={(grain, to, from) => update({ grain, to, from })}
              />
            )}
            {data.status === 'ready' && (
              <GiveDirective
                context={{ unit_id: state.unit, source: 'index766' }}
                subject={i.t('work.subject.index766', { unit: data.data.byUnit.unit_name })}
                unitName={data.data.byUnit.unit_name}
              />
            )}
          </div>
        )}
      </div>
      {health.status === 'error' ? (
        <ErrorState error={health.error} retry={health.retry} />
      ) : (
        <AsyncView state={data}>
          {(d) => <Index766Body loaded={d} wall={wall} onUnit={(unit) => update({ unit })} />}
        </AsyncView>
      )}
    </div>
  );
}
