import { type RouterOutputs, useProblem, useSession, useTRPC } from '@fareway/api-client';
import {
  browserTimeZone,
  type ColumnDef,
  formatDateTime,
  formatPhone,
  humanize,
  ProblemAlert,
  StatusBadge,
  sortingFromParam,
  sortingToParam,
} from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { PagedTable } from './lib/paged-table';
import { SearchForm } from './lib/search-form';
import { SuspendToggle } from './lib/suspend-toggle';

type User = RouterOutputs['users']['list']['items'][number];

const route = getRouteApi('/users');

/** Users, newest first, searchable; suspend (revokes every session at once) or reinstate; each opens its page. */
export function UsersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().user;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const term = search.q ?? '';
  const page = search.page ?? 1;
  const users = useQuery(
    trpc.users.list.queryOptions({ search: term || undefined, page, limit: 25 }, { placeholderData: keepPreviousData }),
  );
  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.users.list.pathFilter()) }),
  );
  const problem = useProblem(setStatus.error);

  const columns = useMemo<Array<ColumnDef<User, unknown>>>(
    () => [
      {
        id: 'user',
        header: 'User',
        enableHiding: false,
        accessorFn: (u) => u.name ?? u.phone ?? u.email ?? '',
        cell: ({ row: { original: u } }) => (
          <span>
            <Link to="/users/$userId" params={{ userId: u.id }}>
              {u.name ?? 'No name'}
            </Link>
            <span className="fw-muted admin-hint"> {[u.phone ? formatPhone(u.phone) : null, u.email].filter(Boolean).join(' · ')}</span>
          </span>
        ),
      },
      { id: 'roles', header: 'Roles', accessorFn: (u) => u.roles.map(humanize).join(', ') },
      {
        id: 'createdAt',
        header: 'Joined',
        accessorFn: (u) => u.createdAt,
        cell: ({ row: { original: u } }) => formatDateTime(u.createdAt, browserTimeZone()),
      },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (u) => u.status,
        cell: ({ row: { original: u } }) => <StatusBadge variant={u.status === 'active' ? 'ok' : 'down'}>{humanize(u.status)}</StatusBadge>,
      },
      {
        id: 'actions',
        header: () => <span className="fw-visually-hidden">Actions</span>,
        enableSorting: false,
        enableHiding: false,
        cell: ({ row: { original: u } }) =>
          u.id === me?.id ? (
            <span className="fw-muted admin-hint">You</span>
          ) : (
            <SuspendToggle
              active={u.status === 'active'}
              what={u.name ?? u.phone ?? u.email ?? 'this user'}
              suspendEffect="Every session they have ends at once."
              busy={setStatus.isPending && setStatus.variables?.userId === u.id}
              disabled={setStatus.isPending}
              onChange={(status) => setStatus.mutate({ userId: u.id, status })}
            />
          ),
      },
    ],
    [me?.id, setStatus],
  );

  return (
    <>
      <h1 className="admin-title">Users</h1>
      <SearchForm
        key={term}
        label="Search users"
        field="Phone, email or name"
        term={term}
        busy={users.isFetching}
        onSearch={(q) => void navigate({ search: { q } })}
      />
      {problem ? <ProblemAlert title="Could not change the user" problem={problem} /> : null}
      <PagedTable
        query={users}
        what="users"
        empty={<p>{term ? `Nobody matches “${term}”.` : 'No users yet.'}</p>}
        label="Users"
        columns={columns}
        getRowId={(u) => u.id}
        // The server lists newest first; a sort orders this page's rows.
        sorting={sortingFromParam(search.sort)}
        onSortingChange={(sorting) => void navigate({ search: (prev) => ({ ...prev, sort: sortingToParam(sorting) }) })}
        hideableColumns
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
