import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { browserTimeZone, Card, Fact, Facts, formatDateTime, formatPhone, humanize, Pager, ProblemAlert, StatusBadge } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { FileLinks } from './lib/file-links';
import { ReasonAction } from './lib/reason-form';
import { SearchForm } from './lib/search-form';
import { StatusTabs } from './lib/status-tabs';

type Application = RouterOutputs['drivers']['listApplications']['items'][number];
type Status = Application['status'];

const STATUSES: ReadonlyArray<{ value: Status; label: string }> = [
  { value: 'pending', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

const route = getRouteApi('/drivers');

/**
 * The driver applications queue: oldest first, searchable and paged on the
 * server; approve (grants the driver role; an optional note) or reject with a reason.
 */
export function DriverApplicationsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status: Status = search.status ?? 'pending';
  const page = search.page ?? 1;
  const term = search.q ?? '';
  const applications = useQuery(
    trpc.drivers.listApplications.queryOptions({ status, q: term || undefined, page, limit: 20 }, { placeholderData: keepPreviousData }),
  );

  return (
    <>
      <h1 className="admin-title">Driver applications</h1>
      <StatusTabs base="/drivers" current={status} options={STATUSES} />
      <SearchForm
        key={term}
        label="Search driver applications"
        field="Name, phone, national id or licence"
        term={term}
        busy={applications.isFetching}
        onSearch={(q) => void navigate({ search: { status: search.status, q } })}
      />
      <QueryState
        query={applications}
        what="driver applications"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            {term
              ? `No ${status} application matches “${term}”.`
              : status === 'pending'
                ? 'No application is waiting for review.'
                : `No ${status} applications.`}
          </p>
        }
      >
        {(data) => (
          <>
            <ul className="admin-list">
              {data.items.map((application) => (
                <li key={application.id}>
                  <ApplicationCard application={application} />
                </li>
              ))}
            </ul>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={applications.isFetching}
              onPage={(next) => void navigate({ search: { status: search.status, q: search.q, page: next > 1 ? next : undefined } })}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

function ApplicationCard({ application }: { application: Application }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries(trpc.drivers.listApplications.pathFilter());
  const approve = useMutation(trpc.drivers.approveApplication.mutationOptions({ onSuccess: done }));
  const reject = useMutation(trpc.drivers.rejectApplication.mutationOptions({ onSuccess: done }));
  const problem = useProblem(approve.error ?? reject.error);
  const busy = approve.isPending || reject.isPending;

  return (
    <Card
      title={application.fullName}
      level={2}
      actions={
        <StatusBadge variant={application.status === 'approved' ? 'ok' : application.status === 'rejected' ? 'down' : 'warn'}>
          {humanize(application.status)}
        </StatusBadge>
      }
    >
      <div className="fw-stack">
        <Facts>
          <Fact label="Phone">{application.applicant?.phone ? formatPhone(application.applicant.phone) : '—'}</Fact>
          <Fact label="National id">{application.nationalId}</Fact>
          <Fact label="Licence">
            {application.licenceNumber}, valid until {application.licenceExpiry}
          </Fact>
          <Fact label="Applied">{formatDateTime(application.createdAt, browserTimeZone())}</Fact>
          <Fact label="Documents">
            <FileLinks files={application.documents} none="—" />
          </Fact>
          {application.decisionReason ? <Fact label="Reason">{application.decisionReason}</Fact> : null}
          {application.reviewedAt ? <Fact label="Reviewed">{formatDateTime(application.reviewedAt, browserTimeZone())}</Fact> : null}
        </Facts>
        {problem ? <ProblemAlert title="Could not save the decision" problem={problem} /> : null}
        {application.status === 'pending' ? (
          <div className="fw-row admin-actions">
            <ReasonAction
              label="Approve…"
              confirmLabel="Approve application"
              optional
              fieldLabel="Note to the applicant (optional)"
              busy={approve.isPending}
              disabled={busy}
              onConfirm={(note) => approve.mutate({ id: application.id, reason: note || undefined })}
            />
            <ReasonAction
              label="Reject…"
              confirmLabel="Reject application"
              busy={reject.isPending}
              disabled={busy}
              onConfirm={(reason) => reject.mutate({ id: application.id, reason })}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
