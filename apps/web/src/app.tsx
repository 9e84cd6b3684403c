import { useTRPC } from '@fareway/api-client';
import { AppShell, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import './app.css';

export function App() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 10_000 }));

  return (
    <AppShell
      productName="Fareway"
      footer={
        <div className="web-status">
          <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
        </div>
      }
    >
      <section className="web-hero" aria-labelledby="web-hero-title">
        <h1 id="web-hero-title" className="web-hero__title">
          Book a car or a seat
        </h1>
        <p className="web-hero__lead">Rental cars and travel seats, booked and paid for in one place.</p>
      </section>
    </AppShell>
  );
}
