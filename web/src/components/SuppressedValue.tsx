// The mark shown instead of a hidden value (never 0), with a tooltip that states the rule; it can
// be focused so keyboard users read the rule too.
import { useId } from 'react';
import { useI18n } from '../i18n/index.ts';

export function SuppressedValue({ minCell = 5 }: { minCell?: number }) {
  const { t } = useI18n();
  const id = useId();
  const rule = t('suppressed.rule', { k: minCell, k1: minCell - 1 });
  return (
    <span className="suppressed" tabIndex={0} aria-describedby={id} title={rule}>
      <span aria-hidden="true">⊘ </span>
      {t('suppressed.mark')}
      <span role="tooltip" id={id} className="suppressed__tip">
        {rule}
      </span>
    </span>
  );
}
