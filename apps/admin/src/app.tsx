import { useTRPC } from '@fareway/api-client';
import { AppShell, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import './app.css';

export function App() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000 }));

  return (
    <AppShell
      productName="Fareway Admin"
      homeHref={import.meta.env.BASE_URL}
      nav={
        <a href={import.meta.env.BASE_URL} aria-current="page">
          Dashboard
        </a>
      }
    >
      <h1 className="admin-title">Dashboard</h1>
      <div className="admin-grid">
        <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
      </div>
    </AppShell>
  );
}
