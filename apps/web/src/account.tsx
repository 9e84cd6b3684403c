import { type SessionUser, useSignOut } from '@fareway/api-client';
import { AccountBar, formatPhone } from '@fareway/ui';
import { useTranslation } from 'react-i18next';

/** The header corner: the customer's name and phone, and Sign out. */
export function WebAccount({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const contact = user.phone ? formatPhone(user.phone) : (user.email ?? t('account.signedIn'));
  return (
    <AccountBar
      name={user.name ?? contact}
      detail={user.name ? contact : null}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      error={signOut.isError ? t('account.signOutFailed') : null}
      labels={{ signOut: t('account.signOut'), signingOut: t('account.signingOut') }}
    />
  );
}
