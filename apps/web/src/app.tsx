import { useSession } from '@fareway/api-client';
import { Alert, AppShell, Button } from '@fareway/ui';
import { type ErrorComponentProps, Link, Outlet } from '@tanstack/react-router';
import { WebAccount } from './account';
import './app.css';

/** The frame of every page: header with the navigation (a menu on phones), the account corner, the page. */
export function RootLayout() {
  const session = useSession();
  const isDriver = session.user?.roles.includes('driver') ?? false;

  return (
    <AppShell
      brand={<Link to="/">Fareway</Link>}
      nav={
        <>
          <Link to="/cars">Cars</Link>
          <Link to="/bus">Bus</Link>
          <Link to="/bookings">My bookings</Link>
          <Link to="/wallet">Wallet</Link>
          <Link to="/driver">{isDriver ? 'My cars' : 'Drive'}</Link>
        </>
      }
      account={session.user ? <WebAccount user={session.user} /> : null}
    >
      <Outlet />
    </AppShell>
  );
}

/** Shown while a page's code is loading (only on a slow connection: it waits a moment first). */
export function RoutePending() {
  return (
    <p className="fw-muted fw-loading" role="status">
      Loading…
    </p>
  );
}

/** A page that failed to load or render: say so and offer a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <div className="web-page">
      <Alert title="This page could not be shown">
        <p>{error instanceof Error ? error.message : 'Something went wrong.'}</p>
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      </Alert>
    </div>
  );
}
