import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { Card, formatMoney, Pager, SelectField, StatusBadge, type StatusVariant, sortingFromParam, sortingToParam } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { type BookingStatus, useBookingStatusOptions } from '../bookings/booking-status';
import { SignInGate } from '../lib/sign-in-gate';
import { vehicleName } from '../rentals/car-search-page';
import { DriverApplication } from './driver-application';
import { RentalsTable } from './rentals-table';
import { type VehicleFields, VehicleForm } from './vehicle-form';

type VehicleStatus = RouterOutputs['vehicles']['get']['status'];

const VEHICLE_VARIANTS: Record<VehicleStatus, StatusVariant> = {
  draft: 'neutral',
  pending_review: 'warn',
  approved: 'ok',
  rejected: 'down',
  suspended: 'down',
};

export function VehicleStatusBadge({ status }: { status: VehicleStatus }) {
  const { t } = useTranslation();
  return <StatusBadge variant={VEHICLE_VARIANTS[status]}>{t(`vehicleStatus.${status}`)}</StatusBadge>;
}

/** "Drive with Fareway": the application for customers, the list of one's cars for drivers. */
export function DriverPage() {
  const { t } = useTranslation('driver');
  return (
    <div className="web-page">
      <SignInGate reason={t('page.signIn')}>
        {(user) =>
          user.roles.includes('driver') ? (
            <MyVehicles />
          ) : (
            <>
              <h1 className="fw-page-title">{t('page.title')}</h1>
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
  const { t } = useTranslation(['driver', 'common']);
  const trpc = useTRPC();
  const search = driverRoute.useSearch();
  const navigate = driverRoute.useNavigate();
  const page = search.page ?? 1;
  const vehicles = useQuery(trpc.vehicles.listMine.queryOptions({ page, limit: 20 }, { placeholderData: keepPreviousData }));
  return (
    <div className="fw-stack">
      <div className="web-page-head">
        <h1 className="fw-page-title">{t('page.myCars')}</h1>
        <div className="fw-row">
          <Link to="/driver/bookings" className="fw-button fw-button--secondary">
            {t('page.rentalsOfMyCars')}
          </Link>
          <Link to="/driver/vehicles/new" className="fw-button fw-button--primary">
            {t('page.listACar')}
          </Link>
        </div>
      </div>
      <QueryState
        query={vehicles}
        what={t('page.whatCars')}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            <Trans t={t} i18nKey="page.noCars" components={{ link: <Link to="/driver/vehicles/new" /> }} />
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
                      <img className="web-vehicle-card__photo" src={vehicle.photos[0].url} alt={vehicleName(vehicle)} loading="lazy" />
                    ) : (
                      <div className="web-vehicle-card__photo web-vehicle-card__photo--none" aria-hidden="true">
                        {t('page.noPhoto')}
                      </div>
                    )}
                    <p className="web-vehicle-card__facts">
                      {[
                        t(`common:vehicleType.${vehicle.type}`),
                        t('common:seatCount', { count: vehicle.seats }),
                        vehicle.city,
                        `${formatMoney(vehicle.dailyRateMinor, vehicle.currency)} ${t('common:perDay')}`,
                      ].join(' · ')}
                    </p>
                    {vehicle.reviewReason && (vehicle.status === 'rejected' || vehicle.status === 'suspended') ? (
                      <p className="web-hint">{t('page.review', { reason: vehicle.reviewReason })}</p>
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
  const { t } = useTranslation('driver');
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        {t('page.backToMyCars')}
      </Link>
      <h1 className="fw-page-title">{t('page.listACar')}</h1>
      <SignInGate reason={t('page.signInToList')}>
        {(user) =>
          user.roles.includes('driver') ? (
            <NewVehicle />
          ) : (
            <p>
              <Trans t={t} i18nKey="page.onlyDrivers" components={{ link: <Link to="/driver" /> }} />
            </p>
          )
        }
      </SignInGate>
    </div>
  );
}

function NewVehicle() {
  const { t } = useTranslation('driver');
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
    <Card title={t('page.aboutTheCar')}>
      <VehicleForm
        submitLabel={t('page.saveDraft')}
        busy={create.isPending}
        problem={problem}
        onSubmit={(fields: VehicleFields) => create.mutate(fields)}
        note={<p className="fw-muted web-hint">{t('page.draftNote')}</p>}
      />
    </Card>
  );
}

/** Rentals of all of a driver's cars, filtered by status. */
export function DriverBookingsPage() {
  const { t } = useTranslation('driver');
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        {t('page.backToMyCars')}
      </Link>
      <h1 className="fw-page-title">{t('page.rentalsOfMyCars')}</h1>
      <SignInGate reason={t('page.signInToSeeRentals')}>{() => <DriverBookings />}</SignInGate>
    </div>
  );
}

function DriverBookings() {
  const { t } = useTranslation('driver');
  const statusOptions = useBookingStatusOptions();
  const trpc = useTRPC();
  const search = driverBookingsRoute.useSearch();
  const navigate = driverBookingsRoute.useNavigate();
  const { status } = search;
  const page = search.page ?? 1;
  const rentals = useQuery(trpc.rentals.listForDriver.queryOptions({ status, page, limit: 20 }, { placeholderData: keepPreviousData }));
  return (
    <div className="fw-stack">
      <div className="web-filter">
        <SelectField
          label={t('page.show')}
          name="status"
          value={status ?? ''}
          options={[{ value: '', label: t('page.allRentals') }, ...statusOptions]}
          onChange={(e) => void navigate({ search: { status: (e.target.value || undefined) as BookingStatus | undefined } })}
        />
      </div>
      <QueryState
        query={rentals}
        what={t('page.whatRentals')}
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{status ? t('page.noRentalsWithStatus') : t('page.noRentalsYet')}</p>}
      >
        {(data) => (
          <>
            <RentalsTable
              rentals={data.items}
              showCar
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
