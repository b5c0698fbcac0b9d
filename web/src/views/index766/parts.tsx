// Small pieces shared by the panels of the 766 index screen: a grade as a badge with its word, an indicator's
// status as a chip (never mistaken for 0 points), and the line under a panel's title that says unit, period, source.
import { useI18n } from '../../i18n/index.ts';
import type { IndicatorStatus } from './index766-api.ts';

export function GradeBadge({ grade }: { grade: string | null }) {
  const { t } = useI18n();
  if (!grade) return <span className="i766-grade i766-grade--none">{t('index766.no_score')}</span>;
  return <span className={`i766-grade i766-grade--${grade}`}>{t(`index766.grade.${grade}`)}</span>;
}

const STATUS_MARK: Record<IndicatorStatus, string> = {
  scored: '✓',
  no_data: '∅',
  not_scored: '◌',
  no_formula: '?',
  withheld: '⊘',
};

export function StatusChip({ status }: { status: IndicatorStatus }) {
  const { t } = useI18n();
  return (
    <span className={`i766-status i766-status--${status}`}>
      <span aria-hidden="true">{STATUS_MARK[status]} </span>
      {t(`index766.status.${status}`)}
    </span>
  );
}

/** Unit · period, and where the figures come from. */
export function PanelInfo({
  unit,
  period,
  source = 'index766.source',
}: {
  unit: string;
  period: string;
  source?: string;
}) {
  const i = useI18n();
  return (
    <p className="panel__sub">
      {i.t('index766.info', { unit, period: i.period(period) })}. {i.t(source)}
    </p>
  );
}
