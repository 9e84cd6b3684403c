import { Card } from './card';
import { formatAbsolute, formatRelative } from './format';
import { StatusBadge, type StatusVariant } from './status-badge';

/** The shape of `system.status` (structurally; the UI does not depend on the API package). */
export interface SystemStatus {
  version: string;
  environment: string;
  /** Server time of the check, ISO 8601. */
  time: string;
  database: { ok: boolean; latencyMs: number | null; serverVersion: string | null };
  migrations: { applied: string | null; expected: string | null; current: boolean };
  worker: { lastSeenAt: string | null; alive: boolean };
}

export interface SystemStatusCardProps {
  status: SystemStatus | undefined | null;
  isLoading?: boolean;
  error?: { message: string } | null;
  /** Card heading; defaults to "System status". */
  title?: string;
  level?: 2 | 3;
}

export interface OverallHealth {
  variant: StatusVariant;
  label: string;
}

/** Down when the database is unreachable; degraded when migrations lag or the worker is silent. */
export function overallHealth(status: SystemStatus): OverallHealth {
  if (!status.database.ok) return { variant: 'down', label: 'Down' };
  if (!status.migrations.current || !status.worker.alive) return { variant: 'warn', label: 'Degraded' };
  return { variant: 'ok', label: 'Operational' };
}

function Tag({ value }: { value: string | null }) {
  return value === null ? <span className="fw-muted">unknown</span> : <code className="fw-tag">{value}</code>;
}

function StatusDetails({ status }: { status: SystemStatus }) {
  const { database, migrations, worker } = status;
  return (
    <>
      <dl className="fw-kv">
        <div className="fw-kv__row">
          <dt>Version</dt>
          <dd>
            <code className="fw-tag">{status.version}</code>
          </dd>
        </div>
        <div className="fw-kv__row">
          <dt>Environment</dt>
          <dd>{status.environment}</dd>
        </div>
        <div className="fw-kv__row">
          <dt>Database</dt>
          <dd>
            <StatusBadge variant={database.ok ? 'ok' : 'down'}>{database.ok ? 'up' : 'down'}</StatusBadge>
            <span className="fw-kv__detail">
              {database.ok ? (database.latencyMs === null ? 'latency unknown' : `${database.latencyMs} ms`) : 'unreachable'}
            </span>
          </dd>
        </div>
        <div className="fw-kv__row">
          <dt>Database server</dt>
          <dd>{database.serverVersion ?? <span className="fw-muted">unknown</span>}</dd>
        </div>
        <div className="fw-kv__row">
          <dt>Migrations</dt>
          <dd>
            <StatusBadge variant={migrations.current ? 'ok' : 'warn'}>
              {migrations.current ? 'current' : migrations.applied === null ? 'unknown' : 'behind'}
            </StatusBadge>
            <span className="fw-kv__detail">
              {migrations.applied === null ? (
                <>
                  expected <Tag value={migrations.expected} />
                </>
              ) : (
                <>
                  <Tag value={migrations.applied} /> of <Tag value={migrations.expected} />
                </>
              )}
            </span>
          </dd>
        </div>
        <div className="fw-kv__row">
          <dt>Worker</dt>
          <dd>
            <StatusBadge variant={worker.alive ? 'ok' : 'down'}>{worker.alive ? 'alive' : 'down'}</StatusBadge>
            <span className="fw-kv__detail">
              {worker.lastSeenAt === null ? (
                'never seen'
              ) : (
                <>
                  last seen{' '}
                  <time dateTime={worker.lastSeenAt} title={formatAbsolute(worker.lastSeenAt)}>
                    {formatRelative(worker.lastSeenAt, status.time)}
                  </time>
                </>
              )}
            </span>
          </dd>
        </div>
      </dl>
      <p className="fw-status__checked">
        Checked <time dateTime={status.time}>{formatAbsolute(status.time)}</time>
      </p>
    </>
  );
}

/** Version, database, migration level and worker liveness, as `system.status` reports them. */
export function SystemStatusCard({ status, isLoading = false, error, title = 'System status', level }: SystemStatusCardProps) {
  const health = status ? overallHealth(status) : null;
  return (
    <Card
      title={title}
      className="fw-status"
      {...(level === undefined ? {} : { level })}
      actions={
        health ? (
          <span role="status">
            <StatusBadge variant={health.variant}>{health.label}</StatusBadge>
          </span>
        ) : null
      }
    >
      {error ? (
        <p className="fw-status__error" role="alert">
          {status ? 'Could not refresh; showing the last known status.' : 'Could not load the system status.'} {error.message}
        </p>
      ) : null}
      {status ? (
        <StatusDetails status={status} />
      ) : isLoading ? (
        <p className="fw-muted" role="status">
          Loading system status…
        </p>
      ) : null}
    </Card>
  );
}
