// The choice of files to import: dropped on the zone or picked with the button (a real button, so the
// keyboard reaches it), each listed with its size before anything is sent; then the upload with its
// progress in bytes, and the server's refusal (409 another import running, 413 too large, 400) in its words.
// The data date is typed dd/mm/yyyy in every browser (components/DateInput.tsx).
import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { ACCEPT, addFiles } from './import-format.ts';
import { UploadNetworkError, uploadImport, type UploadProgress as Sent } from './imports-api.ts';
import { UploadProgress } from './ImportProgress.tsx';
import { DateInput } from '../../components/DateInput.tsx';

export function ImportUpload({ onStarted }: { onStarted: (id: string) => void }) {
  const i = useI18n();
  const { t } = i;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const stop = useRef<AbortController | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);
  const [dataDate, setDataDate] = useState('');
  const [sent, setSent] = useState<Sent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const size = files.reduce((s, f) => s + f.size, 0);

  const add = (list: FileList | null) => {
    // copied now: a FileList is live, and the input is emptied right after
    const more = list ? [...list] : [];
    if (more.length === 0) return;
    setFiles((chosen) => addFiles(chosen, more));
    setError(null);
  };
  const drag = (e: DragEvent<HTMLDivElement>, inside: boolean) => {
    e.preventDefault();
    // leaving for one of the zone's own children is not leaving the zone
    if (!inside && e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    setOver(inside);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return setError(t('imports.none_chosen'));
    const ctl = new AbortController();
    stop.current = ctl;
    setError(null);
    setSent({ loaded: 0, total: size });
    try {
      const job = await uploadImport(files, {
        dataDate: dataDate || undefined,
        onProgress: setSent,
        signal: ctl.signal,
      });
      setFiles([]);
      onStarted(job);
    } catch (err) {
      if (!ctl.signal.aborted)
        setError(
          err instanceof UploadNetworkError ? t('imports.network') : err instanceof Error ? err.message : String(err),
        );
    } finally {
      setSent(null);
      stop.current = null;
    }
  };

  return (
    <form className="panel import-upload" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('imports.choose')}</h2>
      <div
        className={`import-drop${over ? ' import-drop--over' : ''}`}
        onDragEnter={(e) => drag(e, true)}
        onDragOver={(e) => drag(e, true)}
        onDragLeave={(e) => drag(e, false)}
        onDrop={(e) => {
          drag(e, false);
          setOver(false);
          add(e.dataTransfer.files);
        }}
        data-testid="import-drop"
      >
        <p className="import-drop__line">
          <span>{t('imports.drop')}</span>{' '}
          <button type="button" className="button" onClick={() => input.current?.click()} disabled={!!sent}>
            {t('imports.pick')}
          </button>
        </p>
        <p className="field__hint">{t('imports.accept')}</p>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('imports.input')}
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = ''; // the same file can be chosen again after removing it
          }}
        />
      </div>
      {files.length > 0 && (
        <div className="import-chosen">
          <h3>{t('imports.chosen', { n: i.number(files.length, 0), size: i.bytes(size) })}</h3>
          <ul className="import-files">
            {files.map((f) => (
              <li key={`${f.name}|${f.size}|${f.lastModified}`}>
                <span className="import-files__name">{f.name}</span>
                <span className="import-files__size">{i.bytes(f.size)}</span>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  disabled={!!sent}
                  aria-label={t('imports.remove_label', { name: f.name })}
                  onClick={() => setFiles((chosen) => chosen.filter((c) => c !== f))}
                >
                  {t('imports.remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <DateInput
        id={`${id}-date`}
        className="import-upload__date"
        label={t('imports.data_date')}
        defaultValue={dataDate}
        onChange={(iso) => setDataDate(iso ?? '')}
      />
      {error && (
        <p className="form-error" role="alert">
          {t('imports.upload_failed')}: {error}
        </p>
      )}
      {sent && <UploadProgress loaded={sent.loaded} total={sent.total} />}
      <div className="form-actions">
        {files.length > 1 && !sent && (
          <button type="button" className="button button--quiet" onClick={() => setFiles([])}>
            {t('imports.clear')}
          </button>
        )}
        {sent && (
          <button type="button" className="button button--quiet" onClick={() => stop.current?.abort()}>
            {t('imports.upload_stop')}
          </button>
        )}
        <button type="submit" className="button" disabled={!!sent}>
          {t(sent ? 'imports.uploading' : 'imports.upload')}
        </button>
      </div>
    </form>
  );
}
