import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { type ColumnDef, formatDateTime, humanize, ProblemAlert, StatusBadge } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { PagedTable } from './lib/paged-table';
import { ReasonAction } from './lib/reason-form';
import { StatusTabs } from './lib/status-tabs';
import { SuspendToggle } from './lib/suspend-toggle';

type Organization = RouterOutputs['organizations']['list']['items'][number];
type Status = Organization['status'];

const STATUSES: ReadonlyArray<{ value: Status | undefined; label: string }> = [
  { value: 'pending', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'suspended', label: 'Suspended' },
  { value: undefined, label: 'All' },
];

const route = getRouteApi('/operators');

/** Operators (bus companies): approve new ones, suspend or restore the others. */
export function OperatorsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // No filter in the URL means the approval queue; "all" lifts the filter.
  const status: Status | undefined = search.status === 'all' ? undefined : (search.status ?? 'pending');
  const page = search.page ?? 1;
  const organizations = useQuery(trpc.organizations.list.queryOptions({ status, page, limit: 20 }, { placeholderData: keepPreviousData }));
  const setStatus = useMutation(
    trpc.organizations.setStatus.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.organizations.list.pathFilter()) }),
  );
  const problem = useProblem(setStatus.error);
  const columns = useMemo<Array<ColumnDef<Organization, unknown>>>(
    () => [
      { id: 'name', header: 'Name', accessorFn: (org) => org.name },
      { id: 'timeZone', header: 'Time zone', accessorFn: (org) => org.timeZone },
      {
        id: 'createdAt',
        header: 'Created',
        cell: ({ row: { original: org } }) => formatDateTime(org.createdAt, org.timeZone),
      },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row: { original: org } }) => (
          <StatusBadge variant={org.status === 'approved' ? 'ok' : org.status === 'pending' ? 'warn' : 'down'}>
            {humanize(org.status)}
          </StatusBadge>
        ),
      },
      {
        id: 'actions',
        header: () => <span className="fw-visually-hidden">Actions</span>,
        cell: ({ row: { original: org } }) => {
          const busy = setStatus.isPending && setStatus.variables?.organizationId === org.id;
          return (
            <div className="admin-actions">
              <SuspendToggle
                active={org.status === 'approved'}
                what={org.name}
                suspendEffect="Its owners are told; it can be restored later."
                reinstateLabel={org.status === 'pending' ? 'Approve' : 'Restore'}
                busy={busy}
                disabled={setStatus.isPending}
                onChange={(next) => setStatus.mutate({ organizationId: org.id, status: next === 'active' ? 'approved' : 'suspended' })}
              />
              {org.status === 'pending' ? (
                // Suspending an operator still pending review is its rejection: the owners are told the reason.
                <ReasonAction
                  label="Reject"
                  confirmLabel="Reject it"
                  busy={busy}
                  disabled={setStatus.isPending}
                  onConfirm={(reason) => setStatus.mutate({ organizationId: org.id, status: 'suspended', reason })}
                />
              ) : null}
            </div>
          );
        },
      },
    ],
    [setStatus],
  );

  return (
    <>
      <h1 className="admin-title">Operators</h1>
      <StatusTabs
        base="/operators"
        current={status ?? 'all'}
        options={STATUSES.map((s) => ({ value: s.value ?? 'all', label: s.label }))}
      />
      {problem ? <ProblemAlert title="Could not change the operator" problem={problem} /> : null}
      <PagedTable
        query={organizations}
        what="operators"
        empty={<p>{status === 'pending' ? 'No operator is waiting for approval.' : 'No operators here.'}</p>}
        label="Operators"
        columns={columns}
        getRowId={(org) => org.id}
        onPage={(page) => void navigate({ search: { status: status ?? 'all', page } })}
      />
    </>
  );
}
