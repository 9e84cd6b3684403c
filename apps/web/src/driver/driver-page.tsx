import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Card,
  formatMoney,
  humanize,
  Pager,
  SelectField,
  StatusBadge,
  type StatusVariant,
  sortingFromParam,
  sortingToParam,
} from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type BookingStatus, useBookingStatusOptions } from '../bookings/booking-status';
import { SignInGate } from '../lib/sign-in-gate';
import { vehicleName } from '../rentals/car-search-page';
import { DriverApplication } from './driver-application';
import { RentalsTable } from './rentals-table';
import { type VehicleFields, VehicleForm } from './vehicle-form';

type VehicleStatus = RouterOutputs['vehicles']['get']['status'];

const VEHICLE_LOOKS: Record<VehicleStatus, { variant: StatusVariant; label: string }> = {
  draft: { variant: 'neutral', label: 'Draft' },
  pending_review: { variant: 'warn', label: 'In review' },
  approved: { variant: 'ok', label: 'Listed' },
  rejected: { variant: 'down', label: 'Rejected' },
  suspended: { variant: 'down', label: 'Suspended' },
};

export function VehicleStatusBadge({ status }: { status: VehicleStatus }) {
  const look = VEHICLE_LOOKS[status];
  return <StatusBadge variant={look.variant}>{look.label}</StatusBadge>;
}

/** "Drive with Fareway": the application for customers, the list of one's cars for drivers. */
export function DriverPage() {
  return (
    <div className="web-page">
      <SignInGate reason="Sign in to apply as a driver or manage your cars.">
        {(user) =>
          user.roles.includes('driver') ? (
            <MyVehicles />
          ) : (
            <>
              <h1 className="fw-page-title">Drive with Fareway</h1>
              <DriverApplication />
            </>
          )
        }
      </SignInGate>
    </div>
  );
}

const driverRoute = getRouteApi('/driver');
const driverBookingsRoute = getRouteApi('/driver/bookings');

