import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import { browserTimeZone, type ColumnDef, formatDateTime, TextField, zonedInputToInstant } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AuditDiff } from '../lib/audit-diff';
import { dayRange, FilterForm } from '../lib/filters';
import { PagedTable } from '../lib/paged-table';
import { PersonName } from '../lib/person';

type Line = RouterOutputs['admin']['audit']['list']['items'][number];

const route = getRouteApi('/audit');

function Subject({ line }: { line: Line }) {
  const id = line.subjectId;
  if (id && line.subjectType === 'booking') {
    return (
      <Link to="/bookings/$bookingId" params={{ bookingId: id }}>
        Booking {id.slice(-8)}
      </Link>
    );
  }
  if (id && line.subjectType === 'payment') {
    return (
      <Link to="/payments/$paymentId" params={{ paymentId: id }}>
        Payment {id.slice(-8)}
      </Link>
    );
  }
  return (
    <span>
      {line.subjectType}
      {id ? <span className="fw-muted admin-hint"> {id}</span> : null}
    </span>
  );
}

const columns: Array<ColumnDef<Line, unknown>> = [
  { id: 'at', header: 'When', cell: ({ row: { original: l } }) => formatDateTime(l.at, browserTimeZone()) },
  { id: 'actor', header: 'Who', cell: ({ row: { original: l } }) => <PersonName person={l.actor} /> },
  { id: 'action', header: 'Action', cell: ({ row: { original: l } }) => <code className="fw-tag">{l.action}</code> },
  { id: 'subject', header: 'Subject', cell: ({ row: { original: l } }) => <Subject line={l} /> },
  { id: 'change', header: 'Change', cell: ({ row: { original: l } }) => <AuditDiff before={l.before} after={l.after} /> },
];

/** The audit log, newest first: by who, what action, which subject and when; each change shown as a diff. */
export function AuditPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { from, to, ...rest } = search;
  const input = { ...rest, ...dayRange(from, to, browserTimeZone(), zonedInputToInstant), page: search.page ?? 1, limit: 25 };
  const audit = useQuery(trpc.admin.audit.list.queryOptions(input, { placeholderData: keepPreviousData }));
  return (
    <>
      <h1 className="admin-title">Audit log</h1>
      <FilterForm
        key={JSON.stringify(search)}
        label="Filter the audit log"
        busy={audit.isFetching}
        onApply={(values) =>
          void navigate({
            search: {
              actor: values.actor,
              action: values.action,
              subjectType: values.subjectType,
              subjectId: values.subjectId,
              from: values.from,
              to: values.to,
            },
          })
        }
        onClear={() => void navigate({ search: {} })}
      >
        <TextField label="Who (email or phone)" name="actor" type="search" defaultValue={search.actor ?? ''} autoComplete="off" />
        <TextField
          label="Action"
          name="action"
          type="search"
          defaultValue={search.action ?? ''}
          hint="e.g. booking.cancel"
          autoComplete="off"
        />
        <TextField
          label="Subject type"
          name="subjectType"
          type="search"
          defaultValue={search.subjectType ?? ''}
          hint="e.g. booking, user"
          autoComplete="off"
        />
        <TextField label="Subject id" name="subjectId" type="search" defaultValue={search.subjectId ?? ''} autoComplete="off" />
        <TextField label="From" name="from" type="date" defaultValue={search.from ?? ''} />
        <TextField label="Until" name="to" type="date" defaultValue={search.to ?? ''} />
      </FilterForm>
      <PagedTable
        query={audit}
        what="the audit log"
        empty={<p>Nothing recorded matches.</p>}
        label="Audit log"
        columns={columns}
        getRowId={(l) => l.id}
        hideableColumns
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
