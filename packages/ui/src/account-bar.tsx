import type { ReactNode } from 'react';
import { Button } from './button';

export interface AccountBarProps {
  /** Who is signed in: a name, else an email or phone number. */
  name: ReactNode;
  /** A second, quieter line (the email or phone when `name` is a display name). */
  detail?: ReactNode;
  onSignOut: () => void;
  /** The sign-out request is under way. */
  signingOut?: boolean;
  /** Why signing out failed, if it did. */
  error?: ReactNode;
  /** The button's words in the app's language ("Sign out", "Signing out…"). */
  labels?: { signOut: string; signingOut: string };
}

/** The header's account corner (AppShell `account` slot): who is signed in, and a Sign out button. */
export function AccountBar({
  name,
  detail,
  onSignOut,
  signingOut = false,
  error,
  labels = { signOut: 'Sign out', signingOut: 'Signing out…' },
}: AccountBarProps) {
  return (
    <div className="fw-account">
      <span className="fw-account__who">
        <span className="fw-account__name">{name}</span>
        {detail ? <span className="fw-account__detail">{detail}</span> : null}
      </span>
      <Button variant="secondary" className="fw-account__sign-out" busy={signingOut} busyLabel={labels.signingOut} onClick={onSignOut}>
        {labels.signOut}
      </Button>
      {error ? (
        <span role="alert" className="fw-account__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
