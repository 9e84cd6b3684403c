import { QueryState, useTRPC } from '@fareway/api-client';
import { Alert, Card, Fact, Facts, formatMoney, humanize, StatusBadge } from '@fareway/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { SignInGate } from '../lib/sign-in-gate';

const OPEN = new Set(['initiated', 'pending']);

/**
 * A payment's own page (`/payments/<id>`; older returns to `/?payment=<id>` land here): the payment's
 * status, looked at again every couple of seconds until the webhook settles
 * it, then a way on to the booking or the wallet.
 */
const route = getRouteApi('/payments/$id');

export function PaymentReturnPage() {
  const { id } = route.useParams();
  return (
    <div className="web-page">
      <h1 className="fw-page-title">Your payment</h1>
      <SignInGate reason="Sign in to see this payment.">{() => <PaymentStatus id={id} />}</SignInGate>
    </div>
  );
}

function PaymentStatus({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const payment = useQuery(
    trpc.payments.get.queryOptions(
      { id },
      { refetchInterval: (query) => (OPEN.has(query.state.data?.status ?? 'initiated') ? 2_000 : false) },
    ),
  );
  const settled = payment.data !== undefined && !OPEN.has(payment.data.status);

  // Once settled, what the payment changed (a booking, the wallet) is stale here.
  useEffect(() => {
    if (!settled) return;
    void queryClient.invalidateQueries(trpc.bookings.pathFilter());
    void queryClient.invalidateQueries(trpc.wallet.pathFilter());
  }, [settled, queryClient, trpc]);

  return (
    <QueryState query={payment} what="the payment">
      {(p) => {
        const back =
          p.purpose === 'top_up' ? (
            <Link to="/wallet">Go to your wallet</Link>
          ) : p.bookingId ? (
            <Link to="/bookings/$id" params={{ id: p.bookingId }}>
              Go to your booking
            </Link>
          ) : null;
        return (
          <div className="fw-stack web-narrow">
            {p.status === 'completed' ? (
              <Alert variant="info" title="Payment received">
                <p>
                  {p.purpose === 'top_up' ? 'Your wallet has been topped up.' : 'Your booking is confirmed.'} {back}
                </p>
              </Alert>
            ) : p.status === 'failed' ? (
              <Alert title="The payment did not go through">
                <p>
                  {p.failureReason ?? 'The payment was declined.'} {back ? <>Nothing was charged. {back} to try again.</> : null}
                </p>
              </Alert>
            ) : OPEN.has(p.status) ? (
              <Alert variant="info" title="Waiting for the payment provider">
                <p role="status">We are waiting for the provider to confirm; this page updates by itself.</p>
              </Alert>
            ) : (
              <Alert variant="info">
                <p>
                  This payment is {humanize(p.status).toLowerCase()}. {back}
                </p>
              </Alert>
            )}
            <Card title="Payment">
              <Facts>
                <Fact label="Status">
                  <StatusBadge
                    variant={p.status === 'completed' ? 'ok' : p.status === 'failed' ? 'down' : OPEN.has(p.status) ? 'warn' : 'neutral'}
                  >
                    {humanize(p.status)}
                  </StatusBadge>
                </Fact>
                <Fact label="Amount">{formatMoney(p.amountMinor, p.currency)}</Fact>
                <Fact label="For">{p.purpose === 'top_up' ? 'Wallet top-up' : 'Booking'}</Fact>
                <Fact label="Provider">{humanize(p.provider)}</Fact>
                {p.refundedMinor > 0 ? <Fact label="Refunded">{formatMoney(p.refundedMinor, p.currency)}</Fact> : null}
              </Facts>
            </Card>
          </div>
        );
      }}
    </QueryState>
  );
}
