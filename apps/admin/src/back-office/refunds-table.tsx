import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  browserTimeZone,
  type ColumnDef,
  DataTable,
  formatDateTime,
  formatMoney,
  humanize,
  ProblemAlert,
  StatusBadge,
} from '@fareway/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { PersonName } from '../lib/person';
import { refundLook } from './looks';

type Refund = RouterOutputs['admin']['refunds']['list']['items'][number];

/** Refunds (a booking's, a payment's, or all of them): each with its state and last error; a failed one is retried from here. */
export function RefundsTable({
  label,
  refunds,
  withCustomer = false,
}: {
  label: string;
  refunds: Array<Omit<Refund, 'customer'> & Partial<Pick<Refund, 'customer'>>>;
  withCustomer?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.admin.refunds.retry.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.admin.refunds.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.bookings.get.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.payments.get.pathFilter()),
        ]),
    }),
  );
  const problem = useProblem(retry.error);
  const zone = browserTimeZone();
  const columns = useMemo<Array<ColumnDef<(typeof refunds)[number], unknown>>>(
    () => [
      {
        id: 'amount',
        header: 'Amount',
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => formatMoney(r.amountMinor, r.currency),
      },
      ...(withCustomer
        ? [
            {
              id: 'customer',
              header: 'Customer',
              cell: ({ row: { original: r } }) => <PersonName person={r.customer ?? null} />,
            } satisfies ColumnDef<(typeof refunds)[number], unknown>,
          ]
        : []),
      {
        id: 'why',
        header: 'Why',
        cell: ({ row: { original: r } }) => (
          <span>
            {humanize(r.reason)}
            {r.note ? <span className="fw-muted admin-hint"> “{r.note}”</span> : null}
          </span>
        ),
      },
      { id: 'to', header: 'To', cell: ({ row: { original: r } }) => humanize(r.destination) },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row: { original: r } }) => (
          <span>
            <StatusBadge variant={refundLook(r.status)}>{humanize(r.status)}</StatusBadge>
            {r.lastError ? <span className="fw-muted admin-hint"> {r.lastError}</span> : null}
          </span>
        ),
      },
      { id: 'created', header: 'Created', cell: ({ row: { original: r } }) => formatDateTime(r.createdAt, zone) },
      {
        id: 'booking',
        header: 'Booking',
        cell: ({ row: { original: r } }) =>
          r.bookingId ? (
            <Link to="/bookings/$bookingId" params={{ bookingId: r.bookingId }}>
              {r.bookingId.slice(-8)}
            </Link>
          ) : (
            <Link to="/payments/$paymentId" params={{ paymentId: r.paymentId }}>
              Payment {r.paymentId.slice(-8)}
            </Link>
          ),
      },
      {
        id: 'actions',
        header: () => <span className="fw-visually-hidden">Actions</span>,
        cell: ({ row: { original: r } }) =>
          r.status === 'failed' ? (
            <Button
              variant="secondary"
              busy={retry.isPending && retry.variables?.id === r.id}
              busyLabel="Retrying…"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ id: r.id })}
            >
              Retry
            </Button>
          ) : null,
      },
    ],
    [retry, withCustomer, zone],
  );
  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title="Could not retry the refund" problem={problem} /> : null}
      <DataTable label={label} data={refunds} columns={columns} getRowId={(r) => r.id} />
    </div>
  );
}
