import { useI18n } from '../i18n.js';

/** Switches the interface between Vietnamese and English; its text is in the language it switches to. */
export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      class="secondary"
      lang={other}
      aria-label={t('languageLabel')}
      onClick={() => setLang(other)}
    >
      {t('language')}
    </button>
  );
}
