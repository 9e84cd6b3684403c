import { useTRPC } from '@fareway/api-client';
import { Card, Fact, Facts, formatDateTime, formatMoney, SelectField, SystemStatusCard } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useState } from 'react';

// The chart library is a chunk of its own, loaded once the figures are in.
const DashboardCharts = lazy(() => import('./dashboard-charts').then((m) => ({ default: m.DashboardCharts })));

const percent = (rate: number | null) => (rate === null ? 'no decided holds yet' : `${Math.round(rate * 1000) / 10} %`);

/** The cockpit: what happened (bookings, money), what is live, what failed, what waits for an administrator. */
export function DashboardPage() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.admin.dashboard.queryOptions(undefined, { refetchInterval: 30_000 }));
  const status = useQuery(trpc.system.fullStatus.queryOptions(undefined, { refetchInterval: 10_000 }));
  const balance = useQuery(trpc.ledger.trialBalance.queryOptions());
  const [picked, setPicked] = useState<string | null>(null);
  const unbalanced = balance.data?.totals.filter((t) => t.balanceMinor !== 0).length ?? 0;
  const data = stats.data;
  const currencies = data?.revenue.map((r) => r.currency) ?? [];
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const value = (render: (d: NonNullable<typeof data>) => ReactNode) =>
    stats.error ? `could not load (${stats.error.message})` : data ? render(data) : '…';

  return (
    <>
      <h1 className="admin-title">Dashboard</h1>
      <div className="admin-grid">
        <Card title="Bookings (paid, by day made, UTC)">
          <Facts>
            <Fact label="Today">{value((d) => d.bookings.today)}</Fact>
            <Fact label="Last 7 days">{value((d) => d.bookings.last7Days)}</Fact>
            <Fact label="Last 30 days">{value((d) => d.bookings.last30Days)}</Fact>
            <Fact label="Live holds">{value((d) => d.liveHolds)}</Fact>
            <Fact label="Hold → paid">
              {value((d) => `${percent(d.conversion.rate)} (${d.conversion.paid} of ${d.conversion.settledHolds})`)}
            </Fact>
          </Facts>
        </Card>
        <Card title="Revenue, last 30 days (captured − refunds)">
          {!data ? (
            <p>{value(() => null)}</p>
          ) : data.revenue.length === 0 ? (
            <p className="fw-muted">No money captured in 30 days.</p>
          ) : (
            <Facts>
              {data.revenue.map((r) => (
                <Fact key={r.currency} label={r.currency}>
                  {formatMoney(r.netMinor, r.currency)}{' '}
                  <span className="fw-muted admin-hint">
                    ({formatMoney(r.capturedMinor, r.currency)} − {formatMoney(r.refundedMinor, r.currency)})
                  </span>
                </Fact>
              ))}
            </Facts>
          )}
        </Card>
        <Card title="Waiting for you">
          <ul className="admin-queue">
            <li>
              <Link to="/drivers">Driver applications</Link> <strong>{value((d) => d.pendingApprovals.drivers)}</strong>
            </li>
            <li>
              <Link to="/vehicles">Vehicles to review</Link> <strong>{value((d) => d.pendingApprovals.vehicles)}</strong>
            </li>
            <li>
              <Link to="/operators">Operators to approve</Link> <strong>{value((d) => d.pendingApprovals.operators)}</strong>
            </li>
            <li>
              <Link to="/payments" search={{ status: 'failed' }}>
                Failed payments (7 days)
              </Link>{' '}
              <strong>{value((d) => d.failedPayments)}</strong>
            </li>
            <li>
              <Link to="/jobs">Failing jobs</Link> <strong>{value((d) => d.failingJobs)}</strong>
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
      {data ? (
        <div className="admin-below">
          <Card title="Last 30 days">
            {currencies.length > 1 ? (
              <SelectField
                label="Revenue currency"
                value={currency ?? ''}
                onChange={(e) => setPicked(e.target.value)}
                options={currencies.map((c) => ({ value: c, label: c }))}
              />
            ) : null}
            <Suspense
              fallback={
                <p className="fw-muted" role="status">
                  Loading charts…
                </p>
              }
            >
              <DashboardCharts days={data.days} currency={currency} />
            </Suspense>
            <p className="fw-muted admin-hint">Figures as of {formatDateTime(data.generatedAt, 'UTC')}; they may lag by up to 30 s.</p>
          </Card>
        </div>
      ) : null}
    </>
  );
}
