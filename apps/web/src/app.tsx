import { useSession, useTRPC } from '@fareway/api-client';
import { Alert, AppShell, Button, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { WebAccount } from './account';
import { PhoneSignIn } from './phone-sign-in';
import './app.css';

export function App() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000 }));
  const session = useSession();

  return (
    <AppShell
      productName="Fareway"
      account={session.user ? <WebAccount user={session.user} /> : null}
      footer={
        <div className="web-status">
          <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
        </div>
      }
    >
      <div className="web-landing">
        <section className="web-hero" aria-labelledby="web-hero-title">
          <h1 id="web-hero-title" className="web-hero__title">
            Book a car or a seat
          </h1>
          <p className="web-hero__lead">Rental cars and travel seats, booked and paid for in one place.</p>
        </section>
        {session.isLoading || session.isSignedIn ? null : (
          <div className="web-landing__aside">
            {session.error ? (
              <Alert title="Could not check whether you are signed in">
                <p>{session.error.message}</p>
                <Button variant="secondary" onClick={() => void session.refetch()}>
                  Try again
                </Button>
              </Alert>
            ) : null}
            <PhoneSignIn />
          </div>
        )}
      </div>
    </AppShell>
  );
}
