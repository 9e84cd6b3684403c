import { PhoneSignIn, type PhoneSignInWords } from '@fareway/api-client';
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';

/** The shared phone sign-in card (`@fareway/api-client`) in the user's language (`signIn` namespace). */
export function SignInCard() {
  const { t, i18n } = useTranslation('signIn');
  const language = i18n.resolvedLanguage;
  const words = useMemo<PhoneSignInWords>(
    () => ({
      title: t('title'),
      lead: t('lead'),
      codeWrong: t('codeWrong'),
      codeDigits: t('codeDigits'),
      tooManyCodes: (wait) => t('tooManyCodes', { wait }),
      canAskAgain: t('canAskAgain'),
      haveCode: t('haveCode'),
      enterIt: t('enterIt'),
      phoneLabel: t('phoneLabel'),
      phoneHint: t('phoneHint'),
      phoneInvalid: t('phoneInvalid'),
      sendingCode: t('sendingCode'),
      sendCode: t('sendCode'),
      codeExpired: t('codeExpired'),
      suspended: t('suspended'),
      codeOnItsWay: (phone) => <Trans t={t} i18nKey="codeOnItsWay" values={{ phone }} components={{ strong: <strong /> }} />,
      codeLifetime: (wait) => t('codeLifetime', { wait }),
      codeLabel: t('codeLabel'),
      checking: t('checking'),
      signIn: t('signIn'),
      sending: t('sending'),
      resendIn: (seconds) => t('resendIn', { seconds }),
      resend: t('resend'),
      notYou: (phone) => t('notYou', { phone }),
      anotherNumber: t('anotherNumber'),
    }),
    // `t` changes with the language; keyed on the language too to be explicit.
    [t, language],
  );
  return <PhoneSignIn className="web-sign-in" words={words} />;
}
