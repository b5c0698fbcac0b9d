// A target's status as a coloured badge with its word (colour is never the only cue); the same
// colours as the charts (charts/status-colors.ts) through CSS variables --status-*.
import { useI18n } from '../i18n/index.ts';

export type Status = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data' | 'suppressed';
export const STATUSES: Status[] = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'suppressed'];

const SHAPES: Record<Status, string> = {
  met: '✓',
  on_track: '→',
  at_risk: '!',
  missed: '✕',
  no_data: '–',
  suppressed: '⊘',
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <span className={`status-badge status--${status}`}>
      <span className="status-badge__mark" aria-hidden="true">
        {SHAPES[status]}
      </span>
      {t(`status.${status}`)}
    </span>
  );
}
