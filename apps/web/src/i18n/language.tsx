import { isLanguage, LANGUAGES, type Language, useSession, useTRPC } from '@fareway/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, i18next, storedLanguage, storeLanguage } from './i18n';

/** Each language named in itself, so a reader finds theirs whatever is on screen. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', si: 'සිංහල', ta: 'தமிழ்' };

/** Saves a signed-in user's language on the profile (PATCH /api/v1/auth/me), then refreshes the session. */
function useSaveLanguage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
    }),
  );
}

/**
 * The session decides the language once it is known: a profile's language wins
 * over this browser's; a profile without one takes the language chosen here
 * before signing in (remembered from then on).
 */
export function useLanguageSync(): void {
  const session = useSession();
  const save = useSaveLanguage();
  const userId = session.user?.id;
  const profileLanguage = session.user?.locale;
  const { mutate } = save;
  useEffect(() => {
    if (userId === undefined) return;
    if (isLanguage(profileLanguage)) {
      storeLanguage(profileLanguage);
      if (profileLanguage !== currentLanguage()) void i18next.changeLanguage(profileLanguage);
      return;
    }
    const chosen = storedLanguage();
    if (chosen) mutate({ locale: chosen });
  }, [userId, profileLanguage, mutate]);
}

/** The header's language menu (also in the phone menu); the choice is kept here and on the profile when signed in. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const save = useSaveLanguage();
  const id = useId();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!isLanguage(next)) return;
    storeLanguage(next);
    void i18next.changeLanguage(next);
    if (session.user) save.mutate({ locale: next });
  };
  return (
    <span className="web-language">
      <label htmlFor={id} className="web-language__label">
        {t('language.label')}
      </label>
      <select id={id} className="web-language__select" value={language} onChange={choose}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      {save.isError ? (
        <span role="alert" className="web-language__error">
          {t('language.saveFailed')}
        </span>
      ) : null}
    </span>
  );
}
