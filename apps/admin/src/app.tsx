import { type SessionUser, useSession } from '@fareway/api-client';
import { Alert, AppShell, Button, Link, matchPath, useRouter } from '@fareway/ui';
import type { ReactNode } from 'react';
import { AdminAccount } from './account';
import { DashboardPage } from './dashboard-page';
import { DriverApplicationsPage } from './driver-applications-page';
import { LedgerPage } from './ledger-page';
import { NotAdminPage } from './not-admin-page';
import { OperatorsPage } from './operators-page';
import { SignInPage } from './sign-in-page';
import { UsersPage } from './users-page';
import { VehicleReviewPage } from './vehicle-review-page';
import './app.css';

function Shell({ account, children }: { account?: ReactNode; children: ReactNode }) {
  return (
    <AppShell
      productName="Fareway Admin"
      homeHref={import.meta.env.BASE_URL}
      nav={
        account ? (
          <>
            <Link to="/" current="exact">
              Dashboard
            </Link>
            <Link to="/drivers" current="prefix">
              Drivers
            </Link>
            <Link to="/vehicles" current="prefix">
              Vehicles
            </Link>
            <Link to="/operators" current="prefix">
              Operators
            </Link>
            <Link to="/ledger" current="prefix">
              Ledger
            </Link>
            <Link to="/users" current="prefix">
              Users
            </Link>
          </>
        ) : null
      }
      account={account}
    >
      {children}
    </AppShell>
  );
}

/** The console's pages, first match wins. */
function Page({ user }: { user: SessionUser }) {
  const { path } = useRouter();
  const pages: Array<[string, () => ReactNode]> = [
    ['/', () => <DashboardPage />],
    ['/drivers', () => <DriverApplicationsPage />],
    ['/vehicles', () => <VehicleReviewPage />],
    ['/operators', () => <OperatorsPage />],
    ['/ledger', () => <LedgerPage />],
    ['/users', () => <UsersPage me={user} />],
  ];
  for (const [pattern, render] of pages) if (matchPath(pattern, path)) return <div key={pattern}>{render()}</div>;
  return (
    <>
      <h1 className="admin-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}

function isAdmin(user: SessionUser): boolean {
  return user.roles.includes('admin');
}

export function App() {
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
      </Shell>
    );
  }

  if (!isAdmin(session.user)) {
    return (
      <Shell>
        <NotAdminPage user={session.user} />
      </Shell>
    );
  }

  return (
    <Shell account={<AdminAccount user={session.user} />}>
      <Page user={session.user} />
    </Shell>
  );
}
