// "Giao việc": a leader issues a directive to an office from a panel (a target tile, a chart, a map unit, the 766
// index, a comment). A modal form (native <dialog>): the office (the lead office of a task serving the target first,
// when the plan names one), what to do, by when (dd/mm/yyyy, not before today in Vietnam), the expected effect and
// value; the panel's unit, indicator, target and view go with it. Errors beside their field, the server's too.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { indicators } from '../app/data.ts';
import { useAsync } from '../app/use-async.ts';
import { DateInput } from '../components/DateInput.tsx';
import { useI18n } from '../i18n/index.ts';
import { createDirective, fetchOffices, fetchTasks, type Directive, type Office } from './api.ts';
import {
  directiveBody,
  fieldOfServerError,
  validateDirective,
  vnToday,
  type DirectiveContext,
  type DirectiveDraft,
  type DirectiveField,
  type FieldError,
} from './directive-form.ts';
import './work.css';

export interface DirectivePrefill {
  title?: string;
  expected?: string;
  expected_value?: number;
  due?: string;
}

export interface DirectiveDialogProps {
  context: DirectiveContext;
  /** what the directive is about, in words: "Chỉ tiêu T05 · …" */
  subject: string;
  unitName?: string;
  /** the indicator's unit of measure, shown beside the expected value (%, hồ sơ, …) */
  measure?: string;
  prefill?: DirectivePrefill;
  /** the comment it comes from */
  comment?: { author: string; text: string };
  onClose: () => void;
  onIssued?: (d: Directive) => void;
}

interface Choices {
  offices: Office[];
  /** the indicator's names (vi, en), when the directive concerns one */
  indicator: { vi: string; en: string } | null;
  /** office id → the task it leads that serves the target */
  leads: Map<string, string>;
}

/** The unit's offices, and which of them lead a task of the plan serving the target (those first). */
async function loadChoices(unit: string, target?: string, indicator?: string): Promise<Choices> {
  const [offices, tasks, catalogue] = await Promise.all([
    fetchOffices(unit),
    target ? fetchTasks({ unit }).catch(() => null) : Promise.resolve(null),
    indicator ? indicators().catch(() => null) : Promise.resolve(null),
  ]);
  const meta = catalogue?.indicators.find((m) => m.id === indicator);
  const leads = new Map<string, string>();
  for (const t of tasks?.tasks ?? [])
    if (t.targets.some((x) => x.target_id === target))
      for (const o of t.lead) if (o.office_id && !leads.has(o.office_id)) leads.set(o.office_id, t.task_id);
  const sorted = [...offices].sort((a, b) => Number(leads.has(b.id)) - Number(leads.has(a.id)));
  return { offices: sorted, leads, indicator: meta ? { vi: meta.name_vi, en: meta.name_en } : null };
}

