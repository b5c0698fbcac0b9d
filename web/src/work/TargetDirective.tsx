// The "Giao việc" of a target (a tile of the Overview, the target's panel on the Targets screen): the directive form
// about the target for the unit shown, its expected effect prefilled with the target's goal and deadline.
import type { TargetAnswer } from '../api/client.ts';
import { comparatorSign, targetValueText } from '../components/target-text.ts';
import { useI18n } from '../i18n/index.ts';
import { GiveDirective } from './GiveDirective.tsx';

export function TargetDirective({
  target: x,
  unit,
  unitName,
}: {
  target: TargetAnswer;
  unit: string;
  unitName?: string;
}) {
  const i = useI18n();
  const title = i.lang === 'vi' ? x.title_vi : x.title_en;
  const milestone = x.comparator === 'done';
  const goal = milestone
    ? i.t('milestone.done')
    : `${comparatorSign(x.comparator)} ${targetValueText(x.target, x.unit, i)}`;
  return (
    <GiveDirective
      context={{ unit_id: unit, source: 'target', indicator: x.indicator, target_id: x.target_id }}
      subject={i.t('work.subject.target', { id: x.target_id, title })}
      unitName={unitName}
      measure={x.unit === 'percent' ? '%' : undefined}
      prefill={{
        expected: `${title}: ${goal} (${i.date(x.deadline)})`,
        expected_value: milestone ? undefined : x.target,
        due: x.deadline,
      }}
    />
  );
}
