// Downloads of one panel: its picture as PNG (drawn here from the panel's canvas, on white) and its
// data as CSV and XLSX (made by the server, with the same suppression as on screen). Shown only to
// accounts that may export (staff, admin). Also the whole view's PDF button with its choice of typeface.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useCan } from '../auth/SessionContext.tsx';
import { useI18n } from '../i18n/index.ts';
import { exportLinks, PDF_FONTS, type PanelData, type PdfFont } from './export-query.ts';
import { snapshotPanels, useSnapshotPanel } from './snapshot-registry.ts';
import { ChartDirective } from '../work/ChartDirective.tsx';

/** A file name from a title: letters and digits kept (diacritics dropped), the rest as '-'. */
export function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'ioc06'}.${ext}`;
}

/** The panel's first canvas (a chart or the map) as a PNG data URL on a white background, or null. */
export function panelPng(panel: HTMLElement | null): string | null {
  const source = panel?.querySelector('canvas');
  if (!source || source.width === 0 || source.height === 0) return null;
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height;
  const g = out.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(source, 0, 0);
  return out.toDataURL('image/png');
}

/** Saves a URL (data:, blob: or same-origin) under a file name. */
export function download(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function ExportMenu({
  title,
  data,
  png,
  lang,
  label,
}: {
  title: string;
  data?: PanelData;
  png?: () => string | null;
  lang?: string;
  /** an indicator's name in the list of a panel's downloads (default: its kpi.<id> message) */
  label?: (indicator: string) => string;
}) {
  const { t } = useI18n();
  const canExport = useCan('export');
  if (!canExport) return null;
  return (
    <span className="export-menu" role="group" aria-label={t('export.panel', { title })}>
      {png && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const url = png();
            if (url) download(url, fileName(title, 'png'));
          }}
        >
          PNG
        </button>
      )}
      {data && <DataLinks title={title} data={data} lang={lang} label={label} />}
    </span>
  );
}

/** CSV and XLSX of the panel's data: two links, or a list when the panel shows several indicators. */
function DataLinks({
  title,
  data,
  lang,
  label: name,
}: {
  title: string;
  data: PanelData;
  lang?: string;
  label?: (indicator: string) => string;
}) {
  const { t } = useI18n();
  const nameOf = name ?? ((id: string) => t(`kpi.${id}`));
  const links = exportLinks(data, lang);
  const pair = (l: (typeof links)[number], label = '') => (
    <>
      <a
        className="button button--small"
        href={l.csv}
        download={fileName(`${title}${label ? ` ${label}` : ''}`, 'csv')}
      >
        CSV{label && <span className="visually-hidden"> {label}</span>}
      </a>
      <a
        className="button button--small"
        href={l.xlsx}
        download={fileName(`${title}${label ? ` ${label}` : ''}`, 'xlsx')}
      >
        XLSX{label && <span className="visually-hidden"> {label}</span>}
      </a>
    </>
  );
  if (links.length === 1) return pair(links[0]);
  return (
    <details className="export-menu__more">
      <summary className="button button--small">{t('export.data')}</summary>
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <span>{nameOf(l.key)}</span> {pair(l, nameOf(l.key))}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * A panel's box with its downloads beside the title; the PNG is taken from the box's canvas. Its data join a
 * snapshot unless `snapshot` is false (another panel of the view already freezes them).
 */
export function ExportablePanel({
  title,
  data,
  picture = true,
  snapshot = true,
  label,
  children,
  id,
  wide,
  directive = true,
}: {
  title: string;
  data?: PanelData;
  picture?: boolean;
  snapshot?: boolean;
  /** false: no "Giao việc" of its own (the screen offers a better one: a target's, the 766 index's) */
  directive?: boolean;
  label?: (indicator: string) => string;
  children: ReactNode;
  id?: string;
  wide?: boolean;
}) {
  const box = useRef<HTMLElement>(null);
  const { lang, t } = useI18n();
  const name = label ?? ((k: string) => t(`kpi.${k}`));
  useSnapshotPanel(id ?? title, data && snapshot ? snapshotPanels(id ?? title, title, data, name) : null);
  return (
    <section
      ref={box}
      className="ioc-panel"
      aria-labelledby={id}
      style={{
        gridColumn: wide ? '1 / -1' : undefined,
        background: 'var(--panel-bg, #fff)',
        border: '1px solid #dde1e6',
        borderRadius: 8,
        padding: 12,
        minWidth: 0,
      }}
    >
      <div className="ioc-panel__head">
        <h2 id={id} style={{ fontSize: '1.05em', margin: '0 0 8px' }}>
          {title}
        </h2>
        <span className="ioc-panel__actions">
          {directive && <ChartDirective title={title} data={data} />}
          <ExportMenu
            title={title}
            data={data}
            png={picture ? () => panelPng(box.current) : undefined}
            lang={lang}
            label={label}
          />
        </span>
      </div>
      {children}
    </section>
  );
}

const FONT_KEY = 'ioc06.pdf-font';

/** The typeface chosen last time on this browser (the app's by default). */
function storedFont(): PdfFont {
  try {
    const f = localStorage.getItem(FONT_KEY);
    return PDF_FONTS.includes(f as PdfFont) ? (f as PdfFont) : 'app';
  } catch {
    return 'app';
  }
}

/**
 * The whole view's PDF: "PDF" opens the choice of typeface (the app's, or Times New Roman as Decree 30/2020's
 * administrative format asks; remembered on this browser), then "Tải PDF" makes it. The choice opens in the
 * flow of the toolbar, never over the page's edge on a phone.
 */
export function PdfExport({ disabled, onExport }: { disabled?: boolean; onExport: (font: PdfFont) => void }) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLDetailsElement>(null);
  const [font, setFont] = useState<PdfFont>(storedFont);
  const choose = (f: PdfFont) => {
    setFont(f);
    try {
      localStorage.setItem(FONT_KEY, f);
    } catch {
      // private browsing: the choice holds for this page only
    }
  };
  return (
    <details ref={box} className="export-menu__more pdf-export">
      <summary className="button button--small" aria-label={t('share.pdf.menu')}>
        PDF
      </summary>
      <ul style={{ position: 'static', minWidth: 0, marginTop: 4 }}>
        <li>
          <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600, padding: 0 }}>{t('share.pdf.font')}</legend>
            {PDF_FONTS.map((f) => (
              <label key={f} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                <input type="radio" name={`${id}-font`} value={f} checked={font === f} onChange={() => choose(f)} />
                {t(`share.pdf.font.${f}`)}
              </label>
            ))}
          </fieldset>
        </li>
        <li>
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            onClick={() => {
              box.current?.removeAttribute('open');
              onExport(font);
            }}
          >
            {t('share.pdf.make')}
          </button>
        </li>
      </ul>
    </details>
  );
}
