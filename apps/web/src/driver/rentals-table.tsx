import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { Button, formatDateTime, formatMoney, formatPhone, Link, ProblemAlert } from '@fareway/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BookingStatusBadge } from '../bookings/booking-status';

type Rental = RouterOutputs['rentals']['listForDriver']['items'][number];

/** Rentals of an owner's cars, with the hand-over (confirmed → active) and the return (active → completed). */
export function RentalsTable({ rentals, showVehicle = false }: { rentals: Rental[]; showVehicle?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.rentals.pathFilter());
  const start = useMutation(trpc.rentals.start.mutationOptions({ onSuccess: refresh }));
  const complete = useMutation(trpc.rentals.complete.mutationOptions({ onSuccess: refresh }));
  const problem = useProblem(start.error ?? complete.error);

  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title="Could not update the rental" problem={problem} /> : null}
      <div className="fw-table-wrap">
        <table className="fw-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              {showVehicle ? <th scope="col">Car</th> : null}
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col" className="fw-num">
                Total
              </th>
              <th scope="col">
                <span className="web-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rentals.map((rental) => (
              <tr key={rental.id}>
                <td>
                  {formatDateTime(rental.startDate)}
                  <div className="fw-muted web-hint">→ {formatDateTime(rental.endDate)}</div>
                  {rental.pickupLocation ? <div className="fw-muted web-hint">Pick-up: {rental.pickupLocation}</div> : null}
                </td>
                {showVehicle ? (
                  <td>{rental.vehicleId ? <Link to={`/driver/vehicles/${rental.vehicleId}`}>Open car</Link> : null}</td>
                ) : null}
                <td>
                  {rental.customer ? (
                    <>
                      {rental.customer.name ?? 'Customer'}
                      {rental.customer.phone ? <div className="fw-muted web-hint">{formatPhone(rental.customer.phone)}</div> : null}
                    </>
                  ) : (
                    <span className="fw-muted">Shown once paid</span>
                  )}
                </td>
                <td>
                  <BookingStatusBadge status={rental.status} />
                </td>
                <td className="fw-num">{formatMoney(rental.totalMinor, rental.currency)}</td>
                <td>
                  {rental.status === 'confirmed' ? (
                    <Button
                      variant="secondary"
                      busy={start.isPending && start.variables?.id === rental.id}
                      busyLabel="Saving…"
                      onClick={() => start.mutate({ id: rental.id })}
                    >
                      Hand over
                    </Button>
                  ) : rental.status === 'active' ? (
                    <Button
                      variant="secondary"
                      busy={complete.isPending && complete.variables?.id === rental.id}
                      busyLabel="Saving…"
                      onClick={() => complete.mutate({ id: rental.id })}
                    >
                      Mark returned
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
