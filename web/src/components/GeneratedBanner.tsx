// "Dữ liệu mô phỏng": shown on every screen while the store holds generated demo data.
import { useI18n } from '../i18n/index.ts';

export function GeneratedBanner({ generated }: { generated: boolean }) {
  const { t } = useI18n();
  if (!generated) return null;
  return (
    <p className="generated-banner" role="note">
      <strong>{t('generated.banner')}</strong> <span>{t('generated.detail')}</span>
    </p>
  );
}
