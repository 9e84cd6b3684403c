import { type SessionUser, useSession } from '@fareway/api-client';
import { Alert, Button } from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInCard } from './sign-in-card';

/** Renders `children(user)` for a signed-in user; otherwise says why and offers the phone sign-in in place. */
export function SignInGate({ reason, children }: { reason: string; children: (user: SessionUser) => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isLoading) {
    return (
      <p className="fw-muted fw-loading" role="status">
        {t('session.checking')}
      </p>
    );
  }
  if (session.user) return <>{children(session.user)}</>;
  return (
    <div className="web-gate">
      {session.error ? (
        <Alert title={t('session.checkFailed')}>
          <p>{session.error.message}</p>
          <Button variant="secondary" onClick={() => void session.refetch()}>
            {t('route.tryAgain')}
          </Button>
        </Alert>
      ) : (
        <Alert variant="info">{reason}</Alert>
      )}
      <SignInCard />
      <EmailSignInLink />
    </div>
  );
}

/** Customers who registered with an email sign in on the register page. */
function EmailSignInLink() {
  const { t } = useTranslation('register');
  return (
    <p>
      <Link to="/register">{t('link')}</Link>
    </p>
  );
}
