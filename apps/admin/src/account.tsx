import { type SessionUser, useSignOut } from '@fareway/api-client';
import { AccountBar } from '@fareway/ui';

/** The header corner: the admin's name and email, and Sign out. */
export function AdminAccount({ user }: { user: SessionUser }) {
  const signOut = useSignOut();
  const label = user.email ?? user.phone ?? 'Signed in';
  return (
    <AccountBar
      name={user.name ?? label}
      detail={user.name ? label : null}
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      error={signOut.isError ? 'Could not sign out; try again' : null}
    />
  );
}
