import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Button, Card, type ColumnDef, DataTable, Fact, Facts, formatDateTime, formatMoney, StatusBadge } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';

const route = getRouteApi('/bookings/$id/receipt');

type Receipt = RouterOutputs['journey']['receipt'];
type Line = Receipt['booking']['lines'][number];

/** The receipt of a paid booking (car or seats): price lines, payments, refunds and totals. Prints on one page. */
export function ReceiptPage() {
  const { id } = route.useParams();
  const { t } = useTranslation('receipt');
  return (
    <div className="web-page web-document">
      <Link to="/bookings/$id" params={{ id }} className="fw-back web-no-print">
        ← {t('back')}
      </Link>
      <SignInGate reason={t('signIn')}>{() => <ReceiptLoader id={id} />}</SignInGate>
    </div>
  );
}

function ReceiptLoader({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t } = useTranslation('receipt');
  const receipt = useQuery(trpc.journey.receipt.queryOptions({ id }, { refetchInterval: 5_000 }));
  return (
    <QueryState query={receipt} what={t('what')}>
      {(r) => <ReceiptView receipt={r} />}
    </QueryState>
  );
}

function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation('receipt');
  const { booking, totals } = receipt;
  const zone = booking.timeZone;
  const money = (minor: number) => formatMoney(minor, totals.currency);
  const columns: Array<ColumnDef<Line, unknown>> = [
    { id: 'item', header: t('item'), cell: ({ row: { original: line } }) => line.description },
    { id: 'quantity', header: t('quantity'), meta: { numeric: true }, accessorFn: (line) => line.quantity },
    { id: 'amount', header: t('amount'), meta: { numeric: true }, cell: ({ row: { original: line } }) => money(line.amountMinor) },
  ];
  const refundState = { pending: t('refundPending'), succeeded: t('refunded'), failed: t('refundFailed') } as const;
  return (
    <article className="web-receipt" aria-labelledby="receipt-title">
      <div className="web-ticket__head">
        <div>
          <h1 id="receipt-title" className="fw-page-title">
            {t('title')}
          </h1>
          <p className="web-ticket__ref">{receipt.reference}</p>
        </div>
        <Button variant="secondary" className="web-no-print" onClick={() => window.print()}>
          {t('print')}
        </Button>
      </div>
      <Card title={receipt.title}>
        <Facts>
          <Fact label={booking.kind === 'rental' ? t('pickUp') : t('departs')}>
            <span data-testid="receipt-start">{formatDateTime(booking.startDate, zone)}</span>
          </Fact>
          <Fact label={booking.kind === 'rental' ? t('return') : t('arrives')}>{formatDateTime(booking.endDate, zone)}</Fact>
          <Fact label={t('booked')}>{formatDateTime(booking.createdAt, zone)}</Fact>
        </Facts>
      </Card>
      <Card title={t('lines')}>
        <DataTable
          label={t('lines')}
          data={booking.lines}
          columns={columns}
          getRowId={(line) => `${booking.lines.indexOf(line)}:${line.kind}`}
          footer={
            <tr>
              <td colSpan={2}>{t('charged')}</td>
              <td className="fw-num" data-label={t('charged')}>
                {money(totals.chargedMinor)}
              </td>
            </tr>
          }
        />
      </Card>
      <Card title={t('payments')}>
        <ul className="web-refunds">
          {receipt.payments.map((p) => (
            <li key={p.id}>
              <strong>{money(p.amountMinor)}</strong> · {p.provider === 'wallet' ? t('byWallet') : t('byCard', { provider: p.provider })}
              {p.paidAt ? ` · ${formatDateTime(p.paidAt, zone)}` : null}
            </li>
          ))}
          {booking.refunds.map((r) => (
            <li key={r.id} data-testid="receipt-refund">
              <StatusBadge variant={r.status === 'succeeded' ? 'ok' : r.status === 'failed' ? 'down' : 'warn'}>
                {refundState[r.status]}
              </StatusBadge>{' '}
              <strong>−{money(r.amountMinor)}</strong> · {r.destination === 'wallet' ? t('toWallet') : t('toCard')}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('totals')}>
        <Facts>
          <Fact label={t('paidTotal')}>{money(totals.paidMinor)}</Fact>
          <Fact label={t('refundedTotal')}>{money(totals.refundedMinor)}</Fact>
          <Fact label={t('net')}>
            <strong data-testid="receipt-net">{money(totals.netMinor)}</strong>
          </Fact>
        </Facts>
      </Card>
    </article>
  );
}
