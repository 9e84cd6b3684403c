import { QueryState, useProblem, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, formatDateTime, Pager, ProblemAlert, TextField, useRetryWait, zonedInputToInstant } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('driver');
  const { id } = route.useParams();
  return (
    <div className="web-page">
      <Link to="/driver" className="fw-back">
        {t('page.backToMyCars')}
      </Link>
      <SignInGate reason={t('manage.signIn')}>{() => <VehicleLoader id={id} />}</SignInGate>
    </div>
  );
}

function VehicleLoader({ id }: { id: string }) {
  const { t } = useTranslation('driver');
  const trpc = useTRPC();
  const vehicle = useQuery(trpc.vehicles.get.queryOptions({ id }));
  return (
    <QueryState query={vehicle} what={t('manage.what')}>
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
  const { t } = useTranslation('driver');
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
        <Alert title={vehicle.status === 'rejected' ? t('manage.notApproved') : t('manage.suspended')}>
          <p>{vehicle.reviewReason ?? t('application.noReason')}</p>
          {vehicle.status === 'rejected' ? <p>{t('manage.fixAndResend')}</p> : null}
        </Alert>
      ) : null}
      {vehicle.status === 'pending_review' ? <Alert variant="info">{t('manage.inReview')}</Alert> : null}
      {canSubmit ? (
        <Card title={t('manage.sendForReview')}>
          <div className="fw-stack">
            <p className="fw-muted web-hint">{t('manage.photosFirst')}</p>
            {submitProblem ? <ProblemAlert title={t('manage.sendFailed')} problem={submitProblem} /> : null}
            <div>
              <Button busy={submit.isPending} busyLabel={t('manage.sending')} onClick={() => submit.mutate({ id: vehicle.id })}>
                {t('manage.sendForReview')}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}

      <Photos vehicle={vehicle} onChange={store} />

      <Card title={t('manage.details')}>
        <VehicleForm
          key={vehicle.updatedAt}
          vehicle={vehicle}
          submitLabel={t('manage.saveChanges')}
          busy={update.isPending}
          problem={updateProblem}
          note={
            <>
              {vehicle.status === 'approved' ? <p className="fw-muted web-hint">{t('manage.backToReview')}</p> : null}
              {saved && !update.isPending && !update.error ? (
                <p className="web-hint" role="status">
                  {t('manage.saved')}
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
  const { t } = useTranslation('driver');
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
  // A refused file (too large, not an image) is said next to the file field; anything else above it.
  const fileProblem = upload.error && problem ? problem.message : undefined;

  return (
    <Card title={t('photos.title')}>
      <div className="fw-stack">
        {vehicle.photos.length === 0 ? <p className="fw-muted">{t('photos.none')}</p> : null}
        <ul className="web-photos web-photos--manage">
          {vehicle.photos.map((photo) => (
            <li key={photo.fileId}>
              <img src={photo.url} alt={t('photos.alt', { number: photo.position + 1, name: vehicleName(vehicle) })} />
              <Button
                variant="link"
                busy={remove.isPending && remove.variables?.fileId === photo.fileId}
                busyLabel={t('photos.removing')}
                onClick={() => remove.mutate({ id: vehicle.id, fileId: photo.fileId })}
              >
                {t('photos.remove')}
              </Button>
            </li>
          ))}
        </ul>
        {problem && !fileProblem ? <ProblemAlert title={t('photos.failed')} problem={problem} /> : null}
        <TextField
          label={busy ? t('photos.uploading') : t('photos.add')}
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          hint={t('photos.hint')}
          error={fileProblem}
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
  const { t } = useTranslation('driver');
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
      setFormProblem(t('blackouts.endAfterStart'));
      return;
    }
    setFormProblem(null);
    create.mutate({ id: vehicleId, startDate, endDate, reason: form.reason.trim() || undefined });
  }

  return (
    <Card title={t('blackouts.title')}>
      <div className="fw-stack">
        <p className="fw-muted web-hint">{t('blackouts.lead')}</p>
        <QueryState
          query={blackouts}
          what={t('blackouts.what')}
          isEmpty={(data) => data.items.length === 0}
          empty={<p>{t('blackouts.none')}</p>}
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
                      busyLabel={t('blackouts.lifting')}
                      onClick={() => remove.mutate({ id: vehicleId, blackoutId: blackout.id })}
                    >
                      {t('blackouts.lift')}
                    </Button>
                  </li>
                ))}
              </ul>
              <Pager page={data.meta.page} limit={data.meta.limit} total={data.meta.total} onPage={setPage} busy={blackouts.isFetching} />
            </>
          )}
        </QueryState>
        <form className="fw-form web-blackout-form" onSubmit={onSubmit} aria-label={t('blackouts.formLabel')}>
          <div className="web-form-grid">
            <TextField
              label={t('blackouts.from', { zone: timeZone })}
              name="blackoutStart"
              type="datetime-local"
              required
              value={form.start}
              onChange={(e) => setForm({ ...form, start: e.target.value })}
            />
            <TextField
              label={t('blackouts.until', { zone: timeZone })}
              name="blackoutEnd"
              type="datetime-local"
              required
              value={form.end}
              error={formProblem ?? undefined}
              onChange={(e) => setForm({ ...form, end: e.target.value })}
            />
            <TextField
              label={t('blackouts.reason')}
              name="blackoutReason"
              maxLength={300}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </div>
          {problem ? <ProblemAlert title={t('blackouts.failed')} problem={problem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" variant="secondary" busy={create.isPending} busyLabel={t('blackouts.blocking')}>
              {t('blackouts.block')}
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function VehicleRentals({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation('driver');
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const rentals = useQuery(
    trpc.rentals.listForVehicle.queryOptions({ id: vehicleId, page, limit: 20 }, { placeholderData: keepPreviousData }),
  );
  return (
    <Card title={t('vehicleRentals.title')}>
      <QueryState
        query={rentals}
        what={t('vehicleRentals.what')}
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{t('vehicleRentals.none')}</p>}
      >
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