function MyVehicles() {
  const trpc = useTRPC();
  const search = driverRoute.useSearch();
  const navigate = driverRoute.useNavigate();
  const page = search.page ?? 1;
  const vehicles = useQuery(trpc.vehicles.listMine.queryOptions({ page, limit: 20 }, { placeholderData: keepPreviousData }));
  return (
    <div className="fw-stack">
      <div className="web-page-head">
        <h1 className="fw-page-title">My cars</h1>
        <div className="fw-row">
          <Link to="/driver/bookings" className="fw-button fw-button--secondary">
            Rentals of my cars
          </Link>
          <Link to="/driver/vehicles/new" className="fw-button fw-button--primary">
            List a car
          </Link>
        </div>
      </div>
      <QueryState
        query={vehicles}
        what="your cars"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            You have not listed a car yet. <Link to="/driver/vehicles/new">List your first car</Link>.
          </p>
        }
      >
        {(data) => (
          <>
            <ul className="web-cards">
              {data.items.map((vehicle) => (
                <li key={vehicle.id}>
                  <Card
                    level={3}
                    title={
                      <Link to="/driver/vehicles/$id" params={{ id: vehicle.id }}>
                        {vehicleName(vehicle)}
                      </Link>
                    }
                    actions={<VehicleStatusBadge status={vehicle.status} />}
                    className="web-vehicle-card"
                  >
                    {vehicle.photos[0] ? (
                      <img
                        className="web-vehicle-card__photo"
                        src={vehicle.photos[0].url}
                        alt={`${vehicle.make} ${vehicle.model}`}
                        loading="lazy"
                      />
                    ) : (
                      <div className="web-vehicle-card__photo web-vehicle-card__photo--none" aria-hidden="true">
                        No photo
                      </div>
                    )}
                    <p className="web-vehicle-card__facts">
                      {humanize(vehicle.type)} · {vehicle.seats} seats · {vehicle.city} ·{' '}
                      {formatMoney(vehicle.dailyRateMinor, vehicle.currency)} a day
                    </p>
                    {vehicle.reviewReason && (vehicle.status === 'rejected' || vehicle.status === 'suspended') ? (
                      <p className="web-hint">Review: {vehicle.reviewReason}</p>
                    ) : null}
                  </Card>
                </li>
              ))}
            </ul>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={vehicles.isFetching}
              onPage={(next) => void navigate({ search: { page: next > 1 ? next : undefined } })}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

/** "List a car": a draft the owner completes with photos, then sends for review. */
export function NewVehiclePage() {
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        ← My cars
      </Link>
      <h1 className="fw-page-title">List a car</h1>
      <SignInGate reason="Sign in to list a car.">
        {(user) =>
          user.roles.includes('driver') ? (
            <NewVehicle />
          ) : (
            <p>
              Only approved drivers can list cars. <Link to="/driver">Apply to drive with Fareway</Link>.
            </p>
          )
        }
      </SignInGate>
    </div>
  );
}

function NewVehicle() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation(
    trpc.vehicles.create.mutationOptions({
      onSuccess: (vehicle) => {
        queryClient.setQueryData(trpc.vehicles.get.queryKey({ id: vehicle.id }), vehicle);
        void queryClient.invalidateQueries(trpc.vehicles.listMine.pathFilter());
        void navigate({ to: '/driver/vehicles/$id', params: { id: vehicle.id } });
      },
    }),
  );
  const problem = useProblem(create.error);
  return (
    <Card title="About the car">
      <VehicleForm
        submitLabel="Save as draft"
        busy={create.isPending}
        problem={problem}
        onSubmit={(fields: VehicleFields) => create.mutate(fields)}
        note={<p className="fw-muted web-hint">Next you add photos and send it for review; customers see it once approved.</p>}
      />
    </Card>
  );
}

/** Rentals of all of a driver's cars, filtered by status. */
export function DriverBookingsPage() {
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        ← My cars
      </Link>
      <h1 className="fw-page-title">Rentals of my cars</h1>
      <SignInGate reason="Sign in to see the rentals of your cars.">{() => <DriverBookings />}</SignInGate>
    </div>
  );
}

function DriverBookings() {
  const statusOptions = useBookingStatusOptions();
  const trpc = useTRPC();
  const search = driverBookingsRoute.useSearch();
  const navigate = driverBookingsRoute.useNavigate();
  const { status } = search;
  const page = search.page ?? 1;
  const rentals = useQuery(trpc.rentals.listForDriver.queryOptions({ status, page, limit: 20 }, { placeholderData: keepPreviousData }));
  // The car column names the car: the driver's own cars, one request for up to 100 of them.
  const mine = useQuery(trpc.vehicles.listMine.queryOptions({ page: 1, limit: 100 }));
  const vehicleNames = new Map((mine.data?.items ?? []).map((v) => [v.id, vehicleName(v)]));
  return (
    <div className="fw-stack">
      <div className="web-filter">
        <SelectField
          label="Show"
          name="status"
          value={status ?? ''}
          options={[{ value: '', label: 'All rentals' }, ...statusOptions]}
          onChange={(e) => void navigate({ search: { status: (e.target.value || undefined) as BookingStatus | undefined } })}
        />
      </div>
      <QueryState
        query={rentals}
        what="rentals"
        isEmpty={(data) => data.items.length === 0}
        empty={<p>No rentals {status ? 'with that status' : 'of your cars yet'}.</p>}
      >
        {(data) => (
          <>
            <RentalsTable
              rentals={data.items}
              vehicleNames={vehicleNames}
              sorting={{
                sorting: sortingFromParam(search.sort),
                onSortingChange: (sorting) => void navigate({ search: (prev) => ({ ...prev, sort: sortingToParam(sorting) }) }),
              }}
              pagination={{
                page: data.meta.page,
                limit: data.meta.limit,
                total: data.meta.total,
                busy: rentals.isFetching,
                onPage: (next) => void navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) }),
              }}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
