import { RouteInput } from '@fareway/api/operator-inputs';
import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { Button, Card, type ColumnDef, DataTable, formatMoney, minorToInput, ProblemAlert, parseMajorUnits, TextField } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { checkForm } from './form-errors';
import { OfficeFrame } from './office-frame';

type Route = RouterOutputs['operators']['listRoutes']['items'][number];
interface StopDraft {
  name: string;
  city: string;
  arrive: string;
  depart: string;
  fare: string;
}

const route = getRouteApi('/office/$organizationId/routes');
const emptyStop = (): StopDraft => ({ name: '', city: '', arrive: '', depart: '', fare: '' });

/** "2:30" or "150" → 150 minutes after the trip leaves; null when neither. */
export function parseOffset(text: string): number | null {
  const value = text.trim();
  if (value === '') return 0;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  return /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export function formatOffset(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The operator's routes (stops in order with their times and fares) and a form for a new one. */
export function RoutesPage() {
  const { organizationId } = route.useParams();
  const trpc = useTRPC();
  const routes = useQuery(trpc.operators.listRoutes.queryOptions({ organizationId, page: 1, limit: 100 }));
  const columns = useMemo<Array<ColumnDef<Route, unknown>>>(
    () => [
      { id: 'name', header: 'Route', accessorFn: (r) => r.name },
      { id: 'stops', header: 'Stops', accessorFn: (r) => r.stops.map((s) => s.name).join(' → ') },
      { id: 'duration', header: 'Takes', accessorFn: (r) => formatOffset(r.stops.at(-1)?.arriveOffsetMinutes ?? 0) },
      {
        id: 'fare',
        header: 'Full fare',
        accessorFn: (r) =>
          formatMoney(
            r.stops.reduce((sum, s) => sum + (s.fareToNextMinor ?? 0), 0),
            r.currency,
          ),
      },
    ],
    [],
  );
  return (
    <OfficeFrame organizationId={organizationId} title="Routes">
      {() => (
        <>
          <NewRouteForm organizationId={organizationId} />
          <h2 className="op-section">Your routes</h2>
          <QueryState query={routes} what="the routes" isEmpty={(d) => d.items.length === 0} empty={<p>No routes yet.</p>}>
            {(data) => <DataTable label="Routes" data={data.items} columns={columns} getRowId={(r) => r.id} />}
          </QueryState>
        </>
      )}
    </OfficeFrame>
  );
}

function NewRouteForm({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('LKR');
  const [stops, setStops] = useState<StopDraft[]>([emptyStop(), emptyStop()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.operators.createRoute.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.operators.listRoutes.pathFilter());
        setName('');
        setStops([emptyStop(), emptyStop()]);
      },
    }),
  );
  const problem = useProblem(create.error);

  function setStop(index: number, patch: Partial<StopDraft>) {
    setStops(stops.map((stop, i) => (i === index ? { ...stop, ...patch } : stop)));
  }
  function move(index: number, by: -1 | 1) {
    const next = [...stops];
    const [stop] = next.splice(index, 1);
    if (stop) next.splice(index + by, 0, stop);
    setStops(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: Record<string, string> = {};
    const values = stops.map((stop, i) => {
      const last = i === stops.length - 1;
      const arrive = i === 0 ? 0 : parseOffset(stop.arrive);
      const depart = last ? arrive : stop.depart.trim() === '' ? arrive : parseOffset(stop.depart);
      const fare = last ? null : parseMajorUnits(stop.fare, currency.trim().toUpperCase());
      if (arrive === null) local[`stops.${i}.arriveOffsetMinutes`] = 'Write h:mm after departure, like 2:30';
      if (depart === null) local[`stops.${i}.departOffsetMinutes`] = 'Write h:mm after departure, like 2:35';
      if (!last && fare === null) local[`stops.${i}.fareToNextMinor`] = 'Give the fare to the next stop, like 450.00';
      return {
        name: stop.name,
        city: stop.city,
        arriveOffsetMinutes: arrive ?? 0,
        departOffsetMinutes: depart ?? 0,
        fareToNextMinor: fare,
      };
    });
    const checked = checkForm(RouteInput, { name, currency: currency.trim().toUpperCase(), stops: values });
    if (!checked.ok || Object.keys(local).length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...local });
      return;
    }
    setErrors({});
    create.mutate({ organizationId, ...checked.data });
  }

  return (
    <Card title="Add a route">
      <form className="fw-form" onSubmit={onSubmit} noValidate>
        {problem ? <ProblemAlert title="Could not add the route" problem={problem} /> : null}
        {create.isSuccess ? <p role="status">Added the route {create.data.name}.</p> : null}
        <div className="op-row">
          <TextField label="Route name" name="name" required value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
          <TextField
            label="Currency"
            name="currency"
            required
            maxLength={3}
            value={currency}
            error={errors.currency}
            onChange={(e) => setCurrency(e.target.value)}
          />
        </div>
        <ol className="op-stops">
          {stops.map((stop, i) => {
            const last = i === stops.length - 1;
            return (
              <li key={i} className="op-stop">
                <fieldset>
                  <legend>
                    Stop {i + 1}
                    {i === 0 ? ' (departure)' : last ? ' (terminus)' : ''}
                  </legend>
                  <div className="op-row">
                    <TextField
                      label="Stop name"
                      value={stop.name}
                      error={errors[`stops.${i}.name`]}
                      onChange={(e) => setStop(i, { name: e.target.value })}
                    />
                    <TextField
                      label="City"
                      value={stop.city}
                      error={errors[`stops.${i}.city`]}
                      onChange={(e) => setStop(i, { city: e.target.value })}
                    />
                  </div>
                  <div className="op-row">
                    {i > 0 ? (
                      <TextField
                        label="Arrives (h:mm after departure)"
                        inputMode="numeric"
                        placeholder="2:30"
                        value={stop.arrive}
                        error={errors[`stops.${i}.arriveOffsetMinutes`]}
                        onChange={(e) => setStop(i, { arrive: e.target.value })}
                      />
                    ) : null}
                    {i > 0 && !last ? (
                      <TextField
                        label="Leaves (h:mm after departure)"
                        inputMode="numeric"
                        placeholder="same as arrival"
                        value={stop.depart}
                        error={errors[`stops.${i}.departOffsetMinutes`]}
                        onChange={(e) => setStop(i, { depart: e.target.value })}
                      />
                    ) : null}
                    {!last ? (
                      <TextField
                        label={`Fare to stop ${i + 2} (${currency.trim().toUpperCase() || 'currency'})`}
                        inputMode="decimal"
                        placeholder={minorToInput(45_000, currency.trim().toUpperCase() || 'LKR')}
                        value={stop.fare}
                        error={errors[`stops.${i}.fareToNextMinor`]}
                        onChange={(e) => setStop(i, { fare: e.target.value })}
                      />
                    ) : null}
                  </div>
                  <div className="op-stop__actions">
                    <Button variant="link" disabled={i === 0} onClick={() => move(i, -1)}>
                      Move up
                    </Button>
                    <Button variant="link" disabled={last} onClick={() => move(i, 1)}>
                      Move down
                    </Button>
                    <Button variant="link" disabled={stops.length <= 2} onClick={() => setStops(stops.filter((_, j) => j !== i))}>
                      Remove stop {i + 1}
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {errors.stops ? <p className="fw-field__error">{errors.stops}</p> : null}
        <div className="fw-form__actions">
          <Button variant="secondary" disabled={stops.length >= 50} onClick={() => setStops([...stops, emptyStop()])}>
            Add stop
          </Button>
          <Button type="submit" busy={create.isPending} busyLabel="Saving…">
            Save route
          </Button>
        </div>
      </form>
    </Card>
  );
}
