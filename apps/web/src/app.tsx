import { useSession } from '@fareway/api-client';
import { Alert, AppShell, Button, UiLabelsProvider } from '@fareway/ui';
import { type ErrorComponentProps, Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { WebAccount } from './account';
import { LanguagePicker, useLanguageSync } from './i18n/language';
import { useTranslatedUiLabels } from './i18n/ui-labels';
import './app.css';

/** The frame of every page: header with the navigation (a menu on phones), the language, the account corner, the page. */
export function RootLayout() {
  const { t } = useTranslation();
  const session = useSession();
  useLanguageSync();
  const uiLabels = useTranslatedUiLabels();
  const isDriver = session.user?.roles.includes('driver') ?? false;

  return (
    <UiLabelsProvider value={uiLabels}>
      <AppShell
        brand={<Link to="/">{t('brand')}</Link>}
        labels={{ menu: t('nav.menu'), nav: t('nav.label') }}
        nav={
          <>
            <Link to="/cars">{t('nav.cars')}</Link>
            <Link to="/bus">{t('nav.bus')}</Link>
            <Link to="/bookings">{t('nav.bookings')}</Link>
            <Link to="/wallet">{t('nav.wallet')}</Link>
            <Link to="/driver">{isDriver ? t('nav.myCars') : t('nav.drive')}</Link>
          </>
        }
        account={
          <>
            <LanguagePicker />
            {session.user ? <WebAccount user={session.user} /> : null}
          </>
        }
      >
        <Outlet />
      </AppShell>
    </UiLabelsProvider>
  );
}

/** Shown while a page's code is loading (only on a slow connection: it waits a moment first). */
export function RoutePending() {
  const { t } = useTranslation();
  return (
    <p className="fw-muted fw-loading" role="status">
      {t('route.loading')}
    </p>
  );
}

/** A page that failed to load or render: say so and offer a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="web-page">
      <Alert title={t('route.errorTitle')}>
        <p>{error instanceof Error ? error.message : t('route.somethingWrong')}</p>
        <Button variant="secondary" onClick={reset}>
          {t('route.tryAgain')}
        </Button>
      </Alert>
    </div>
  );
}
