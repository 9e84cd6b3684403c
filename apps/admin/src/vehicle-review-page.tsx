import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  Card,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  humanize,
  Pager,
  ProblemAlert,
  StatusBadge,
  type StatusVariant,
} from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { FileLinks } from './lib/file-links';
import { PersonName } from './lib/person';
import { ReasonAction } from './lib/reason-form';
import { SearchForm } from './lib/search-form';
import { StatusTabs } from './lib/status-tabs';

type Vehicle = RouterOutputs['vehicles']['listForReview']['items'][number];
type Status = Vehicle['status'];

const STATUSES: ReadonlyArray<{ value: Status; label: string }> = [
  { value: 'pending_review', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'draft', label: 'Drafts' },
];

const LOOK: Record<Status, StatusVariant> = {
  draft: 'neutral',
  pending_review: 'warn',
  approved: 'ok',
  rejected: 'down',
  suspended: 'down',
};

const route = getRouteApi('/vehicles');

/**
 * The vehicle review queue, searchable and paged on the server (both in the
 * URL): approve (with an optional note) or reject (with a reason) what waits,
 * seeing its photos and its owner's papers; suspend an approved car, reinstate a suspended one.
 */
export function VehicleReviewPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status: Status = search.status ?? 'pending_review';
  const page = search.page ?? 1;
  const term = search.q ?? '';
  const vehicles = useQuery(
    trpc.vehicles.listForReview.queryOptions({ status, q: term || undefined, page, limit: 20 }, { placeholderData: keepPreviousData }),
  );

  return (
    <>
      <h1 className="admin-title">Vehicles</h1>
      <StatusTabs base="/vehicles" current={status} options={STATUSES} />
      <SearchForm
        key={term}
        label="Search vehicles"
        field="Make, model, city, or the owner’s name or phone"
        term={term}
        busy={vehicles.isFetching}
        onSearch={(q) => void navigate({ search: { status: search.status, q } })}
      />
      <QueryState
        query={vehicles}
        what="vehicles"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            {term
              ? `No ${humanize(status).toLowerCase()} vehicle matches “${term}”.`
              : status === 'pending_review'
                ? 'No vehicle is waiting for review.'
                : `No ${humanize(status).toLowerCase()} vehicles.`}
          </p>
        }
      >
        {(data) => (
          <>
            <ul className="admin-list">
              {data.items.map((vehicle) => (
                <li key={vehicle.id}>
                  <VehicleCard vehicle={vehicle} />
                </li>
              ))}
            </ul>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={vehicles.isFetching}
              onPage={(next) => void navigate({ search: { status: search.status, q: search.q, page: next > 1 ? next : undefined } })}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

function VehicleCard({ vehicle }: { vehicle: Vehicle }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries(trpc.vehicles.listForReview.pathFilter());
  const approve = useMutation(trpc.vehicles.approve.mutationOptions({ onSuccess: done }));
  const reject = useMutation(trpc.vehicles.reject.mutationOptions({ onSuccess: done }));
  const suspend = useMutation(trpc.vehicles.suspend.mutationOptions({ onSuccess: done }));
  const reinstate = useMutation(trpc.vehicles.reinstate.mutationOptions({ onSuccess: done }));
  const problem = useProblem(approve.error ?? reject.error ?? suspend.error ?? reinstate.error);
  const busy = approve.isPending || reject.isPending || suspend.isPending || reinstate.isPending;

  return (
    <Card
      title={`${vehicle.make} ${vehicle.model} (${vehicle.year})`}
      actions={<StatusBadge variant={LOOK[vehicle.status]}>{humanize(vehicle.status)}</StatusBadge>}
    >
      <div className="fw-stack">
        {vehicle.photos.length > 0 ? (
          <ul className="admin-photos">
            {vehicle.photos.map((photo) => (
              <li key={photo.fileId}>
                <a href={photo.url} target="_blank" rel="noreferrer">
                  <img src={photo.url} alt={`${vehicle.make} ${vehicle.model}, view ${photo.position + 1}`} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="fw-muted">No photos.</p>
        )}
        <Facts>
          <Fact label="Kind">
            {humanize(vehicle.type)} · {vehicle.seats} seats · {humanize(vehicle.transmission)} · {humanize(vehicle.fuel)}
          </Fact>
          <Fact label="Where">
            {vehicle.city} ({vehicle.timeZone})
          </Fact>
          <Fact label="Daily rate">{formatMoney(vehicle.dailyRateMinor, vehicle.currency)}</Fact>
          <Fact label="Turnaround">{vehicle.bufferMinutes} min</Fact>
          {vehicle.description ? <Fact label="Description">{vehicle.description}</Fact> : null}
          <Fact label="Owner">
            <Link to="/users/$userId" params={{ userId: vehicle.owner.id }}>
              <PersonName person={vehicle.owner} />
            </Link>
          </Fact>
          <Fact label="Owner’s papers">
            <FileLinks files={vehicle.ownerDocuments} none="None on file" />
          </Fact>
          <Fact label="Updated">{formatDateTime(vehicle.updatedAt, vehicle.timeZone)}</Fact>
          {vehicle.reviewReason ? <Fact label="Reason">{vehicle.reviewReason}</Fact> : null}
        </Facts>
        {problem ? <ProblemAlert title="Could not change the vehicle" problem={problem} /> : null}
        <div className="fw-row admin-actions">
          {vehicle.status === 'pending_review' ? (
            <>
              <ReasonAction
                label="Approve…"
                confirmLabel="Approve vehicle"
                optional
                busy={approve.isPending}
                disabled={busy}
                onConfirm={(note) => approve.mutate({ id: vehicle.id, reason: note || undefined })}
              />
              <ReasonAction
                label="Reject…"
                confirmLabel="Reject vehicle"
                busy={reject.isPending}
                disabled={busy}
                onConfirm={(reason) => reject.mutate({ id: vehicle.id, reason })}
              />
            </>
          ) : null}
          {vehicle.status === 'approved' ? (
            <ReasonAction
              label="Suspend…"
              confirmLabel="Suspend vehicle"
              busy={suspend.isPending}
              disabled={busy}
              onConfirm={(reason) => suspend.mutate({ id: vehicle.id, reason })}
            />
          ) : null}
          {vehicle.status === 'suspended' ? (
            <Button
              busy={reinstate.isPending}
              busyLabel="Reinstating…"
              disabled={busy}
              onClick={() => reinstate.mutate({ id: vehicle.id, reason: undefined })}
            >
              Reinstate
            </Button>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
