import { type SessionUser, useSession } from '@fareway/api-client';
import { Alert, AppShell, Button } from '@fareway/ui';
import { type ErrorComponentProps, Link, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AdminAccount } from './account';
import { OfficeGate, OfficeNav } from './operator/office-gate';
import { OperatorSignIn } from './operator/operator-sign-in';
import { SignInPage } from './sign-in-page';
import './app.css';

function Shell({ account, nav, children }: { account?: ReactNode; nav?: ReactNode; children: ReactNode }) {
  return (
    <AppShell
      brand={<Link to="/">Fareway Admin</Link>}
      nav={
        nav ??
        (account ? (
          <>
            <Link to="/" activeOptions={{ exact: true }}>
              Dashboard
            </Link>
            <Link to="/drivers">Drivers</Link>
            <Link to="/vehicles">Vehicles</Link>
            <Link to="/operators">Operators</Link>
            <Link to="/ledger">Ledger</Link>
            <Link to="/users">Users</Link>
            <Link to="/bookings">Bookings</Link>
            <Link to="/payments">Payments</Link>
            <Link to="/settlements">Settlements</Link>
            <Link to="/jobs">Jobs</Link>
            <Link to="/audit">Audit</Link>
            <Link to="/notifications">Notifications</Link>
          </>
        ) : null)
      }
      account={account}
    >
      {children}
    </AppShell>
  );
}

export function NotFoundPage() {
  return (
    <>
      <h1 className="admin-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}

/** Shown while a page's code is loading. */
export function RoutePending() {
  return (
    <p className="fw-muted" role="status">
      Loading…
    </p>
  );
}

/** A page that failed to load or render: say so and offer a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Alert title="This page could not be shown">
      <p>{error instanceof Error ? error.message : 'Something went wrong.'}</p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </Alert>
  );
}

function isAdmin(user: SessionUser): boolean {
  return user.roles.includes('admin');
}

/** Every console page: the session decides between sign-in, "not an admin" and the page itself. */
export function ConsoleLayout() {
  const session = useSession();

  if (session.isLoading) {
    return (
      <Shell>
        <p className="fw-muted" role="status">
          Checking your session…
        </p>
      </Shell>
    );
  }

  if (!session.user) {
    return (
      <Shell>
        {session.error ? (
          <div className="admin-auth-problem">
            <Alert title="Could not check your session">
              <p>{session.error.message}</p>
              <Button variant="secondary" onClick={() => void session.refetch()}>
                Try again
              </Button>
            </Alert>
          </div>
        ) : null}
        <SignInPage />
        <OperatorSignIn />
      </Shell>
    );
  }

  // Operator staff, and anyone signed in who is neither (they may apply as an operator): the operator office.
  if (!isAdmin(session.user)) {
    return (
      <Shell account={<AdminAccount user={session.user} />} nav={<OfficeNav />}>
        <OfficeGate />
      </Shell>
    );
  }

  return (
    <Shell account={<AdminAccount user={session.user} />}>
      <Outlet />
    </Shell>
  );
}
