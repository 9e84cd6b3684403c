import { type SessionUser, useSignOut } from '@fareway/api-client';
import { Alert, Button, formatPhone } from '@fareway/ui';
import { useId } from 'react';

/** A signed-in user without the admin role: say so, and offer to sign out (to sign in as someone else). */
export function NotAdminPage({ user }: { user: SessionUser }) {
  const signOut = useSignOut();
  const headingId = useId();
  const who = user.email ?? (user.phone ? formatPhone(user.phone) : null) ?? user.name ?? 'this account';
  return (
    <section className="fw-card admin-auth" aria-labelledby={headingId}>
      <h1 id={headingId} className="admin-auth__title">
        This console is for administrators
      </h1>
      <p className="admin-auth__lead">
        You are signed in as <strong>{who}</strong>, which is not an administrator account. Sign out, then sign in with an administrator
        account; or go to the <a href="/">Fareway app</a>.
      </p>
      {signOut.isError ? <Alert>Could not sign out; try again</Alert> : null}
      <div className="fw-form__actions">
        <Button busy={signOut.isPending} busyLabel="Signing out…" onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </div>
    </section>
  );
}
