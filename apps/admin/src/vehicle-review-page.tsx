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
import { getRouteApi } from '@tanstack/react-router';
import { ReasonAction } from './lib/reason-form';
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

/** The vehicle review queue: approve or reject what waits; suspend an approved car, reinstate a suspended one. */
export function VehicleReviewPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status: Status = search.status ?? 'pending_review';
  const page = search.page ?? 1;
  const vehicles = useQuery(trpc.vehicles.listForReview.queryOptions({ status, page, limit: 20 }, { placeholderData: keepPreviousData }));

  return (
    <>
      <h1 className="admin-title">Vehicles</h1>
      <StatusTabs base="/vehicles" current={status} options={STATUSES} />
      <QueryState
        query={vehicles}
        what="vehicles"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>{status === 'pending_review' ? 'No vehicle is waiting for review.' : `No ${humanize(status).toLowerCase()} vehicles.`}</p>
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
              onPage={(next) => void navigate({ search: { status, page: next } })}
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
            <code className="fw-tag">{vehicle.ownerUserId}</code>
          </Fact>
          <Fact label="Updated">{formatDateTime(vehicle.updatedAt, vehicle.timeZone)}</Fact>
          {vehicle.reviewReason ? <Fact label="Reason">{vehicle.reviewReason}</Fact> : null}
        </Facts>
        {problem ? <ProblemAlert title="Could not change the vehicle" problem={problem} /> : null}
        <div className="fw-row admin-actions">
          {vehicle.status === 'pending_review' ? (
            <>
              <Button
                busy={approve.isPending}
                busyLabel="Approving…"
                disabled={busy}
                onClick={() => approve.mutate({ id: vehicle.id, reason: undefined })}
              >
                Approve
              </Button>
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
