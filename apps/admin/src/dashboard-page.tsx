import { useTRPC } from '@fareway/api-client';
import { Card, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';

/** What waits for an administrator, and the system's health. */
export function DashboardPage() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.fullStatus.queryOptions(undefined, { refetchInterval: 10_000 }));
  const drivers = useQuery(trpc.drivers.listApplications.queryOptions({ status: 'pending', limit: 1 }));
  const vehicles = useQuery(trpc.vehicles.listForReview.queryOptions({ status: 'pending_review', limit: 1 }));
  const operators = useQuery(trpc.organizations.list.queryOptions({ status: 'pending', limit: 1 }));
  const balance = useQuery(trpc.ledger.trialBalance.queryOptions());
  const unbalanced = balance.data?.totals.filter((t) => t.balanceMinor !== 0).length ?? 0;

  const count = (query: { data?: { meta: { total: number } }; error: { message: string } | null; isPending: boolean }) =>
    query.error ? `could not load (${query.error.message})` : query.isPending ? '…' : String(query.data?.meta.total ?? 0);

  return (
    <>
      <h1 className="admin-title">Dashboard</h1>
      <div className="admin-grid">
        <Card title="Waiting for you">
          <ul className="admin-queue">
            <li>
              <Link to="/drivers">Driver applications</Link> <strong>{count(drivers)}</strong>
            </li>
            <li>
              <Link to="/vehicles">Vehicles to review</Link> <strong>{count(vehicles)}</strong>
            </li>
            <li>
              <Link to="/operators">Operators to approve</Link> <strong>{count(operators)}</strong>
            </li>
            <li>
              <Link to="/ledger">Ledger</Link>{' '}
              <strong>
                {balance.error
                  ? `could not load (${balance.error.message})`
                  : balance.isPending
                    ? '…'
                    : unbalanced === 0
                      ? 'balanced'
                      : `${unbalanced} currency totals off`}
              </strong>
            </li>
          </ul>
        </Card>
        <SystemStatusCard status={status.data} isLoading={status.isPending} error={status.error} />
      </div>
    </>
  );
}
