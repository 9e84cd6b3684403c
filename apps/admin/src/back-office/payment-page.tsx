import { useTRPC } from '@fareway/api-client';
import { Card, Fact, Facts, humanize } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { DetailHead, DetailPage } from '../lib/detail-page';
import { PersonName } from '../lib/person';
import { MoneyHistory } from './money-history';
import { PaymentCard } from './payment-card';

const route = getRouteApi('/payments/$paymentId');

/** One payment: its gateway events, its refunds (a failed one retried here) and its audit trail. */
export function PaymentPage() {
  const trpc = useTRPC();
  const { paymentId } = route.useParams();
  const payment = useQuery(trpc.admin.payments.get.queryOptions({ id: paymentId }));
  return (
    <DetailPage back={{ to: '/payments', label: 'Payments' }} query={payment} what="the payment">
      {(data) => (
        <div className="fw-stack">
          <DetailHead title={`${humanize(data.payment.provider)} payment ${data.payment.id.slice(-8)}`} />
          <Card title="Who and what">
            <Facts>
              <Fact label="Customer">
                <PersonName person={data.customer} />
              </Fact>
              <Fact label="For">
                {data.payment.bookingId ? (
                  <Link to="/bookings/$bookingId" params={{ bookingId: data.payment.bookingId }}>
                    Booking {data.payment.bookingId.slice(-8)}
                  </Link>
                ) : (
                  humanize(data.payment.purpose)
                )}
              </Fact>
            </Facts>
          </Card>
          <PaymentCard payment={data.payment} level={2} />
          <MoneyHistory of="payment" refunds={data.refunds} timeline={data.timeline} />
        </div>
      )}
    </DetailPage>
  );
}
