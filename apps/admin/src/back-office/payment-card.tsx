import type { RouterOutputs } from '@fareway/api-client';
import {
  browserTimeZone,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  humanize,
  StatusBadge,
} from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import { paymentLook } from './looks';

type Payment = RouterOutputs['admin']['payments']['get']['payment'];
type GatewayEvent = Payment['events'][number];

const eventColumns: Array<ColumnDef<GatewayEvent, unknown>> = [
  { id: 'received', header: 'Received', cell: ({ row: { original: e } }) => formatDateTime(e.receivedAt, browserTimeZone()) },
  { id: 'status', header: 'Gateway said', cell: ({ row: { original: e } }) => humanize(e.status) },
  { id: 'amount', header: 'Amount', meta: { numeric: true }, cell: ({ row: { original: e } }) => formatMoney(e.amountMinor, e.currency) },
  { id: 'outcome', header: 'Outcome', cell: ({ row: { original: e } }) => (e.outcome ? humanize(e.outcome) : 'Not processed yet') },
  { id: 'event', header: 'Event id', cell: ({ row: { original: e } }) => <code className="fw-tag">{e.providerEventId}</code> },
];

/** A payment with its gateway events (the webhook inbox rows that name it). */
export function PaymentCard({ payment, level = 3 }: { payment: Payment; level?: 2 | 3 }) {
  return (
    <Card
      level={level}
      title={
        <Link to="/payments/$paymentId" params={{ paymentId: payment.id }}>
          {humanize(payment.provider)} payment {payment.id.slice(-8)}
        </Link>
      }
      actions={<StatusBadge variant={paymentLook(payment.status)}>{humanize(payment.status)}</StatusBadge>}
    >
      <div className="fw-stack">
        <Facts>
          <Fact label="Amount">{formatMoney(payment.amountMinor, payment.currency)}</Fact>
          <Fact label="Captured">{formatMoney(payment.capturedMinor, payment.currency)}</Fact>
          <Fact label="Refunded">{formatMoney(payment.refundedMinor, payment.currency)}</Fact>
          <Fact label="Gateway fee">{formatMoney(payment.feeMinor, payment.currency)}</Fact>
          <Fact label="Started">{formatDateTime(payment.createdAt, browserTimeZone())}</Fact>
          {payment.failureReason ? <Fact label="Failure">{payment.failureReason}</Fact> : null}
        </Facts>
        {payment.events.length === 0 ? (
          <p className="fw-muted admin-hint">No gateway events{payment.provider === 'wallet' ? ' (a wallet payment has none)' : ''}.</p>
        ) : (
          <DataTable
            label={`Gateway events of payment ${payment.id.slice(-8)}`}
            data={payment.events}
            columns={eventColumns}
            getRowId={(e) => e.id}
          />
        )}
      </div>
    </Card>
  );
}
