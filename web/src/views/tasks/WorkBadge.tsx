// A task's or a directive's status as a badge with its word (colour is never the only cue), the words of the
// directive panels (i18n work.status.*), the colours of tasks.css; and the "overdue" mark of a directive.
import { useI18n } from '../../i18n/index.ts';
import type { DirectiveStatus, TaskStatus } from '../../work/api.ts';

const MARKS: Record<string, string> = {
  not_started: '○',
  in_progress: '→',
  done: '✓',
  overdue: '!',
  issued: '●',
  acknowledged: '◐',
  accepted: '✓',
  reopened: '↺',
  withdrawn: '⊘',
};

export function WorkBadge({ status }: { status: TaskStatus | DirectiveStatus }) {
  const { t } = useI18n();
  return (
    <span className={`work-badge work-badge--${status}`}>
      <span className="work-badge__mark" aria-hidden="true">
        {MARKS[status] ?? '•'}
      </span>
      {t(`work.status.${status}`)}
    </span>
  );
}

/** Beside a directive's status: it is past its due date (the server says so). */
export function OverdueBadge() {
  return <WorkBadge status="overdue" />;
}
