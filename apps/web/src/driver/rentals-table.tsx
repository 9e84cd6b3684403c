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
import { useTranslation } from 'react-i18next';
import { BookingStatusBadge } from '../bookings/booking-status';
import { vehicleName } from '../rentals/car-search-page';

type Rental = RouterOutputs['rentals']['listForDriver']['items'][number];

/**
 * Rentals of an owner's cars, with the hand-over (confirmed → active) and the
 * return (active → completed). Times are on each car's own wall clock.
 * `showCar` adds the car column ("Toyota Aqua (2019)", named by the server with each rental).
 */
export function RentalsTable({
  rentals,
  showCar = false,
  sorting,
  pagination,
}: {
  rentals: Rental[];
  showCar?: boolean;
  sorting?: Pick<DataTableProps<Rental>, 'sorting' | 'onSortingChange'>;
  pagination?: DataTableProps<Rental>['pagination'];
}) {
  const { t } = useTranslation('driver');
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
        header: t('rentals.when'),
        accessorFn: (r) => r.startDate,
        cell: ({ row: { original: r } }) => (
          <span>
            {formatDateTime(r.startDate, r.timeZone)}
            <span className="fw-muted web-hint"> → {formatDateTime(r.endDate, r.timeZone)}</span>
            {r.pickupLocation ? <span className="fw-muted web-hint"> · {t('rentals.pickup', { place: r.pickupLocation })}</span> : null}
          </span>
        ),
      },
      ...(showCar
        ? [
            {
              id: 'car',
              header: t('rentals.car'),
              accessorFn: (r: Rental) => (r.vehicle ? vehicleName(r.vehicle) : ''),
              cell: ({ row: { original: r } }: { row: { original: Rental } }) =>
                r.vehicle ? (
                  <Link to="/driver/vehicles/$id" params={{ id: r.vehicle.id }}>
                    {vehicleName(r.vehicle)}
                  </Link>
                ) : null,
            } satisfies ColumnDef<Rental, unknown>,
          ]
        : []),
      {
        id: 'customer',
        header: t('rentals.customer'),
        enableSorting: false,
        cell: ({ row: { original: r } }) =>
          r.customer ? (
            <span>
              {r.customer.name ?? t('rentals.someCustomer')}
              {r.customer.phone ? <span className="fw-muted web-hint"> · {formatPhone(r.customer.phone)}</span> : null}
            </span>
          ) : (
            <span className="fw-muted">{t('rentals.shownOncePaid')}</span>
          ),
      },
      {
        id: 'status',
        header: t('rentals.status'),
        accessorFn: (r) => r.status,
        cell: ({ row: { original: r } }) => <BookingStatusBadge status={r.status} />,
      },
      {
        id: 'total',
        header: t('rentals.total'),
        accessorFn: (r) => r.totalMinor,
        meta: { numeric: true },
        cell: ({ row: { original: r } }) => formatMoney(r.totalMinor, r.currency),
      },
      {
        id: 'actions',
        header: () => <span className="fw-visually-hidden">{t('rentals.actions')}</span>,
        enableSorting: false,
        enableHiding: false,
        cell: ({ row: { original: r } }) =>
          r.status === 'confirmed' ? (
            <Button
              variant="secondary"
              busy={start.isPending && start.variables?.id === r.id}
              busyLabel={t('rentals.saving')}
              onClick={() => start.mutate({ id: r.id })}
            >
              {t('rentals.handOver')}
            </Button>
          ) : r.status === 'active' ? (
            <Button
              variant="secondary"
              busy={complete.isPending && complete.variables?.id === r.id}
              busyLabel={t('rentals.saving')}
              onClick={() => complete.mutate({ id: r.id })}
            >
              {t('rentals.markReturned')}
            </Button>
          ) : null,
      },
    ],
    [showCar, start, complete, t],
  );

  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title={t('rentals.failed')} problem={problem} /> : null}
      <DataTable
        label={t('rentals.label')}
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
