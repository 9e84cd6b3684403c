import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import { Button, formatDateTime, humanize, Pager, ProblemAlert, StatusBadge, useRouter } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { StatusTabs } from './lib/status-tabs';

type Organization = RouterOutputs['organizations']['list']['items'][number];
type Status = Organization['status'];

const STATUSES: ReadonlyArray<{ value: Status | undefined; label: string }> = [
  { value: 'pending', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'suspended', label: 'Suspended' },
  { value: undefined, label: 'All' },
];

/** Operators (bus companies): approve new ones, suspend or restore the others. */
export function OperatorsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { search, navigate } = useRouter();
  const statusParam = search.get('status');
  // No filter in the URL means the approval queue; "all" lifts the filter.
  const status: Status | undefined =
    statusParam === 'all'
      ? undefined
      : STATUSES.some((s) => s.value !== undefined && s.value === statusParam)
        ? (statusParam as Status)
        : 'pending';
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const organizations = useQuery(trpc.organizations.list.queryOptions({ status, page, limit: 20 }, { placeholderData: keepPreviousData }));
  const setStatus = useMutation(
    trpc.organizations.setStatus.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.organizations.list.pathFilter()) }),
  );
  const problem = useProblem(setStatus.error);

  return (
    <>
      <h1 className="admin-title">Operators</h1>
      <StatusTabs
        base="/operators"
        current={status ?? 'all'}
        options={STATUSES.map((s) => ({ value: s.value ?? 'all', label: s.label }))}
      />
      {problem ? <ProblemAlert title="Could not change the operator" problem={problem} /> : null}
      <QueryState
        query={organizations}
        what="operators"
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{status === 'pending' ? 'No operator is waiting for approval.' : 'No operators here.'}</p>}
      >
        {(data) => (
          <>
            <div className="fw-table-wrap">
              <table className="fw-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Time zone</th>
                    <th scope="col">Created</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="admin-visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((org) => {
                    const busy = setStatus.isPending && setStatus.variables?.organizationId === org.id;
                    return (
                      <tr key={org.id}>
                        <td>{org.name}</td>
                        <td>{org.timeZone}</td>
                        <td>{formatDateTime(org.createdAt)}</td>
                        <td>
                          <StatusBadge variant={org.status === 'approved' ? 'ok' : org.status === 'pending' ? 'warn' : 'down'}>
                            {humanize(org.status)}
                          </StatusBadge>
                        </td>
                        <td className="admin-actions">
                          {org.status === 'approved' ? (
                            <Button
                              variant="secondary"
                              busy={busy}
                              busyLabel="Suspending…"
                              disabled={setStatus.isPending}
                              onClick={() => setStatus.mutate({ organizationId: org.id, status: 'suspended' })}
                            >
                              Suspend
                            </Button>
                          ) : (
                            <Button
                              busy={busy}
                              busyLabel="Approving…"
                              disabled={setStatus.isPending}
                              onClick={() => setStatus.mutate({ organizationId: org.id, status: 'approved' })}
                            >
                              {org.status === 'pending' ? 'Approve' : 'Restore'}
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={organizations.isFetching}
              onPage={(next) => navigate(`/operators?status=${status ?? 'all'}&page=${next}`)}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
