import { QueryState, useTRPC } from '@fareway/api-client';
import { Button, Card, Fact, Facts, formatDateTime, formatMoney } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';
import { OperatorName } from '../trips/operator-name';
import { QrCode } from './qr-code';

const route = getRouteApi('/bookings/$id/ticket');

/** The e-ticket of a paid seat booking: who travels where and when, and the signed QR the crew scans. Prints on one page. */
export function TicketPage() {
  const { id } = route.useParams();
  const { t } = useTranslation('ticket');
  return (
    <div className="web-page web-document">
      <Link to="/bookings/$id" params={{ id }} className="fw-back web-no-print">
        ← {t('back')}
      </Link>
      <SignInGate reason={t('signIn')}>{() => <TicketLoader id={id} />}</SignInGate>
    </div>
  );
}

function TicketLoader({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t } = useTranslation('ticket');
  const ticket = useQuery(trpc.journey.ticket.queryOptions({ id }));
  return (
    <QueryState query={ticket} what={t('what')}>
      {(tk) => (
        <article className="web-ticket" aria-labelledby="ticket-title">
          <div className="web-ticket__head">
            <div>
              <h1 id="ticket-title" className="fw-page-title">
                {t('title')}
              </h1>
              <p className="web-ticket__ref" data-testid="ticket-reference">
                {tk.reference}
              </p>
            </div>
            <Button variant="secondary" className="web-no-print" onClick={() => window.print()}>
              {t('print')}
            </Button>
          </div>
          <div className="web-ticket__body">
            <Card title={tk.routeName}>
              <Facts>
                <Fact label={t('operator')}>
                  <OperatorName operator={tk.operator} />
                </Fact>
                <Fact label={t('from')}>
                  <strong>{tk.from.name}</strong> ·{' '}
                  <span data-testid="ticket-departs">{formatDateTime(tk.from.departsAt, tk.timeZone)}</span>
                </Fact>
                <Fact label={t('to')}>
                  <strong>{tk.to.name}</strong> · {formatDateTime(tk.to.arrivesAt, tk.timeZone)}
                </Fact>
                <Fact label={t('bus')}>
                  {tk.bus.name} · {tk.bus.registrationNumber}
                </Fact>
                <Fact label={t('paid')}>{formatMoney(tk.totalMinor, tk.currency)}</Fact>
              </Facts>
            </Card>
            <Card title={t('passengers', { count: tk.passengers.length })}>
              <ul className="web-seat-list" data-testid="ticket-passengers">
                {tk.passengers.map((p) => (
                  <li key={p.seatNo}>
                    <strong>{t('seat', { seat: p.seatNo })}</strong> · {p.passengerName ?? tk.customerName ?? t('unnamed')}
                  </li>
                ))}
              </ul>
            </Card>
            <div className="web-ticket__qr">
              <QrCode value={tk.code} label={t('qrLabel', { reference: tk.reference })} />
              <p className="fw-muted web-hint">{t('qrHint')}</p>
            </div>
          </div>
        </article>
      )}
    </QueryState>
  );
}
