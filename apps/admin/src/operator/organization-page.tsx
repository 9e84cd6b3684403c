import { MemberInput } from '@fareway/api/operator-inputs';
import { QueryState, type RouterOutputs, useProblem, useSession, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  ProblemAlert,
  SelectField,
  TextField,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { ConfirmAction } from '../lib/confirm-action';
import { PersonName } from '../lib/person';
import { checkForm } from './form-errors';
import { OfficeFrame, type Organization, OrganizationStatus } from './office-frame';

const route = getRouteApi('/office/$organizationId');

const NEXT_STEPS = [
  { to: '/office/$organizationId/layouts', label: 'Draw a seat layout' },
  { to: '/office/$organizationId/buses', label: 'Add a bus with that layout' },
  { to: '/office/$organizationId/routes', label: 'Add a route: its stops, times and fares' },
  { to: '/office/$organizationId/trips', label: 'Publish a timetable of trips' },
] as const;

type Member = RouterOutputs['organizations']['members']['items'][number];

/** An organisation's front page: where its application stands, what to set up next, who works there and (owners) adding or removing staff. */
export function OrganizationPage() {
  const { organizationId } = route.useParams();
  return (
    <OfficeFrame organizationId={organizationId} title="Overview">
      {(org) => (
        <div className="admin-grid">
          <Card title={org.name}>
            <Facts>
              <Fact label="Status">
                <OrganizationStatus status={org.status} />
              </Fact>
              <Fact label="Time zone">{org.timeZone}</Fact>
              <Fact label="Your role">{org.myRole === 'owner' ? 'Owner' : org.myRole === 'staff' ? 'Staff' : 'Administrator'}</Fact>
            </Facts>
            {org.status === 'pending' ? (
              <Alert variant="info">
                Fareway is reviewing your application. You can set up layouts, buses and routes now; customers find your trips once you are
                approved.
              </Alert>
            ) : null}
            {org.status === 'suspended' ? (
              <Alert>This operator is suspended: its trips are not on sale. Contact Fareway support.</Alert>
            ) : null}
            <ol className="op-steps">
              {NEXT_STEPS.map((step) => (
                <li key={step.to}>
                  <Link to={step.to} params={{ organizationId }}>
                    {step.label}
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
          {org.myRole === 'owner' || org.myRole === null ? <AddMemberCard organization={org} /> : null}
          <MembersCard organization={org} />
        </div>
      )}
    </OfficeFrame>
  );
}

/** Owners add staff (or co-owners) by phone or email; the person must have signed in to Fareway once. */
function AddMemberCard({ organization }: { organization: Organization }) {
  const trpc = useTRPC();
  const [contact, setContact] = useState('');
  const [role, setRole] = useState<'staff' | 'owner'>('staff');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const add = useMutation(
    trpc.organizations.addMember.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.organizations.members.queryFilter({ organizationId: organization.id })),
    }),
  );
  const problem = useProblem(add.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = contact.trim();
    const byEmail = value.includes('@');
    const checked = checkForm(MemberInput, byEmail ? { email: value, role } : { phoneNumber: value, role });
    if (!checked.ok || value === '') {
      setErrors({
        contact: value === '' ? 'Give a phone number or an email address' : ((checked.ok ? '' : Object.values(checked.errors)[0]) ?? ''),
      });
      return;
    }
    setErrors({});
    add.mutate({ organizationId: organization.id, ...checked.data }, { onSuccess: () => setContact('') });
  }

  return (
    <Card title="Add staff">
      <form className="fw-form" onSubmit={onSubmit} noValidate>
        {add.isSuccess ? (
          <Alert variant="info">
            Added as {add.data.role === 'owner' ? 'an owner' : 'staff'}. They see {organization.name} the next time they sign in to this
            console.
          </Alert>
        ) : null}
        {problem ? <ProblemAlert title="Could not add them" problem={problem} /> : null}
        <TextField
          label="Phone or email"
          name="contact"
          hint="They must have signed in to Fareway once (the app or this console)."
          value={contact}
          error={errors.contact}
          onChange={(event) => setContact(event.target.value)}
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          options={[
            { value: 'staff', label: 'Staff: timetables, trips and manifests' },
            { value: 'owner', label: 'Owner: also staff and statements' },
          ]}
          onChange={(event) => setRole(event.target.value === 'owner' ? 'owner' : 'staff')}
        />
        <div className="fw-form__actions">
          <Button type="submit" busy={add.isPending} busyLabel="Adding…">
            Add to {organization.name}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Who works for the organisation: name and how to reach them, role, since when; owners (and admins) remove people. */
function MembersCard({ organization }: { organization: Organization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().user;
  const members = useQuery(trpc.organizations.members.queryOptions({ organizationId: organization.id }));
  const remove = useMutation(
    trpc.organizations.removeMember.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.organizations.members.queryFilter({ organizationId: organization.id })),
    }),
  );
  const problem = useProblem(remove.error);
  const mayRemove = organization.myRole === 'owner' || organization.myRole === null;
  // The server keeps the last owner; the page does not offer what it would refuse.
  const owners = members.data?.items.filter((m) => m.role === 'owner').length ?? 0;
  const columns = useMemo<Array<ColumnDef<Member, unknown>>>(
    () => [
      {
        id: 'person',
        header: 'Person',
        accessorFn: (m) => m.user.name ?? m.user.phone ?? m.user.email ?? '',
        cell: ({ row: { original: m } }) => <PersonName person={m.user} />,
      },
      { id: 'role', header: 'Role', accessorFn: (m) => (m.role === 'owner' ? 'Owner' : 'Staff') },
      {
        id: 'added',
        header: 'Added',
        accessorFn: (m) => m.addedAt,
        cell: ({ row: { original: m } }) => formatDateTime(m.addedAt, organization.timeZone),
      },
      ...(mayRemove
        ? [
            {
              id: 'actions',
              header: () => <span className="fw-visually-hidden">Actions</span>,
              enableSorting: false,
              cell: ({ row: { original: m } }: { row: { original: Member } }) =>
                m.role === 'owner' && owners <= 1 ? (
                  <span className="fw-muted admin-hint">The only owner</span>
                ) : (
                  <ConfirmAction
                    label="Remove…"
                    confirmLabel="Remove"
                    busyLabel="Removing…"
                    busy={remove.isPending && remove.variables?.userId === m.user.id}
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate({ organizationId: organization.id, userId: m.user.id })}
                  >
                    {m.user.id === me?.id ? 'Remove yourself?' : `Remove ${m.user.name ?? 'them'}?`} They lose access to {organization.name}{' '}
                    at once.
                  </ConfirmAction>
                ),
            } satisfies ColumnDef<Member, unknown>,
          ]
        : []),
    ],
    [mayRemove, owners, remove, me?.id, organization],
  );
  return (
    <Card title="People">
      {problem ? <ProblemAlert title="Could not remove them" problem={problem} /> : null}
      <QueryState query={members} what="the people">
        {(data) => <DataTable label="People" data={data.items} columns={columns} getRowId={(m) => m.user.id} />}
      </QueryState>
    </Card>
  );
}