export function DirectiveDialog(props: DirectiveDialogProps) {
  const { context, prefill } = props;
  const i = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const choices = useAsync(
    () => loadChoices(context.unit_id, context.target_id, context.indicator),
    `${context.unit_id}|${context.target_id}|${context.indicator}`,
  );
  const today = vnToday();
  const [draft, setDraft] = useState<DirectiveDraft>(() => ({
    office_id: '',
    title: prefill?.title ?? '',
    detail: '',
    due: prefill?.due && prefill.due >= today ? prefill.due : '',
    expected: prefill?.expected ?? '',
    expected_value: prefill?.expected_value === undefined ? '' : i.number(prefill.expected_value, 2),
  }));
  const [errors, setErrors] = useState<Partial<Record<DirectiveField, FieldError>>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Directive | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  // the lead office of a task serving the target is the first choice, once the offices are known
  const ready = choices.status === 'ready' ? choices.data : null;
  const suggested = ready
    ? (ready.offices.find((o) => ready.leads.has(o.id))?.id ?? (ready.offices.length === 1 ? ready.offices[0].id : ''))
    : '';
  // what the form holds: the office chosen, else the suggested one
  const form: DirectiveDraft = { ...draft, office_id: draft.office_id || suggested };

  const set = (patch: Partial<DirectiveDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const message = (e: FieldError | undefined) =>
    e &&
    i.t(e.key, {
      ...e.params,
      ...(e.params?.field ? { field: i.t(String(e.params.field)) } : {}),
      today: i.date(today),
    });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found = validateDirective(form, today, i.lang);
    setErrors(found);
    setFormError('');
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const made = await createDirective(directiveBody(form, context, i.lang));
      setIssued(made);
      props.onIssued?.(made);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const field = fieldOfServerError(err.message);
        if (field) setErrors({ [field]: { key: 'work.error.form', params: { message: err.message } } });
        else setFormError(i.t('work.error.form', { message: err.message }));
      } else
        setFormError(
          err instanceof ApiError ? i.t('work.error.form', { message: err.message }) : i.t('work.error.offline'),
        );
    } finally {
      setBusy(false);
    }
  };

  const field = (name: DirectiveField) => {
    const error = message(errors[name]);
    return {
      id: `${id}-${name}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-${name}-error` : undefined,
      error: error ? (
        <span id={`${id}-${name}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null,
    };
  };
  const input = (name: DirectiveField) => {
    const { error: _error, ...rest } = field(name);
    void _error;
    return rest;
  };
  const office = ready?.offices.find((o) => o.id === issued?.office_id);

  return (
    <dialog ref={dialog} className="dialog work-dialog" aria-labelledby={`${id}-heading`} onCancel={props.onClose}>
      <h2 id={`${id}-heading`}>{i.t('work.dialog.title')}</h2>
      <ul className="work-dialog__about">
        <li>{i.t('work.dialog.about', { subject: props.subject })}</li>
        {props.unitName && <li>{i.t('work.dialog.unit', { unit: props.unitName })}</li>}
        {ready?.indicator && !context.target_id && (
          <li>{i.t('work.dialog.indicator', { indicator: ready.indicator[i.lang] })}</li>
        )}
        {props.comment && (
          <li className="work-dialog__comment">
            {i.t('work.dialog.from_comment', { author: props.comment.author, text: props.comment.text })}
          </li>
        )}
      </ul>
      {issued ? (
        <div className="work-dialog__done" role="status">
          <p>
            {i.t('work.done', {
              id: issued.id,
              office: issued.office_name || office?.name || issued.office_id,
              due: i.date(issued.due),
            })}{' '}
            <a href={`/tasks?directive=${issued.id}`}>{i.t('work.done_link')}</a>
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={props.onClose} autoFocus>
              {i.t('work.close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
          {formError && (
            <p className="field-error work-dialog__error" role="alert">
              {formError}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-office_id`}>{i.t('work.field.office')}</label>
            {choices.status === 'loading' && <p role="status">{i.t('work.offices_loading')}</p>}
            {choices.status === 'error' && <p className="field-error">{choices.error.message}</p>}
            {ready && ready.offices.length === 0 && <p>{i.t('work.offices_none')}</p>}
            <select
              {...input('office_id')}
              value={form.office_id}
              aria-required="true"
              disabled={!ready}
              onChange={(e) => set({ office_id: e.target.value })}
            >
              <option value="">{i.t('work.field.office_pick')}</option>
              {ready?.offices.map((o) => {
                const name = i.lang === 'en' && o.name_en ? o.name_en : o.name;
                const label = o.unit_id === context.unit_id ? name : `${name} – ${o.unit_name}`;
                const task = ready.leads.get(o.id);
                return (
                  <option key={o.id} value={o.id}>
                    {task ? i.t('work.field.office_lead', { name: label, task }) : label}
                  </option>
                );
              })}
            </select>
            {field('office_id').error}
          </div>
          <div className="field">
            <label htmlFor={`${id}-title`}>{i.t('work.field.title')}</label>
            <input
              {...input('title')}
              type="text"
              autoComplete="off"
              aria-required="true"
              value={draft.title}
              onChange={(e) => set({ title: e.target.value })}
            />
            {field('title').error}
          </div>
          <div className="field">
            <label htmlFor={`${id}-detail`}>{i.t('work.field.detail')}</label>
            <textarea
              {...input('detail')}
              rows={3}
              value={draft.detail}
              onChange={(e) => set({ detail: e.target.value })}
            />
            {field('detail').error}
          </div>
          <DateInput
            id={`${id}-due`}
            className="work-dialog__due"
            label={i.t('work.field.due')}
            defaultValue={draft.due}
            onChange={(iso) => set({ due: iso === null ? '?' : iso })}
          />
          {errors.due && errors.due.key !== 'work.error.due_format' && field('due').error}
          <div className="field">
            <label htmlFor={`${id}-expected`}>{i.t('work.field.expected')}</label>
            <input
              {...input('expected')}
              type="text"
              autoComplete="off"
              placeholder={i.t('work.field.expected_hint')}
              value={draft.expected}
              onChange={(e) => set({ expected: e.target.value })}
            />
            {field('expected').error}
          </div>
          <div className="field">
            <label htmlFor={`${id}-expected_value`}>
              {i.t('work.field.expected_value')}
              {props.measure && ` (${props.measure})`}
            </label>
            <input
              {...input('expected_value')}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              className="work-dialog__number"
              value={draft.expected_value}
              onChange={(e) => set({ expected_value: e.target.value })}
            />
            <span className="field__hint">{i.t('work.field.expected_value_hint')}</span>
            {field('expected_value').error}
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={props.onClose}>
              {i.t('work.cancel')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {busy ? i.t('work.submitting') : i.t('work.submit')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
