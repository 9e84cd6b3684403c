import { useSession } from '@fareway/api-client';
import { Alert, Button } from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SignInCard } from './lib/sign-in-card';

/** The landing page: what Fareway does, the two ways in, and sign-in for newcomers. */
export function HomePage() {
  const { t } = useTranslation(['home', 'common']);
  const session = useSession();
  return (
    <div className="web-landing">
      <section className="web-hero" aria-labelledby="web-hero-title">
        <h1 id="web-hero-title" className="web-hero__title">
          {t('title')}
        </h1>
        <p className="web-hero__lead">{t('lead')}</p>
        <div className="web-hero__actions">
          <Link to="/cars" className="fw-button fw-button--primary">
            {t('rentCar')}
          </Link>
          <Link to="/bus" className="fw-button fw-button--secondary">
            {t('busTickets')}
          </Link>
        </div>
      </section>
      {session.isLoading || session.isSignedIn ? null : (
        <div className="web-landing__aside">
          {session.error ? (
            <Alert title={t('common:session.checkFailed')}>
              <p>{session.error.message}</p>
              <Button variant="secondary" onClick={() => void session.refetch()}>
                {t('common:route.tryAgain')}
              </Button>
            </Alert>
          ) : null}
          <SignInCard />
        </div>
      )}
    </div>
  );
}
