import { QueryState, useTRPC } from '@fareway/api-client';
import { Alert, Card, Fact, Facts, formatMoney, humanize, StatusBadge } from '@fareway/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';

const OPEN = new Set(['initiated', 'pending']);

/**
 * A payment's own page (`/payments/<id>`; older returns to `/?payment=<id>` land here): the payment's
 * status, looked at again every couple of seconds until the webhook settles
 * it, then a way on to the booking or the wallet.
 */
const route = getRouteApi('/payments/$id');

export function PaymentReturnPage() {
  const { t } = useTranslation('payment');
  const { id } = route.useParams();
  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('title')}</h1>
      <SignInGate reason={t('signIn')}>{() => <PaymentStatus id={id} />}</SignInGate>
    </div>
  );
}

function PaymentStatus({ id }: { id: string }) {
  const { t } = useTranslation(['payment', 'common']);
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
    <QueryState query={payment} what={t('what')}>
      {(p) => {
        const back =
          p.purpose === 'top_up' ? (
            <Link to="/wallet">{t('toWallet')}</Link>
          ) : p.bookingId ? (
            <Link to="/bookings/$id" params={{ id: p.bookingId }}>
              {t('toBooking')}
            </Link>
          ) : null;
        return (
          <div className="fw-stack web-narrow">
            {p.status === 'completed' ? (
              <Alert variant="info" title={t('received')}>
                <p>
                  {p.purpose === 'top_up' ? t('toppedUp') : t('confirmed')} {back}
                </p>
              </Alert>
            ) : p.status === 'failed' ? (
              <Alert title={t('failed')}>
                <p>
                  {p.failureReason ?? t('declined')}{' '}
                  {back ? (
                    <>
                      {t('nothingCharged')} {back} {t('toTryAgain')}
                    </>
                  ) : null}
                </p>
              </Alert>
            ) : OPEN.has(p.status) ? (
              <Alert variant="info" title={t('waitingTitle')}>
                <p role="status">{t('waiting')}</p>
              </Alert>
            ) : (
              <Alert variant="info">
                <p>
                  {t('isStatus', { status: t(`common:paymentStatus.${p.status}`) })} {back}
                </p>
              </Alert>
            )}
            <Card title={t('card')}>
              <Facts>
                <Fact label={t('facts.status')}>
                  <StatusBadge
                    variant={p.status === 'completed' ? 'ok' : p.status === 'failed' ? 'down' : OPEN.has(p.status) ? 'warn' : 'neutral'}
                  >
                    {t(`common:paymentStatus.${p.status}`)}
                  </StatusBadge>
                </Fact>
                <Fact label={t('facts.amount')}>{formatMoney(p.amountMinor, p.currency)}</Fact>
                <Fact label={t('facts.for')}>{p.purpose === 'top_up' ? t('facts.topUp') : t('facts.booking')}</Fact>
                <Fact label={t('facts.provider')}>{humanize(p.provider)}</Fact>
                {p.refundedMinor > 0 ? <Fact label={t('facts.refunded')}>{formatMoney(p.refundedMinor, p.currency)}</Fact> : null}
              </Facts>
            </Card>
          </div>
        );
      }}
    </QueryState>
  );
}
