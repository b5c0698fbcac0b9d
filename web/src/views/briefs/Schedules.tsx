// "Lịch gửi của tôi" of the screen "Báo cáo định kỳ": the account's schedules (an administrator's: every account's
// of their units), the form that subscribes to one, pause / resume, and unsubscribing after a confirmation.
// What was done is said in a polite note; a refused action in the same note, as an error.
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { may } from '../../auth/session.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { slotText } from './brief-format.ts';
import { deleteSchedule, fetchSchedules, setScheduleActive, type Schedule } from './briefs-api.ts';
import { ScheduleForm } from './ScheduleForm.tsx';
import { ScheduleTable } from './ScheduleTable.tsx';

type Note = { ok: boolean; text: string } | null;

export function Schedules({ unit }: { unit: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const admin = may(useMe(), 'admin');
  const [version, setVersion] = useState(0);
  const list = useAsync(fetchSchedules, 'briefs-schedules', String(version));
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Schedule | null>(null);
  const label = (s: Schedule) => (i18n.lang === 'vi' ? s.label_vi : s.label_en);
  const reload = () => setVersion((v) => v + 1);

  const act = async (s: Schedule, work: () => Promise<string>) => {
    setBusy(s.id);
    setNote(null);
    try {
      setNote({ ok: true, text: await work() });
    } catch (err) {
      setNote({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(null);
      reload();
    }
  };
  const toggle = (s: Schedule) =>
    act(s, async () => {
      await setScheduleActive(s.id, !s.active);
      return t(s.active ? 'briefs.schedules.paused_done' : 'briefs.schedules.resumed_done', { label: label(s) });
    });
  const cancel = (s: Schedule) =>
    act(s, async () => {
      setCancelling(null);
      await deleteSchedule(s.id);
      return t('briefs.schedules.cancelled_done', { label: label(s) });
    });
  const created = (s: Schedule) => {
    setNote({
      ok: true,
      text: t('briefs.subscribe.done', { label: label(s), next: slotText(s.next_slot, i18n) || '—' }),
    });
    reload();
  };

  const title = t('briefs.schedules.title');
  return (
    <section className="panel briefs-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {admin && <p className="panel__note">{t('briefs.schedules.admin_note')}</p>}
      <ScheduleForm unit={unit} onCreated={created} />
      <p className={`admin-note${note && !note.ok ? ' admin-note--error' : ''}`} aria-live="polite">
        {note?.text}
      </p>
      {cancelling && (
        <section className="panel confirm" aria-labelledby={`${id}-confirm`}>
          <h3 id={`${id}-confirm`}>{t('briefs.schedules.confirm_title')}</h3>
          <p>{t('briefs.schedules.confirm_text', { label: label(cancelling), unit: cancelling.unit_name })}</p>
          <div className="form-actions briefs-form__actions">
            <button type="button" className="button button--danger" onClick={() => void cancel(cancelling)} autoFocus>
              {t('briefs.schedules.cancel')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setCancelling(null)}>
              {t('briefs.schedules.confirm_keep')}
            </button>
          </div>
        </section>
      )}
      <AsyncView state={list}>
        {(schedules) =>
          schedules.length === 0 ? (
            <p className="muted">{t('briefs.schedules.empty')}</p>
          ) : (
            <ScheduleTable
              schedules={schedules}
              title={title}
              showAccount={admin}
              busy={busy}
              onToggle={(s) => void toggle(s)}
              onCancel={setCancelling}
            />
          )
        }
      </AsyncView>
    </section>
  );
}
