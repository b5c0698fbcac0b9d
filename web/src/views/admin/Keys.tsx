// Khóa API (/admin/keys): the keys other agencies' systems read the data with, for the administrator's units:
// make one (its token shows once, with a copy button), see each key's state and last use, revoke one after a
// confirmation. The routes: server/routes/keys.ts.
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { KeyForm } from './KeyForm.tsx';
import { KeySecret } from './KeySecret.tsx';
import { KeysTable } from './KeysTable.tsx';
import { createKey, fetchKeys, revokeKey, type AdminKey, type NewKey } from './keys-api.ts';
import './keys.css';
import type { AdminProps } from './AdminScreen.tsx';
import { KeysTabs } from './KeysTabs.tsx';

type Note = { ok: boolean; text: string } | null;

export default function Keys({ view }: AdminProps) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const list = useAsync(fetchKeys, 'keys', String(version));
  const [note, setNote] = useState<Note>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<AdminKey | null>(null);
  const reload = () => setVersion((v) => v + 1);

  const create = async (k: NewKey) => {
    const { key, token } = await createKey(k);
    setSecret({ name: key.name, token });
    setNote({ ok: true, text: t('keys.created_done', { name: key.name }) });
    setCreating(false);
    reload();
  };
  const revoke = async (k: AdminKey) => {
    setRevoking(null);
    setNote(null);
    try {
      await revokeKey(k.id);
      setNote({ ok: true, text: t('keys.revoked_done', { name: k.name }) });
    } catch (err) {
      setNote({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
    reload();
  };

  return (
    <div className="screen admin-screen">
      <KeysTabs view={view} />
      <div className="screen-head">
        <div>
          <h1>{t('keys.title')}</h1>
          <p className="screen-head__sub">{t('keys.lead')}</p>
        </div>
        {!creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('keys.new')}
          </button>
        )}
      </div>
      <p className={`admin-note${note && !note.ok ? ' admin-note--error' : ''}`} aria-live="polite">
        {note?.text}
      </p>
      {secret && <KeySecret name={secret.name} token={secret.token} onDone={() => setSecret(null)} />}
      {creating && <KeyForm onSubmit={create} onCancel={() => setCreating(false)} />}
      {revoking && (
        <section className="panel confirm" aria-labelledby="revoke-title">
          <h2 id="revoke-title">{t('keys.revoke_label', { name: revoking.name })}</h2>
          <p>{t('keys.revoke_confirm', { name: revoking.name })}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" onClick={() => void revoke(revoking)} autoFocus>
              {t('keys.revoke_do')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setRevoking(null)}>
              {t('auth.cancel')}
            </button>
          </div>
        </section>
      )}
      <AsyncView state={list}>{(keys) => <KeysTable keys={keys} onRevoke={setRevoking} />}</AsyncView>
    </div>
  );
}
