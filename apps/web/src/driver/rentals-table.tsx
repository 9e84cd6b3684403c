import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  type ColumnDef,
  DataTable,
  type DataTableProps,
  formatDateTime,
  formatMoney,
  formatPhone,
  ProblemAlert,
} from '@fareway/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { BookingStatusBadge } from '../bookings/booking-status';

type Rental = RouterOutputs['rentals']['listForDriver']['items'][number];

/**
 * Rentals of an owner's cars, with the hand-over (confirmed → active) and the
 * return (active → completed). Times are on each car's own wall clock.
 * `vehicleNames` (id → "Toyota Aqua (2019)") adds the car column.
 */
export function RentalsTable({
  rentals,
  vehicleNames,
  sorting,
  pagination,
}: {
  rentals: Rental[];
  vehicleNames?: ReadonlyMap<string, string>;
  sorting?: Pick<DataTableProps<Rental>, 'sorting' | 'onSortingChange'>;
  pagination?: DataTableProps<Rental>['pagination'];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.rentals.pathFilter());
  const start = useMutation(trpc.rentals.start.mutationOptions({ onSuccess: refresh }));
  const complete = useMutation(trpc.rentals.complete.mutationOptions({ onSuccess: refresh }));
  const problem = useProblem(start.error ?? complete.error);

  const columns = useMemo<Array<ColumnDef<Rental, unknown>>>(
    () => [
      {
        id: 'startDate',
        header: 'When',
        accessorFn: (r) => r.startDate,
        cell: ({ row: { original: r } }) => (
          <span>
            {formatDateTime(r.startDate, r.timeZone)}
            <span className="fw-muted web-hint"> → {formatDateTime(r.endDate, r.timeZone)}</span>
            {r.pickupLocation ? <span className="fw-muted web-hint"> · Pick-up: {r.pickupLocation}</span> : null}
          </span>
        ),
      },
      ...(vehicleNames
        ? [
            {
              id: 'car',
              header: 'Car',
              accessorFn: (r: Rental) => (r.vehicleId ? (vehicleNames.get(r.vehicleId) ?? '') : ''),
              cell: ({ row: { original: r } }: { row: { original: Rental } }) =>
                r.vehicleId ? (
                  <Link to="/driver/vehicles/$id" params={{ id: r.vehicleId }}>
                    {vehicleNames.get(r.vehicleId) ?? 'Your car'}
                  </Link>
                ) : null,
            } satisfies ColumnDef<Rental, unknown>,
          ]
        : []),
      {
        id: 'customer',
        header: 'Customer',
        enableSorting: false,
        cell: ({ row: { original: r } }) =>
          r.customer ? (
            <span>
              {r.customer.name ?? 'Customer'}
              {r.customer.phone ? <span className="fw-muted web-hint"> · {formatPhone(r.customer.phone)}</span> : null}
            </span>
          ) : (
            <span className="fw-muted">Shown once paid</span>
          ),
      },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (r) => r.status,
        cell: ({ row: { original: r } }) => <BookingStatusBadge status={r.status} />,
      },
      {
        id: 'total',
        header: 'Total',
        accessorFn: (r) => r.totalMinor,
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => formatMoney(r.totalMinor, r.currency),
      },
      {
        id: 'actions',
        header: () => <span className="fw-visually-hidden">Actions</span>,
        enableSorting: false,
        enableHiding: false,
        cell: ({ row: { original: r } }) =>
          r.status === 'confirmed' ? (
            <Button
              variant="secondary"
              busy={start.isPending && start.variables?.id === r.id}
              busyLabel="Saving…"
              onClick={() => start.mutate({ id: r.id })}
            >
              Hand over
            </Button>
          ) : r.status === 'active' ? (
            <Button
              variant="secondary"
              busy={complete.isPending && complete.variables?.id === r.id}
              busyLabel="Saving…"
              onClick={() => complete.mutate({ id: r.id })}
            >
              Mark returned
            </Button>
          ) : null,
      },
    ],
    [vehicleNames, start, complete],
  );

  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title="Could not update the rental" problem={problem} /> : null}
      <DataTable
        label="Rentals"
        data={rentals}
        columns={columns}
        getRowId={(r) => r.id}
        sorting={sorting?.sorting}
        onSortingChange={sorting?.onSortingChange}
        pagination={pagination}
      />
    </div>
  );
}
