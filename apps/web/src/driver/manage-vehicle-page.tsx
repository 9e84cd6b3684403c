import { QueryState, useProblem, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, formatDateTime, Pager, ProblemAlert, TextField, useRetryWait, zonedInputToInstant } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { defaultRentalRange } from '../lib/dates';
import { SignInGate } from '../lib/sign-in-gate';
import { uploadFile } from '../lib/upload-file';
import { vehicleName } from '../rentals/car-search-page';
import { VehicleStatusBadge } from './driver-page';
import { RentalsTable } from './rentals-table';
import { changedFields, type Vehicle, VehicleForm } from './vehicle-form';

/** One of my cars: review state, details, photos, "send for review", blackouts and its rentals. */
const route = getRouteApi('/driver/vehicles/$id');

export function ManageVehiclePage() {
  const { id } = route.useParams();
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        ← My cars
      </Link>
      <SignInGate reason="Sign in to manage your car.">{() => <VehicleLoader id={id} />}</SignInGate>
    </div>
  );
}

function VehicleLoader({ id }: { id: string }) {
  const trpc = useTRPC();
  const vehicle = useQuery(trpc.vehicles.get.queryOptions({ id }));
  return (
    <QueryState query={vehicle} what="the car">
      {(v) => <ManageVehicle vehicle={v} />}
    </QueryState>
  );
}

function useVehicleUpdater(vehicleId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (updated: Vehicle) => {
    queryClient.setQueryData(trpc.vehicles.get.queryKey({ id: vehicleId }), updated);
    void queryClient.invalidateQueries(trpc.vehicles.listMine.pathFilter());
  };
}

function ManageVehicle({ vehicle }: { vehicle: Vehicle }) {
  const trpc = useTRPC();
  const store = useVehicleUpdater(vehicle.id);
  const submit = useMutation(trpc.vehicles.submit.mutationOptions({ onSuccess: store }));
  const submitProblem = useProblem(submit.error);
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.vehicles.update.mutationOptions({
      onSuccess: (updated) => {
        store(updated);
        setSaved(true);
      },
    }),
  );
  const updateProblem = useProblem(update.error);
  const canSubmit = vehicle.status === 'draft' || vehicle.status === 'rejected';

  return (
    <div className="fw-stack">
      <div className="web-page-head">
        <h1 className="fw-page-title">{vehicleName(vehicle)}</h1>
        <VehicleStatusBadge status={vehicle.status} />
      </div>

      {vehicle.status === 'rejected' || vehicle.status === 'suspended' ? (
        <Alert title={vehicle.status === 'rejected' ? 'Not approved' : 'Suspended by Fareway'}>
          <p>{vehicle.reviewReason ?? 'No reason was given.'}</p>
          {vehicle.status === 'rejected' ? <p>Fix what is asked, then send it for review again.</p> : null}
        </Alert>
      ) : null}
      {vehicle.status === 'pending_review' ? (
        <Alert variant="info">Fareway is reviewing this car. Customers can book it once it is approved.</Alert>
      ) : null}
      {canSubmit ? (
        <Card title="Send for review">
          <div className="fw-stack">
            <p className="fw-muted web-hint">Add clear photos first: the review looks at them.</p>
            {submitProblem ? <ProblemAlert title="Could not send it for review" problem={submitProblem} /> : null}
            <div>
              <Button busy={submit.isPending} busyLabel="Sending…" onClick={() => submit.mutate({ id: vehicle.id })}>
                Send for review
              </Button>
            </div>
          </div>
        </Card>
      ) : null}

      <Photos vehicle={vehicle} onChange={store} />

      <Card title="Details">
        <VehicleForm
          key={vehicle.updatedAt}
          vehicle={vehicle}
          submitLabel="Save changes"
          busy={update.isPending}
          problem={updateProblem}
          note={
            <>
              {vehicle.status === 'approved' ? (
                <p className="fw-muted web-hint">
                  Changing what the car is (make, model, seats, city, …) sends it back to review; the price does not.
                </p>
              ) : null}
              {saved && !update.isPending && !update.error ? (
                <p className="web-hint" role="status">
                  Saved.
                </p>
              ) : null}
            </>
          }
          onSubmit={(fields) => {
            setSaved(false);
            const changes = changedFields(vehicle, fields);
            if (Object.keys(changes).length === 0) {
              setSaved(true);
              return;
            }
            update.mutate({ id: vehicle.id, ...changes });
          }}
        />
      </Card>

      <Blackouts vehicleId={vehicle.id} timeZone={vehicle.timeZone} />
      <VehicleRentals vehicleId={vehicle.id} />
    </div>
  );
}

