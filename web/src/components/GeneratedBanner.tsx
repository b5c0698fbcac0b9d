// "Dữ liệu mô phỏng": shown on every screen while the store holds generated demo data. In the app's
// header on a laptop or a phone only the words show (the sentence after them is read out, and is the
// notice's tooltip); styles/base.css.
import { useI18n } from '../i18n/index.ts';

export function GeneratedBanner({ generated }: { generated: boolean }) {
  const { t } = useI18n();
  if (!generated) return null;
  return (
    <p className="generated-banner" role="note" title={t('generated.detail')}>
      <strong>{t('generated.banner')}</strong> <span className="generated-banner__detail">{t('generated.detail')}</span>
    </p>
  );
}
