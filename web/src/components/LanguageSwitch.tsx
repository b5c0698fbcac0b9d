// Tiếng Việt / English: a pair of toggle buttons; the language lives in the URL (?lang=en).
import { useI18n } from '../i18n/index.ts';
import type { Lang } from '../state/view-state.ts';

export function LanguageSwitch({ onChange }: { onChange: (lang: Lang) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => onChange(l)}>
          {l === 'vi' ? 'VI' : 'EN'}
          <span className="visually-hidden"> – {t(`lang.${l}`)}</span>
        </button>
      ))}
    </div>
  );
}
