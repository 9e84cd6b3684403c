import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import { browserTimeZone, type ColumnDef, formatDateTime, formatPhone, humanize, StatusBadge, type StatusVariant } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { PagedTable } from './lib/paged-table';
import { StatusTabs } from './lib/status-tabs';

type Message = RouterOutputs['admin']['notifications']['list']['items'][number];
type Status = Message['status'];

const route = getRouteApi('/notifications');

const STATUSES: ReadonlyArray<{ value: Status | undefined; label: string }> = [
  { value: undefined, label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'dead', label: 'Gave up' },
];

const look = (status: Status): StatusVariant => (status === 'sent' ? 'ok' : status === 'queued' || status === 'sending' ? 'warn' : 'down');

const columns: Array<ColumnDef<Message, unknown>> = [
  { id: 'createdAt', header: 'Queued', cell: ({ row: { original: m } }) => formatDateTime(m.createdAt, browserTimeZone()) },
  {
    id: 'to',
    header: 'To',
    cell: ({ row: { original: m } }) => (
      <span className="admin-wrap">
        {m.channel === 'sms' ? formatPhone(m.recipient) : m.recipient}{' '}
        <span className="fw-muted admin-hint">{m.channel.toUpperCase()}</span>
      </span>
    ),
  },
  {
    id: 'message',
    header: 'Message',
    cell: ({ row: { original: m } }) => (
      <span className="admin-wrap">
        <strong>{humanize(m.kind)}</strong>
        {m.subject ? ` · ${m.subject}` : null}
        <br />
        <span className={m.masked ? 'fw-muted' : undefined}>{m.body.length > 160 ? `${m.body.slice(0, 160)}…` : m.body}</span>
      </span>
    ),
  },
  {
    id: 'status',
    header: 'State',
    cell: ({ row: { original: m } }) => (
      <span>
        <StatusBadge variant={look(m.status)}>{humanize(m.status)}</StatusBadge>
        {m.lastError ? <span className="fw-muted admin-hint admin-wrap"> {m.lastError}</span> : null}
      </span>
    ),
  },
  {
    id: 'attempts',
    header: 'Attempts',
    meta: { numeric: true },
    cell: ({ row: { original: m } }) => (
      <span title={m.attempts.map((a) => `#${a.attempt} ${a.outcome ?? 'in flight'}${a.error ? `: ${a.error}` : ''}`).join('\n')}>
        {m.attempts.length}
      </span>
    ),
  },
  {
    id: 'sentAt',
    header: 'Sent',
    cell: ({ row: { original: m } }) => (m.sentAt ? formatDateTime(m.sentAt, browserTimeZone()) : '—'),
  },
];

/** The email and SMS outbox: what was sent to whom, its state and tries; sign-in codes are masked in production. */
export function NotificationsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const messages = useQuery(
    trpc.admin.notifications.list.queryOptions(
      { status: search.status, channel: search.channel, page: search.page ?? 1, limit: 25 },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <>
      <h1 className="admin-title">Notifications</h1>
      <StatusTabs base="/notifications" current={search.status} options={STATUSES} />
      <PagedTable
        query={messages}
        what="the outbox"
        empty={<p>No messages{search.status ? ` in state “${humanize(search.status)}”` : ''}.</p>}
        label="Outbox"
        columns={columns}
        getRowId={(m) => m.id}
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
