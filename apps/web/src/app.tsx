import { useSession, useTRPC } from '@fareway/api-client';
import { AppShell, Link, SystemStatusCard, useRouter } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { WebAccount } from './account';
import { renderRoute } from './routes';
import './app.css';

export function App() {
  const trpc = useTRPC();
  const router = useRouter();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000, enabled: router.path === '/' }));
  const session = useSession();
  const isDriver = session.user?.roles.includes('driver') ?? false;

  return (
    <AppShell
      productName="Fareway"
      nav={
        <>
          <Link to="/cars" current="prefix">
            Cars
          </Link>
          <Link to="/bus" current="prefix">
            Bus
          </Link>
          <Link to="/bookings" current="prefix">
            My bookings
          </Link>
          <Link to="/wallet" current="prefix">
            Wallet
          </Link>
          <Link to="/driver" current="prefix">
            {isDriver ? 'My cars' : 'Drive'}
          </Link>
        </>
      }
      account={session.user ? <WebAccount user={session.user} /> : null}
      footer={
        router.path === '/' ? (
          <div className="web-status">
            <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
          </div>
        ) : null
      }
    >
      {renderRoute(router.path, router.search)}
    </AppShell>
  );
}
