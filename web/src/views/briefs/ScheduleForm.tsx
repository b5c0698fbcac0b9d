// "Đăng ký nhận báo cáo" of the screen "Báo cáo định kỳ" (Schedules.tsx): a unit of the account's own, a kind of
// period, the weekday (week) or the day of the month (month, quarter), the time in Vietnam's time (HH:MM, 24 h),
// the language and an optional e-mail; an administrator also picks the recipient among their units' accounts.
// A value that cannot be sent is said at once; the server's refusal (400) shows in the same alert.
import { useId, useState, type FormEvent } from 'react';
import { fetchAccounts } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { may } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { normalTime } from './brief-format.ts';
import { KindField, LangField, startUnit, UnitField } from './BriefFields.tsx';
import { createSchedule, type BriefLang, type PeriodKind, type Schedule, type ScheduleCreate } from './briefs-api.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  unit: string;
  onCreated: (schedule: Schedule) => void;
}

export function ScheduleForm({ unit: shown, onCreated }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const admin = may(me, 'admin');
  const id = useId();
  const [unit, setUnit] = useState(() => startUnit(me, shown));
  const [kind, setKind] = useState<PeriodKind>('week');
  const [lang, setLang] = useState<BriefLang>(i18n.lang);
  const [weekday, setWeekday] = useState(1);
  const [day, setDay] = useState('1');
  const [time, setTime] = useState('07:00');
  const [email, setEmail] = useState('');
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  /** the body to send, or the message that says what is wrong */
  const body = (): ScheduleCreate | string => {
    const hhmm = normalTime(time);
    if (!hhmm) return t('briefs.subscribe.bad_time');
    const n = Number(day);
    if (kind !== 'week' && !(Number.isInteger(n) && n >= 1 && n <= 31)) return t('briefs.subscribe.bad_day');
    const mail = email.trim();
    if (mail && !EMAIL.test(mail)) return t('briefs.subscribe.bad_email');
    return {
      unit,
      kind,
      time: hhmm,
      lang,
      ...(kind === 'week' ? { weekday } : { day: n }),
      ...(mail ? { email: mail } : {}),
      ...(admin && account && account !== me?.account.username ? { account } : {}),
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    if (typeof b === 'string') return setError(b);
    setBusy(true);
    setError('');
    try {
      const made = await createSchedule(b);
      setTime(b.time);
      onCreated(made);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="briefs-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('briefs.subscribe.title')}</h3>
      <div className="briefs-form__fields">
        {admin && <AccountField id={`${id}-account`} value={account} onChange={setAccount} />}
        <UnitField id={`${id}-unit`} value={unit} onChange={setUnit} />
        <KindField id={`${id}-kind`} value={kind} onChange={setKind} />
        {kind === 'week' ? (
          <div className="field">
            <label htmlFor={`${id}-weekday`}>{t('briefs.subscribe.weekday')}</label>
            <select id={`${id}-weekday`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {t(`briefs.weekday.${d}`)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-day`}>
              {t(kind === 'quarter' ? 'briefs.subscribe.day_quarter' : 'briefs.subscribe.day')}
            </label>
            <input
              id={`${id}-day`}
              type="number"
              inputMode="numeric"
              min={1}
              max={31}
              value={day}
              onChange={(e) => setDay(e.target.value)}
              aria-describedby={`${id}-day-hint`}
            />
            <small id={`${id}-day-hint`} className="field__hint">
              {t('briefs.subscribe.day_hint')}
            </small>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('briefs.subscribe.time')}</label>
          <input
            id={`${id}-time`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="07:00"
            maxLength={5}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            aria-describedby={`${id}-time-hint`}
          />
          <small id={`${id}-time-hint`} className="field__hint">
            {t('briefs.subscribe.time_hint')}
          </small>
        </div>
        <LangField id={`${id}-lang`} value={lang} onChange={setLang} />
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('briefs.subscribe.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-describedby={`${id}-email-hint`}
          />
          <small id={`${id}-email-hint`} className="field__hint">
            {t('briefs.subscribe.email_hint')}
          </small>
        </div>
      </div>
      <p className="form-error" role="alert">
        {error}
      </p>
      <div className="form-actions briefs-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('briefs.subscribe.submit')}
        </button>
      </div>
    </form>
  );
}

/** An administrator's choice of recipient: themselves (the default) or an account of their units. */
function AccountField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const list = useAsync(fetchAccounts, 'briefs-accounts');
  const self = me?.account.username ?? '';
  const others = list.status === 'ready' ? list.data.filter((a) => a.active && a.username !== self) : [];
  return (
    <div className="field">
      <label htmlFor={id}>{t('briefs.subscribe.account')}</label>
      <select id={id} value={value || self} onChange={(e) => onChange(e.target.value)}>
        <option value={self}>{t('briefs.subscribe.me', { name: me?.account.display_name ?? self })}</option>
        {others.map((a) => (
          <option key={a.username} value={a.username}>
            {a.display_name} ({a.username}, {a.unit_name})
          </option>
        ))}
      </select>
    </div>
  );
}
