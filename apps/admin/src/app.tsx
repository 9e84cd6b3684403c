import { type SessionUser, useSession, useTRPC } from '@fareway/api-client';
import { Alert, AppShell, Button, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AdminAccount } from './account';
import { NotAdminPage } from './not-admin-page';
import { SignInPage } from './sign-in-page';
import './app.css';

function Shell({ account, children }: { account?: ReactNode; children: ReactNode }) {
  return (
    <AppShell
      productName="Fareway Admin"
      homeHref={import.meta.env.BASE_URL}
      nav={
        account ? (
          <a href={import.meta.env.BASE_URL} aria-current="page">
            Dashboard
          </a>
        ) : null
      }
      account={account}
    >
      {children}
    </AppShell>
  );
}

function Dashboard() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000 }));
  return (
    <>
      <h1 className="admin-title">Dashboard</h1>
      <div className="admin-grid">
        <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
      </div>
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
      <Dashboard />
    </Shell>
  );
}
