import { type AppErrorCode, appErrorCode, retryAfterSeconds, useCompleteSignIn, useTRPC } from '@fareway/api-client';
import { Alert, Button, formatWait, TextField, useCountdown } from '@fareway/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';

/** What to tell an administrator whose sign-in failed; `wait` is the lockout still to run, in seconds. */
function signInErrorMessage(code: AppErrorCode | undefined, serverMessage: string, wait: number): string {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return 'Email or password is not right';
    case 'RATE_LIMITED':
      return wait > 0 ? `Too many attempts; try again in ${formatWait(wait)}` : 'Too many attempts; you can try again now';
    case 'ACCOUNT_SUSPENDED':
      return 'This account is suspended; another administrator can restore it';
    case 'VALIDATION_ERROR':
      return 'Enter your email address and your password';
    case undefined:
      return 'Could not reach Fareway; check your connection and try again';
    default:
      return serverMessage;
  }
}

/** Email + password sign-in for the admin console. Success sets the session cookie; `useSession()` then shows the console. */
export function SignInPage() {
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const headingId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const wait = useCountdown(lockedUntil);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (signedIn) => {
        setPassword('');
        await completeSignIn(signedIn);
      },
      onError: (error) => {
        const seconds = retryAfterSeconds(error);
        setLockedUntil(appErrorCode(error) === 'RATE_LIMITED' && seconds !== undefined ? Date.now() + seconds * 1000 : null);
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending || wait > 0) return;
    login.mutate({ email: email.trim(), password });
  }

  const error = login.error;
  return (
    <section className="fw-card admin-auth" aria-labelledby={headingId}>
      <h1 id={headingId} className="admin-auth__title">
        Sign in
      </h1>
      <p className="admin-auth__lead">Administrators, and operator staff with an email account: use your email address and password.</p>
      <form className="fw-form" onSubmit={onSubmit}>
        {error ? <Alert>{signInErrorMessage(appErrorCode(error), error.message, wait)}</Alert> : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="fw-form__actions">
          <Button type="submit" busy={login.isPending} busyLabel="Signing in…" disabled={wait > 0}>
            Sign in
          </Button>
        </div>
      </form>
    </section>
  );
}
