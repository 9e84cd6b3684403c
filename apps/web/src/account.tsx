import { type SessionUser, useSignOut } from '@fareway/api-client';
import { AccountBar, formatPhone } from '@fareway/ui';

/** The header corner: the customer's name and phone, and Sign out. */
export function WebAccount({ user }: { user: SessionUser }) {
  const signOut = useSignOut();
  const contact = user.phone ? formatPhone(user.phone) : (user.email ?? 'Signed in');
  return (
    <AccountBar
      name={user.name ?? contact}
      detail={user.name ? contact : null}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      error={signOut.isError ? 'Could not sign out; try again' : null}
    />
  );
}