function Photos({ vehicle, onChange }: { vehicle: Vehicle; onChange: (v: Vehicle) => void }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.vehicles.addPhoto.mutationOptions({ onSuccess: onChange }));
  const remove = useMutation(trpc.vehicles.removePhoto.mutationOptions({ onSuccess: onChange }));
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(file, 'vehicle_photo'),
    onSuccess: (file) => add.mutate({ id: vehicle.id, fileId: file.id }),
  });
  const problem = useProblem(upload.error ?? add.error ?? remove.error);
  const wait = useRetryWait(problem);
  const busy = upload.isPending || add.isPending;

  return (
    <Card title="Photos">
      <div className="fw-stack">
        {vehicle.photos.length === 0 ? <p className="fw-muted">No photos yet.</p> : null}
        <ul className="web-photos web-photos--manage">
          {vehicle.photos.map((photo) => (
            <li key={photo.fileId}>
              <img src={photo.url} alt={`View ${photo.position + 1} of the car`} />
              <Button
                variant="link"
                busy={remove.isPending && remove.variables?.fileId === photo.fileId}
                busyLabel="Removing…"
                onClick={() => remove.mutate({ id: vehicle.id, fileId: photo.fileId })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        {problem ? <ProblemAlert title="Could not change the photos" problem={problem} /> : null}
        <TextField
          label={busy ? 'Uploading…' : 'Add a photo'}
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          hint="JPEG, PNG or WebP"
          disabled={busy || wait > 0}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) upload.mutate(file);
            event.target.value = '';
          }}
        />
      </div>
    </Card>
  );
}

function Blackouts({ vehicleId, timeZone }: { vehicleId: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const blackouts = useQuery(
    trpc.vehicles.listBlackouts.queryOptions({ id: vehicleId, page, limit: 20 }, { placeholderData: keepPreviousData }),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.vehicles.listBlackouts.pathFilter());
  const defaults = defaultRentalRange(timeZone);
  const [form, setForm] = useState({ start: defaults.start, end: defaults.end, reason: '' });
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const create = useMutation(
    trpc.vehicles.createBlackout.mutationOptions({
      onSuccess: () => {
        setForm({ ...form, reason: '' });
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.vehicles.deleteBlackout.mutationOptions({ onSuccess: () => void refresh() }));
  const problem = useProblem(create.error ?? remove.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Typed on the car's wall clock, wherever the driver is.
    const startDate = zonedInputToInstant(form.start, timeZone);
    const endDate = zonedInputToInstant(form.end, timeZone);
    if (!startDate || !endDate || Date.parse(endDate) <= Date.parse(startDate)) {
      setFormProblem('The end must come after the start');
      return;
    }
    setFormProblem(null);
    create.mutate({ id: vehicleId, startDate, endDate, reason: form.reason.trim() || undefined });
  }

  return (
    <Card title="Blocked periods">
      <div className="fw-stack">
        <p className="fw-muted web-hint">Block time for maintenance or your own use; nobody can book the car then.</p>
        <QueryState
          query={blackouts}
          what="blocked periods"
          isEmpty={(data) => data.items.length === 0}
          empty={<p>No blocked periods ahead.</p>}
        >
          {(data) => (
            <>
              <ul className="web-blackouts">
                {data.items.map((blackout) => (
                  <li key={blackout.id}>
                    <span>
                      {formatDateTime(blackout.startDate, timeZone)} → {formatDateTime(blackout.endDate, timeZone)}
                      {blackout.reason ? <span className="fw-muted"> · {blackout.reason}</span> : null}
                    </span>
                    <Button
                      variant="link"
                      busy={remove.isPending && remove.variables?.blackoutId === blackout.id}
                      busyLabel="Lifting…"
                      onClick={() => remove.mutate({ id: vehicleId, blackoutId: blackout.id })}
                    >
                      Lift
                    </Button>
                  </li>
                ))}
              </ul>
              <Pager page={data.meta.page} limit={data.meta.limit} total={data.meta.total} onPage={setPage} busy={blackouts.isFetching} />
            </>
          )}
        </QueryState>
        <form className="fw-form web-blackout-form" onSubmit={onSubmit} aria-label="Block a period">
          <div className="web-form-grid">
            <TextField
              label={`From (${timeZone} time)`}
              name="blackoutStart"
              type="datetime-local"
              required
              value={form.start}
              onChange={(e) => setForm({ ...form, start: e.target.value })}
            />
            <TextField
              label={`Until (${timeZone} time)`}
              name="blackoutEnd"
              type="datetime-local"
              required
              value={form.end}
              error={formProblem ?? undefined}
              onChange={(e) => setForm({ ...form, end: e.target.value })}
            />
            <TextField
              label="Reason (optional)"
              name="blackoutReason"
              maxLength={300}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </div>
          {problem ? <ProblemAlert title="Could not change the blocked periods" problem={problem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" variant="secondary" busy={create.isPending} busyLabel="Blocking…">
              Block this period
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function VehicleRentals({ vehicleId }: { vehicleId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const rentals = useQuery(
    trpc.rentals.listForVehicle.queryOptions({ id: vehicleId, page, limit: 20 }, { placeholderData: keepPreviousData }),
  );
  return (
    <Card title="Rentals">
      <QueryState query={rentals} what="the rentals" isEmpty={(data) => data.items.length === 0} empty={<p>No rentals of this car yet.</p>}>
        {(data) => (
          <>
            <RentalsTable
              rentals={data.items}
              pagination={{
                page: data.meta.page,
                limit: data.meta.limit,
                total: data.meta.total,
                onPage: setPage,
                busy: rentals.isFetching,
              }}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
