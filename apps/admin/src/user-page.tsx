import { type RouterOutputs, useProblem, useSession, useTRPC } from '@fareway/api-client';
import {
  Button,
  browserTimeZone,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  formatPhone,
  humanize,
  ProblemAlert,
  StatusBadge,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { bookingColumns } from './back-office/bookings-page';
import { DetailHead, DetailPage } from './lib/detail-page';
import { SuspendToggle } from './lib/suspend-toggle';

type AdminUser = RouterOutputs['users']['get'];
type Role = AdminUser['user']['roles'][number];
const ROLES: ReadonlyArray<{ value: Role; label: string; hint: string }> = [
  { value: 'customer', label: 'Customer', hint: 'books rentals and seats' },
  { value: 'driver', label: 'Driver', hint: 'lists vehicles' },
  { value: 'admin', label: 'Admin', hint: 'runs this console' },
];

const route = getRouteApi('/users/$userId');

const membershipColumns: Array<ColumnDef<AdminUser['memberships'][number], unknown>> = [
  { id: 'name', header: 'Operator', accessorFn: (m) => m.name },
  { id: 'role', header: 'Role', accessorFn: (m) => humanize(m.role) },
  {
    id: 'status',
    header: 'Operator status',
    cell: ({ row: { original: m } }) => (
      <StatusBadge variant={m.status === 'approved' ? 'ok' : m.status === 'pending' ? 'warn' : 'down'}>{humanize(m.status)}</StatusBadge>
    ),
  },
];

const sessionColumns: Array<ColumnDef<AdminUser['sessions'][number], unknown>> = [
  { id: 'createdAt', header: 'Signed in', cell: ({ row: { original: s } }) => formatDateTime(s.createdAt, browserTimeZone()) },
  { id: 'expiresAt', header: 'Expires', cell: ({ row: { original: s } }) => formatDateTime(s.expiresAt, browserTimeZone()) },
  { id: 'ip', header: 'From', cell: ({ row: { original: s } }) => s.ip ?? '—' },
  { id: 'userAgent', header: 'Device', cell: ({ row: { original: s } }) => <span className="admin-wrap">{s.userAgent ?? '—'}</span> },
];

/** One user: who they are, their roles (editable), operators they belong to, live sessions and bookings; suspend or reinstate. */
export function UserPage() {
  const trpc = useTRPC();
  const { userId } = route.useParams();
  const user = useQuery(trpc.users.get.queryOptions({ userId }));
  return (
    <DetailPage back={{ to: '/users', label: 'Users' }} query={user} what="the user">
      {(data) => <UserView data={data} />}
    </DetailPage>
  );
}

function UserView({ data }: { data: AdminUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().user;
  const { user } = data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.users.get.queryFilter({ userId: user.id })),
      queryClient.invalidateQueries(trpc.users.list.pathFilter()),
    ]);
  const setStatus = useMutation(trpc.users.setStatus.mutationOptions({ onSuccess: refresh }));
  const setRoles = useMutation(trpc.users.setRoles.mutationOptions({ onSuccess: refresh }));
  const [roles, setDraftRoles] = useState<Role[]>(user.roles);
  const statusProblem = useProblem(setStatus.error);
  const rolesProblem = useProblem(setRoles.error);
  const name = user.name ?? (user.phone ? formatPhone(user.phone) : null) ?? user.email ?? 'This user';
  const changed = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));

  function onSaveRoles(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRoles.mutate({ userId: user.id, roles });
  }

  return (
    <div className="fw-stack">
      <DetailHead
        title={
          <>
            {name} <StatusBadge variant={user.status === 'active' ? 'ok' : 'down'}>{humanize(user.status)}</StatusBadge>
          </>
        }
      >
        {user.id === me?.id ? null : (
          <SuspendToggle
            active={user.status === 'active'}
            what={name}
            suspendEffect="Every session they have ends at once, and they cannot sign in until reinstated."
            busy={setStatus.isPending}
            onChange={(status) => setStatus.mutate({ userId: user.id, status })}
          />
        )}
      </DetailHead>
      {statusProblem ? <ProblemAlert title="Could not change the user" problem={statusProblem} /> : null}
      <Card title="Profile">
        <Facts>
          <Fact label="Phone">{user.phone ? formatPhone(user.phone) : '—'}</Fact>
          <Fact label="Email">{user.email ?? '—'}</Fact>
          <Fact label="Language">{user.locale ?? 'en'}</Fact>
          <Fact label="Joined">{formatDateTime(user.createdAt, browserTimeZone())}</Fact>
        </Facts>
      </Card>
      <Card title="Roles">
        <form className="fw-form" onSubmit={onSaveRoles} aria-label="Roles">
          <fieldset className="admin-roles">
            <legend className="fw-visually-hidden">Roles</legend>
            {ROLES.map((role) => (
              <label key={role.value} className="admin-check">
                <input
                  type="checkbox"
                  name="roles"
                  value={role.value}
                  checked={roles.includes(role.value)}
                  onChange={(e) => setDraftRoles((now) => (e.target.checked ? [...now, role.value] : now.filter((r) => r !== role.value)))}
                />{' '}
                {role.label} <span className="fw-muted admin-hint">({role.hint})</span>
              </label>
            ))}
          </fieldset>
          {rolesProblem ? <ProblemAlert title="Could not change the roles" problem={rolesProblem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" busy={setRoles.isPending} busyLabel="Saving…" disabled={!changed}>
              Save roles
            </Button>
          </div>
        </form>
      </Card>
      <Card title="Operators they belong to">
        {data.memberships.length === 0 ? (
          <p className="fw-muted">None.</p>
        ) : (
          <DataTable label="Memberships" data={data.memberships} columns={membershipColumns} getRowId={(m) => m.organizationId} />
        )}
      </Card>
      <Card title={`Live sessions (${data.sessions.length})`}>
        {data.sessions.length === 0 ? (
          <p className="fw-muted">No live session.</p>
        ) : (
          <DataTable label="Sessions" data={data.sessions} columns={sessionColumns} getRowId={(s) => s.createdAt + (s.ip ?? '')} />
        )}
      </Card>
      <Card title={`Bookings (${data.bookings.total})`}>
        {data.bookings.items.length === 0 ? (
          <p className="fw-muted">No bookings.</p>
        ) : (
          <>
            <DataTable label="Their bookings" data={data.bookings.items} columns={bookingColumns} getRowId={(b) => b.id} />
            {data.bookings.total > data.bookings.items.length && user.phone ? (
              <p>
                <Link to="/bookings" search={{ phone: user.phone }}>
                  All {data.bookings.total} bookings
                </Link>
              </p>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
