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
}

/** The header's account corner (AppShell `account` slot): who is signed in, and a Sign out button. */
export function AccountBar({ name, detail, onSignOut, signingOut = false, error }: AccountBarProps) {
  return (
    <div className="fw-account">
      <span className="fw-account__who">
        <span className="fw-account__name">{name}</span>
        {detail ? <span className="fw-account__detail">{detail}</span> : null}
      </span>
      <Button variant="secondary" className="fw-account__sign-out" busy={signingOut} busyLabel="Signing out…" onClick={onSignOut}>
        Sign out
      </Button>
      {error ? (
        <span role="alert" className="fw-account__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
