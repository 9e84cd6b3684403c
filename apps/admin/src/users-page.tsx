import { QueryState, type RouterOutputs, type SessionUser, useProblem, useTRPC } from '@fareway/api-client';
import { Button, formatDateTime, formatPhone, humanize, Pager, ProblemAlert, StatusBadge, TextField, useRouter } from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

type User = RouterOutputs['users']['list']['items'][number];

/** Users, newest first, searchable; suspend (revokes every session at once) or reactivate. */
export function UsersPage({ me }: { me: SessionUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { search, navigate } = useRouter();
  const term = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState(term);
  const users = useQuery(
    trpc.users.list.queryOptions({ search: term || undefined, page, limit: 25 }, { placeholderData: keepPreviousData }),
  );
  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.users.list.pathFilter()) }),
  );
  const problem = useProblem(setStatus.error);

  function go(q: string, nextPage = 1) {
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (nextPage > 1) params.set('page', String(nextPage));
    navigate(params.size > 0 ? `/users?${params}` : '/users');
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go(draft);
  }

  return (
    <>
      <h1 className="admin-title">Users</h1>
      <form className="admin-search" onSubmit={onSearch} aria-label="Search users">
        <TextField label="Phone, email or name" name="q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <Button type="submit" variant="secondary" busy={users.isFetching} busyLabel="Searching…">
          Search
        </Button>
      </form>
      {problem ? <ProblemAlert title="Could not change the user" problem={problem} /> : null}
      <QueryState
        query={users}
        what="users"
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{term ? `Nobody matches “${term}”.` : 'No users yet.'}</p>}
      >
        {(data) => (
          <>
            <div className="fw-table-wrap">
              <table className="fw-table">
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Joined</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="admin-visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      isMe={user.id === me.id}
                      busy={setStatus.isPending && setStatus.variables?.userId === user.id}
                      disabled={setStatus.isPending}
                      onStatus={(status) => setStatus.mutate({ userId: user.id, status })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={users.isFetching}
              onPage={(next) => go(term, next)}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

function UserRow({
  user,
  isMe,
  busy,
  disabled,
  onStatus,
}: {
  user: User;
  isMe: boolean;
  busy: boolean;
  disabled: boolean;
  onStatus: (status: User['status']) => void;
}) {
  return (
    <tr>
      <td>
        {user.name ?? <span className="fw-muted">No name</span>}
        <div className="fw-muted admin-hint">{[user.phone ? formatPhone(user.phone) : null, user.email].filter(Boolean).join(' · ')}</div>
      </td>
      <td>{user.roles.map(humanize).join(', ')}</td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td>
        <StatusBadge variant={user.status === 'active' ? 'ok' : 'down'}>{humanize(user.status)}</StatusBadge>
      </td>
      <td className="admin-actions">
        {isMe ? (
          <span className="fw-muted admin-hint">You</span>
        ) : user.status === 'active' ? (
          <Button variant="secondary" busy={busy} busyLabel="Suspending…" disabled={disabled} onClick={() => onStatus('suspended')}>
            Suspend
          </Button>
        ) : (
          <Button variant="secondary" busy={busy} busyLabel="Reactivating…" disabled={disabled} onClick={() => onStatus('active')}>
            Reactivate
          </Button>
        )}
      </td>
    </tr>
  );
}
