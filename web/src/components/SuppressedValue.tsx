// The mark shown instead of a withheld value (never 0), with a tooltip that states the rule of the server's method
// (cellkey: a rate on a base below k; suppress: small counts and what would give them away); it can be focused so
// keyboard users read the rule too.
import { useId } from 'react';
import type { Suppression } from '../api/client.ts';
import { DEFAULT_MIN_CELL, withheldRule, type DisclosureInfo } from '../charts/withheld.ts';
import { useI18n } from '../i18n/index.ts';

export function SuppressedValue({
  minCell = DEFAULT_MIN_CELL,
  disclosure,
  reason,
}: {
  minCell?: number;
  /** the server's method (null or absent: an older server, the suppression rule) */
  disclosure?: DisclosureInfo['method'];
  /** the server's reason for this value, when it sent one */
  reason?: Suppression;
}) {
  const i = useI18n();
  const id = useId();
  const rule = withheldRule(i, reason, { method: disclosure ?? null, minCell });
  return (
    <span className="suppressed" tabIndex={0} aria-describedby={id} title={rule}>
      <span aria-hidden="true">⊘ </span>
      {i.t('suppressed.mark')}
      <span role="tooltip" id={id} className="suppressed__tip">
        {rule}
      </span>
    </span>
  );
}
