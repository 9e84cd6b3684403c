import { ScheduleInput } from '@fareway/api/operator-inputs';
import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  Card,
  type ColumnDef,
  formatDateTime,
  humanize,
  instantToZonedDate,
  ProblemAlert,
  SelectField,
  StatusBadge,
  TextField,
} from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { PagedTable } from '../lib/paged-table';
import { checkForm } from './form-errors';
import { OfficeFrame, type Organization } from './office-frame';

type Trip = RouterOutputs['operators']['listTrips']['items'][number];
type ScheduleResult = RouterOutputs['operators']['scheduleTrips'];

const route = getRouteApi('/office/$organizationId/trips');
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const DAY = 86_400_000;

/** Days from `from` to `to`, both included (calendar dates, YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
}

export function TripStatusBadge({ status }: { status: Trip['status'] }) {
  const variant = status === 'scheduled' || status === 'boarding' ? 'ok' : status === 'cancelled' ? 'down' : 'warn';
  return <StatusBadge variant={variant}>{humanize(status)}</StatusBadge>;
}

/** Upcoming trips (on the operator's clock), each opening its trip page, and the timetable form. */
export function TripsPage() {
  const { organizationId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const trpc = useTRPC();
  const page = search.page ?? 1;
  const trips = useQuery(
    trpc.operators.listTrips.queryOptions(
      { organizationId, status: search.status, page, limit: 20 },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns = useMemo<Array<ColumnDef<Trip, unknown>>>(
    () => [
      {
        id: 'departsAt',
        header: 'Leaves',
        cell: ({ row: { original: trip } }) => (
          <Link to="/office/$organizationId/trips/$tripId" params={{ organizationId, tripId: trip.id }}>
            {formatDateTime(trip.departsAt, trip.timeZone)}
          </Link>
        ),
      },
      { id: 'route', header: 'Route', accessorFn: (trip) => trip.routeName },
      { id: 'bus', header: 'Bus', accessorFn: (trip) => trip.busName },
      { id: 'seats', header: 'Seats taken', accessorFn: (trip) => `${trip.liveReservations} of ${trip.seatCount}` },
      { id: 'status', header: 'Status', cell: ({ row: { original: trip } }) => <TripStatusBadge status={trip.status} /> },
    ],
    [organizationId],
  );
  return (
    <OfficeFrame organizationId={organizationId} title="Trips">
      {(org) => (
        <>
          <ScheduleForm organization={org} />
          <h2 className="op-section">Upcoming trips</h2>
          <PagedTable
            query={trips}
            what="the trips"
            empty={<p>No upcoming trips.</p>}
            label="Trips"
            columns={columns}
            getRowId={(trip) => trip.id}
            onPage={(page) => void navigate({ search: { ...search, page } })}
          />
        </>
      )}
    </OfficeFrame>
  );
}

/** A timetable: a route on a bus at local times, on chosen weekdays between two dates. */
function ScheduleForm({ organization }: { organization: Organization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const routes = useQuery(trpc.operators.listRoutes.queryOptions({ organizationId, page: 1, limit: 100 }));
  const buses = useQuery(trpc.operators.listBuses.queryOptions({ organizationId, page: 1, limit: 100 }));
  const today = instantToZonedDate(new Date().toISOString(), organization.timeZone);
  const [routeId, setRouteId] = useState('');
  const [busId, setBusId] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(instantToZonedDate(new Date(Date.now() + 6 * DAY).toISOString(), organization.timeZone));
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5, 6, 7]);
  const [times, setTimes] = useState('07:30');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const schedule = useMutation(
    trpc.operators.scheduleTrips.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.operators.listTrips.pathFilter()),
    }),
  );
  const problem = useProblem(schedule.error);
  const routeOptions = routes.data?.items ?? [];
  const busOptions = buses.data?.items ?? [];
  const chosenRoute = routeId || routeOptions[0]?.id || '';
  const chosenBus = busId || busOptions[0]?.id || '';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = daysBetween(from, to);
    const departureTimes = times
      .split(/[,\s]+/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const checked = checkForm(ScheduleInput, {
      routeId: chosenRoute,
      busId: chosenBus,
      startDate: from,
      days,
      departureTimes,
      weekdays: weekdays.length === 7 ? undefined : weekdays,
    });
    if (!checked.ok) {
      const e = { ...checked.errors };
      if (e.days) e.to = Number.isNaN(days) || days < 1 ? 'The last day comes on or after the first' : 'At most 62 days at once';
      for (const key of Object.keys(e)) if (key.startsWith('departureTimes')) e.times = 'Times as HH:MM, separated by commas: 06:30, 14:00';
      if (e.weekdays) e.weekdays = 'Pick at least one day of the week';
      setErrors(e);
      return;
    }
    setErrors({});
    schedule.mutate({ organizationId, ...checked.data });
  }

  if (routes.isSuccess && buses.isSuccess && (routeOptions.length === 0 || busOptions.length === 0)) {
    return (
      <p>
        A timetable needs a route and a bus: add{' '}
        {routeOptions.length === 0 ? (
          <Link to="/office/$organizationId/routes" params={{ organizationId }}>
            a route
          </Link>
        ) : (
          <Link to="/office/$organizationId/buses" params={{ organizationId }}>
            a bus
          </Link>
        )}{' '}
        first.
      </p>
    );
  }

  return (
    <Card title="Publish a timetable">
      <form className="fw-form" onSubmit={onSubmit} noValidate>
        {problem ? <ProblemAlert title="Could not publish the timetable" problem={problem} /> : null}
        {schedule.isSuccess ? <ScheduleSummary result={schedule.data} zone={organization.timeZone} /> : null}
        <div className="op-row">
          <SelectField
            label="Route"
            name="routeId"
            value={chosenRoute}
            error={errors.routeId}
            options={routeOptions.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(e) => setRouteId(e.target.value)}
          />
          <SelectField
            label="Bus"
            name="busId"
            value={chosenBus}
            error={errors.busId}
            options={busOptions.map((b) => ({ value: b.id, label: `${b.name} · ${b.registrationNumber}` }))}
            onChange={(e) => setBusId(e.target.value)}
          />
        </div>
        <div className="op-row">
          <TextField
            label="First day"
            name="from"
            type="date"
            value={from}
            error={errors.startDate}
            onChange={(e) => setFrom(e.target.value)}
          />
          <TextField label="Last day" name="to" type="date" value={to} error={errors.to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <fieldset className="op-weekdays" aria-describedby={errors.weekdays ? 'op-weekdays-error' : undefined}>
          <legend>Runs on</legend>
          {WEEKDAYS.map((label, i) => {
            const day = i + 1;
            return (
              <label key={label} className="op-weekday">
                <input
                  type="checkbox"
                  checked={weekdays.includes(day)}
                  onChange={(e) => setWeekdays(e.target.checked ? [...weekdays, day].sort() : weekdays.filter((d) => d !== day))}
                />{' '}
                {label}
              </label>
            );
          })}
          {errors.weekdays ? (
            <p id="op-weekdays-error" className="fw-field__error">
              {errors.weekdays}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label={`Departure times (${organization.timeZone})`}
          name="times"
          hint="HH:MM on the operator's clock, several separated by commas"
          value={times}
          error={errors.times}
          onChange={(e) => setTimes(e.target.value)}
        />
        <div className="fw-form__actions">
          <Button type="submit" busy={schedule.isPending} busyLabel="Publishing…">
            Publish trips
          </Button>
        </div>
      </form>
    </Card>
  );
}

const SKIP_WORDS: Record<ScheduleResult['skipped'][number]['reason'], string> = {
  past: 'already past',
  too_far_ahead: 'too far ahead',
  exists: 'already scheduled',
  bus_busy: 'the bus is on another trip',
};

function ScheduleSummary({ result, zone }: { result: ScheduleResult; zone: string }) {
  return (
    <div role="status" className="op-summary">
      <p>
        Published {result.created.length} {result.created.length === 1 ? 'trip' : 'trips'}
        {result.skipped.length > 0 ? `; skipped ${result.skipped.length}:` : '.'}
      </p>
      {result.skipped.length > 0 ? (
        <ul>
          {result.skipped.slice(0, 10).map((s) => (
            <li key={s.departsAt}>
              {formatDateTime(s.departsAt, zone)}: {SKIP_WORDS[s.reason]}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
