// On the sign-in screen of a share link opened without a session (/?next=/s/<id>): what is about to open,
// the snapshot's title, units and dates (GET /api/snapshots/:id/about, never a number), and that it opens
// right after signing in. Nothing for any other sign-in.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { nextPath } from '../state/view-state.ts';

interface About {
  title: string;
  units: string[];
  created_at: string;
  data_date: string | null;
}

/** The snapshot id of a share link a sign-in leads back to, or null. */
export function shareIdOf(search: string): string | null {
  return /^\/s\/([A-Za-z0-9_-]{6,32})$/.exec(nextPath(search) ?? '')?.[1] ?? null;
}

export function ShareNotice() {
  const i = useI18n();
  const id = shareIdOf(window.location.search);
  const [about, setAbout] = useState<About | 'missing' | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    const load = async (): Promise<About | 'missing'> => {
      const r = await fetch(`/api/snapshots/${id}/about`, { headers: { accept: 'application/json' } });
      return r.ok ? ((await r.json()) as About) : 'missing';
    };
    load().then(
      (a) => live && setAbout(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (!id || !about) return null;
  if (about === 'missing') return <p className="signin__notice">{i.t('share.signin.missing')}</p>;
  const rows: [string, string][] = [
    [i.t('share.signin.title'), about.title],
    [i.t('share.signin.units'), about.units.join(', ')],
    [i.t('share.signin.created'), i.dateTime(about.created_at).slice(0, 16)],
  ];
  if (about.data_date) rows.push([i.t('share.signin.data_date'), i.date(about.data_date)]);
  return (
    <div className="signin__notice" data-testid="share-notice">
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{i.t('share.signin.lead')}</p>
      <dl style={{ margin: '0 0 6px', display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '2px 10px' }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt style={{ color: 'var(--text-muted)' }}>{k}</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{v}</dd>
          </div>
        ))}
      </dl>
      <p style={{ margin: 0 }}>{i.t('share.signin.after')}</p>
    </div>
  );
}
