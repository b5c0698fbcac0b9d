// The "Giao việc" button of a panel (a target tile, a chart, a map unit, the 766 index): shown to leaders only,
// it opens the directive form (DirectiveDialog.tsx) with what the panel knows and the view on screen.
import { useState } from 'react';
import { useMe } from '../auth/SessionContext.tsx';
import { useI18n } from '../i18n/index.ts';
import { homeUnit, parseView } from '../state/view-state.ts';
import { DirectiveDialog, type DirectiveDialogProps } from './DirectiveDialog.tsx';
import { viewKey } from './view-key.ts';

/** Whether the signed-in account may issue directives (a leader). */
export const useIsLeader = (): boolean => useMe()?.account.role === 'leader';

/** The key of the view on screen now (for the directive's `view`). */
export const currentViewKey = (): string => viewKey(parseView(location.pathname, location.search), homeUnit());

type Props = Omit<DirectiveDialogProps, 'onClose' | 'context'> & {
  context: Omit<DirectiveDialogProps['context'], 'view'>;
  className?: string;
};

export function GiveDirective({ className, ...props }: Props) {
  const { t } = useI18n();
  const leader = useIsLeader();
  const [open, setOpen] = useState<string | null>(null);
  if (!leader) return null;
  return (
    <>
      <button
        type="button"
        className={`button button--small button--quiet work-give ${className ?? ''}`.trim()}
        aria-label={t('work.give_for', { subject: props.subject })}
        onClick={() => setOpen(currentViewKey())}
      >
        {t('work.give')}
      </button>
      {open !== null && (
        <DirectiveDialog {...props} context={{ ...props.context, view: open }} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
