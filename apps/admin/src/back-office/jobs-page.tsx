import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  browserTimeZone,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  humanize,
  ProblemAlert,
  StatusBadge,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

type Queue = RouterOutputs['admin']['jobs']['list']['queues'][number];
type Run = Queue['lastRuns'][number];

const runColumns: Array<ColumnDef<Run, unknown>> = [
  {
    id: 'state',
    header: 'State',
    cell: ({ row: { original: r } }) => (
      <StatusBadge variant={r.state === 'completed' ? 'ok' : r.state === 'failed' ? 'down' : 'warn'}>{humanize(r.state)}</StatusBadge>
    ),
  },
  { id: 'created', header: 'Queued', cell: ({ row: { original: r } }) => formatDateTime(r.createdAt, browserTimeZone()) },
  {
    id: 'finished',
    header: 'Finished',
    cell: ({ row: { original: r } }) => (r.finishedAt ? formatDateTime(r.finishedAt, browserTimeZone()) : '—'),
  },
  { id: 'attempts', header: 'Attempts', meta: { numeric: true }, cell: ({ row: { original: r } }) => r.attempts },
  { id: 'error', header: 'Last error', cell: ({ row: { original: r } }) => r.lastError ?? '—' },
];

/** Every queue: its schedule, its jobs counted by state, its last runs; run one now, retry the failed. */
export function JobsPage() {
  const trpc = useTRPC();
  const jobs = useQuery(trpc.admin.jobs.list.queryOptions(undefined, { refetchInterval: 5_000 }));
  return (
    <>
      <h1 className="admin-title">Jobs</h1>
      <QueryState query={jobs} what="the job queues">
        {(data) => (
          <ul className="admin-list">
            {data.queues.map((queue) => (
              <li key={queue.name}>
                <QueueCard queue={queue} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function QueueCard({ queue }: { queue: Queue }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries(trpc.admin.jobs.list.pathFilter());
  const run = useMutation(trpc.admin.jobs.run.mutationOptions({ onSuccess: done }));
  const retry = useMutation(trpc.admin.jobs.retry.mutationOptions({ onSuccess: done }));
  const problem = useProblem(run.error ?? retry.error);
  const { counts } = queue;
  return (
    <Card
      title={queue.name}
      actions={
        counts.failed > 0 ? (
          <StatusBadge variant="down">{counts.failed} failed</StatusBadge>
        ) : (
          <StatusBadge variant="ok">Healthy</StatusBadge>
        )
      }
    >
      <div className="fw-stack">
        <Facts>
          <Fact label="Schedule">{queue.schedule ? `${queue.schedule.cron} (${queue.schedule.timezone})` : 'On demand'}</Fact>
          <Fact label="Jobs">
            {counts.created} waiting · {counts.active} running · {counts.retry} to retry · {counts.completed} done · {counts.failed} failed
          </Fact>
        </Facts>
        {problem ? <ProblemAlert title={`Could not act on ${queue.name}`} problem={problem} /> : null}
        {run.isSuccess ? (
          <p role="status" className="admin-hint">
            Queued a run of {queue.name}.
          </p>
        ) : null}
        {retry.isSuccess ? (
          <p role="status" className="admin-hint">
            {retry.data.retried} failed job{retry.data.retried === 1 ? '' : 's'} queued again.
          </p>
        ) : null}
        <div className="fw-row">
          <Button variant="secondary" busy={run.isPending} busyLabel="Queuing…" onClick={() => run.mutate({ name: queue.name })}>
            Run now
          </Button>
          <Button
            variant="secondary"
            busy={retry.isPending}
            busyLabel="Retrying…"
            disabled={counts.failed === 0}
            onClick={() => retry.mutate({ name: queue.name })}
          >
            Retry failed
          </Button>
        </div>
        {queue.lastRuns.length === 0 ? (
          <p className="fw-muted admin-hint">No runs yet.</p>
        ) : (
          <DataTable label={`Last runs of ${queue.name}`} data={queue.lastRuns} columns={runColumns} getRowId={(r) => r.id} />
        )}
      </div>
    </Card>
  );
}
