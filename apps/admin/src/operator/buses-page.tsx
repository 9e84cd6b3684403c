import { BusInput } from '@fareway/api/operator-inputs';
import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { Button, Card, type ColumnDef, DataTable, ProblemAlert, SeatPlan, SelectField, TextField } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { checkForm } from './form-errors';
import { OfficeFrame } from './office-frame';

type Bus = RouterOutputs['operators']['listBuses']['items'][number];
type Layout = RouterOutputs['operators']['listLayouts']['items'][number];

const route = getRouteApi('/office/$organizationId/buses');

/** The operator's buses, each with its seat layout named, and a form for a new one. */
export function BusesPage() {
  const { organizationId } = route.useParams();
  const trpc = useTRPC();
  const buses = useQuery(trpc.operators.listBuses.queryOptions({ organizationId, page: 1, limit: 100 }));
  const layouts = useQuery(trpc.operators.listLayouts.queryOptions({ organizationId, page: 1, limit: 100 }));
  const layoutNames = useMemo(() => new Map((layouts.data?.items ?? []).map((l) => [l.id, l.name])), [layouts.data]);
  const columns = useMemo<Array<ColumnDef<Bus, unknown>>>(
    () => [
      { id: 'name', header: 'Bus', accessorFn: (bus) => bus.name },
      { id: 'registrationNumber', header: 'Registration', accessorFn: (bus) => bus.registrationNumber },
      { id: 'layout', header: 'Layout', accessorFn: (bus) => layoutNames.get(bus.layoutId) ?? '—' },
      { id: 'seatCount', header: 'Seats', accessorFn: (bus) => bus.seatCount },
    ],
    [layoutNames],
  );
  return (
    <OfficeFrame organizationId={organizationId} title="Buses">
      {() => (
        <>
          <QueryState query={layouts} what="the layouts">
            {(data) =>
              data.items.length === 0 ? (
                <p>
                  A bus needs a seat layout first.{' '}
                  <Link to="/office/$organizationId/layouts" params={{ organizationId }}>
                    Draw one
                  </Link>
                  .
                </p>
              ) : (
                <NewBusForm organizationId={organizationId} layouts={data.items} />
              )
            }
          </QueryState>
          <h2 className="op-section">Your buses</h2>
          <QueryState query={buses} what="the buses" isEmpty={(d) => d.items.length === 0} empty={<p>No buses yet.</p>}>
            {(data) => <DataTable label="Buses" data={data.items} columns={columns} getRowId={(bus) => bus.id} />}
          </QueryState>
        </>
      )}
    </OfficeFrame>
  );
}

function NewBusForm({ organizationId, layouts }: { organizationId: string; layouts: Layout[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [registrationNumber, setRegistrationNumber] = useState('');
  const [layoutId, setLayoutId] = useState(layouts[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.operators.createBus.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.operators.listBuses.pathFilter());
        setName('');
        setRegistrationNumber('');
      },
    }),
  );
  const problem = useProblem(create.error);
  const layout = layouts.find((l) => l.id === layoutId);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkForm(BusInput, { name, registrationNumber, layoutId });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    create.mutate({ organizationId, ...checked.data });
  }

  return (
    <Card title="Add a bus">
      <div className="op-editor">
        <form className="fw-form" onSubmit={onSubmit} noValidate>
          {problem ? <ProblemAlert title="Could not add the bus" problem={problem} /> : null}
          {create.isSuccess ? <p role="status">Added {create.data.name}.</p> : null}
          <TextField label="Bus name" name="name" required value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
          <TextField
            label="Registration number"
            name="registrationNumber"
            required
            value={registrationNumber}
            error={errors.registrationNumber}
            onChange={(e) => setRegistrationNumber(e.target.value)}
          />
          <SelectField
            label="Seat layout"
            name="layoutId"
            value={layoutId}
            error={errors.layoutId}
            options={layouts.map((l) => ({ value: l.id, label: `${l.name} (${l.seatCount} seats)` }))}
            onChange={(e) => setLayoutId(e.target.value)}
          />
          <div className="fw-form__actions">
            <Button type="submit" busy={create.isPending} busyLabel="Adding…">
              Add bus
            </Button>
          </div>
        </form>
        {layout ? (
          <div>
            <h3 className="op-editor__title">Its seat map</h3>
            <SeatPlan rows={layout.rows} columns={layout.columns} cells={layout.cells} />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
