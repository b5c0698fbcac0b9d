// "Nguồn dữ liệu có thể cung cấp: bản ghi nhân khẩu, bảng tổng hợp dân số": the kinds of import file that can feed
// an indicator, as the catalogue gives them (`sources`, computed by the server from the indicator's statement:
// server/registry/feeds.ts). Shown in an indicator's information, under the panel; nothing from an older server.
import { useI18n, type I18n } from '../i18n/index.ts';

/** The sentence for an indicator's sources; null when the server did not say. */
export function sourcesText(i: Pick<I18n, 't'>, sources: readonly string[] | undefined): string | null {
  if (sources === undefined) return null;
  if (sources.length === 0) return i.t('sources.none');
  return i.t('sources.label', { list: sources.map((k) => i.t(`sources.kind.${k}`)).join(', ') });
}

export function IndicatorSources({ sources }: { sources: readonly string[] | undefined }) {
  const i = useI18n();
  const text = sourcesText(i, sources);
  if (text === null) return null;
  return (
    <p className="indicator-sources" style={{ fontSize: '0.85em', color: '#4b5563', margin: '6px 0 0' }}>
      {text}
    </p>
  );
}
