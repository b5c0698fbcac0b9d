// Parts the forms of the screen "Nhiệm vụ" share (a task's update and edit, a directive's step): a labelled text
// box with its limit, and the form's error and confirmation lines.

/** A labelled textarea of `rows` lines, at most `max` characters. */
export function TextBox(props: {
  id: string;
  label: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field work-form__wide">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={2}
        maxLength={props.max}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** The error (announced at once) and, after a save, its confirmation (announced politely). */
export function FormMessages({ error, done }: { error: string; done?: string }) {
  return (
    <>
      <p className="form-error" role="alert">
        {error}
      </p>
      {done !== undefined && (
        <p className="work-form__done" aria-live="polite">
          {done}
        </p>
      )}
    </>
  );
}
