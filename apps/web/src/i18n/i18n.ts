import { isLanguage, LANGUAGES, type Language, setMessageLanguage } from '@fareway/api-client';
import { localeForLanguage, setFormatLocale } from '@fareway/ui';
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { en, NAMESPACES } from './resources';

/** Where a signed-out visitor's choice is kept (a signed-in user's lives on the profile). */
export const LANGUAGE_STORAGE_KEY = 'fareway.language';

/** Sinhala and Tamil arrive as their own chunks, only when chosen, so the first load stays small. */
const LAZY_LANGUAGES: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  si: () => import('../locales/si'),
  ta: () => import('../locales/ta'),
};

async function loadNamespace(language: string, namespace: string): Promise<Record<string, unknown>> {
  if (language !== 'si' && language !== 'ta') return {};
  const { default: files } = await LAZY_LANGUAGES[language]();
  return files[`./${language}/${namespace}.json`] ?? {};
}

/** The stored choice of this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage blocked (private mode): English until chosen
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

/** The app's language as a Language ('en' while i18next is on anything else). */
export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'en';
}

/** Dates, money and error sentences follow the language, and so does `<html lang>` (screen readers, fonts). */
function followLanguage(language: string): void {
  const chosen: Language = isLanguage(language) ? language : 'en';
  setFormatLocale(localeForLanguage(chosen));
  setMessageLanguage(chosen);
  if (typeof document !== 'undefined') document.documentElement.lang = chosen;
}

/**
 * Starts i18next once, in the language stored in this browser (English when
 * none), and resolves when that language's strings are loaded, so the first
 * paint is already in it. The profile's language is applied once the session
 * is known (`useLanguageSync`).
 */
export async function initI18n(language: Language = storedLanguage() ?? 'en'): Promise<typeof i18next> {
  if (i18next.isInitialized) return i18next;
  i18next.on('languageChanged', followLanguage);
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend(loadNamespace))
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES,
      ns: NAMESPACES,
      defaultNS: 'common',
      resources: { en },
      // English is bundled; the backend fetches the others.
      partialBundledLanguages: true,
      // React escapes what it renders.
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  followLanguage(i18next.language);
  return i18next;
}

export { i18next };
