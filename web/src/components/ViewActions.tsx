// Share and export the view on screen: copy its link (the URL holds the whole view), the whole view as
// PDF or PNG rendered by the server from that link (not from this page's DOM), and a frozen snapshot
// of its panels' data with its own link. Long exports say that they are working. Only accounts that
// may export see the export buttons; everyone may copy the link. Links and exports carry the unit
// written out, so they open the same unit for whoever opens them.
import { useState } from 'react';
import { get, post } from '../api/client.ts';
import { useCan } from '../auth/SessionContext.tsx';
import { useI18n } from '../i18n/index.ts';
import { explicitPath } from '../state/view-state.ts';
import { download, fileName, PdfExport } from './ExportMenu.tsx';
import { viewExportUrl, type PdfFont } from './export-query.ts';
import { currentPanels } from './snapshot-registry.ts';
import { useDiscussion } from '../work/Comments.tsx';

type Busy = { kind: 'pdf' | 'png' | 'snapshot'; slow: boolean } | null;

async function save(url: string, name: string): Promise<void> {
  const blob = await (await get(url, '*/*')).blob();
  const href = URL.createObjectURL(blob);
  download(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** `snapshot`: whether the screen has panels to freeze (the briefs screen has none: its briefs are kept already). */
export function ViewActions({ snapshot: canSnapshot = true }: { snapshot?: boolean } = {}) {
  const { t } = useI18n();
  const canExport = useCan('export');
  const [busy, setBusy] = useState<Busy>(null);
  const [note, setNote] = useState<{ text: string; link?: string } | null>(null);
  const path = () => explicitPath(location.pathname, location.search);
  const title = () => document.querySelector('main h1')?.textContent?.trim() || document.title;
  // "Thảo luận (n)": the comments on this exact view, in a panel beside it (work/Comments.tsx)
  const discussion = useDiscussion();

  const run = async (kind: NonNullable<Busy>['kind'], work: () => Promise<{ text: string; link?: string }>) => {
    setBusy({ kind, slow: false });
    setNote(null);
    const slow = setTimeout(() => setBusy({ kind, slow: true }), 1000);
    try {
      setNote(await work());
    } catch (err) {
      setNote({ text: t('export.failed', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      clearTimeout(slow);
      setBusy(null);
    }
  };

  const exportView = (format: 'pdf' | 'png', font?: PdfFont) =>
    run(format, async () => {
      await save(viewExportUrl(format, path(), { font }), fileName(title(), format));
      return { text: t('export.saved') };
    });

  const snapshot = () =>
    run('snapshot', async () => {
      const body = await post<{ link?: string }>('/api/snapshots?picture=true', {
        title: title(),
        view: path(),
        panels: currentPanels().slice(0, 40),
      });
      if (!body.link) throw new Error(t('error.title'));
      return { text: t('export.snapshot_done'), link: body.link };
    });

  const copy = async () => {
    const href = location.origin + path();
    try {
      await navigator.clipboard.writeText(href);
      setNote({ text: t('export.copied') });
    } catch {
      setNote({ text: href });
    }
  };

  return (
    <>
      <div className="view-actions" role="group" aria-label={t('export.actions')}>
        {discussion.toggle}
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {t('export.copy_link')}
        </button>
        {canExport && (
          <>
            <PdfExport disabled={!!busy} onExport={(font) => void exportView('pdf', font)} />
            <button
              type="button"
              className="button button--small"
              disabled={!!busy}
              onClick={() => void exportView('png')}
            >
              PNG
            </button>
            {canSnapshot && (
              <button type="button" className="button button--small" disabled={!!busy} onClick={() => void snapshot()}>
                {t('export.snapshot')}
              </button>
            )}
          </>
        )}
        <span className="view-actions__note" role="status" aria-live="polite" data-live-status="">
          {busy?.slow ? (
            t('export.working')
          ) : note ? (
            <>
              {note.text}
              {note.link && (
                <>
                  {' '}
                  <a href={note.link} target="_blank" rel="noreferrer">
                    {location.origin}
                    {note.link}
                  </a>
                </>
              )}
            </>
          ) : null}
        </span>
      </div>
      {discussion.panel}
    </>
  );
}
