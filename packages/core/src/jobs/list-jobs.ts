import { queues } from '@fareway/jobs';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';

export interface JobRun {
  id: string;
  state: string;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
}

export interface QueueStatus {
  name: string;
  /** What pg-boss runs it on (UTC), or null when it only runs when something sends it work. */
  schedule: { cron: string; timezone: string } | null;
  counts: Record<'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed', number>;
  lastRuns: JobRun[];
}

const LAST_RUNS = 5;

function messageOf(output: unknown): string | null {
  if (output === null || typeof output !== 'object') return null;
  const message = (output as { message?: unknown }).message;
  return typeof message === 'string' ? message.slice(0, 500) : JSON.stringify(output).slice(0, 500);
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * `GET /admin/jobs`: every queue of the registry with its schedule, its jobs
 * counted by state, and its last runs (state, attempts, started, finished, last
 * error), read from pg-boss's own tables (`job`, and `archive` for runs it has
 * already moved away).
 */
export async function listJobs(deps: Pick<Deps, 'db'>): Promise<{ queues: QueueStatus[] }> {
  const names = Object.values(queues).map((q) => q.name);
  const list = sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );
  const [schedules, counts, runs] = await Promise.all([
    deps.db.execute<{ name: string; cron: string; timezone: string }>(
      sql`select name, cron, timezone from pgboss.schedule where name in (${list})`,
    ),
    deps.db.execute<{ name: string; state: string; n: number }>(
      sql`select name, state::text as state, count(*)::int as n from pgboss.job where name in (${list}) group by name, state`,
    ),
    deps.db.execute<{
      id: string;
      name: string;
      state: string;
      retry_count: number;
      created_on: Date | string;
      started_on: Date | string | null;
      completed_on: Date | string | null;
      output: unknown;
    }>(sql`
      select q.name, r.* from unnest(array[${list}]::text[]) as q(name)
      cross join lateral (
        select id, state::text as state, retry_count, created_on, started_on, completed_on, output from (
          (select id, state, retry_count, created_on, started_on, completed_on, output from pgboss.job
            where name = q.name order by created_on desc limit ${LAST_RUNS})
          union all
          (select id, state, retry_count, created_on, started_on, completed_on, output from pgboss.archive
            where name = q.name order by created_on desc limit ${LAST_RUNS})
        ) both_tables order by created_on desc limit ${LAST_RUNS}
      ) r`),
  ]);
  return {
    queues: names.map((name) => {
      const schedule = [...schedules].find((s) => s.name === name);
      const byState = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };
      for (const row of counts) if (row.name === name && row.state in byState) byState[row.state as keyof typeof byState] = row.n;
      return {
        name,
        schedule: schedule ? { cron: schedule.cron, timezone: schedule.timezone } : null,
        counts: byState,
        lastRuns: [...runs]
          .filter((r) => r.name === name)
          .map((r) => ({
            id: r.id,
            state: r.state,
            attempts: r.retry_count + (r.started_on ? 1 : 0),
            createdAt: iso(r.created_on) ?? '',
            startedAt: iso(r.started_on),
            finishedAt: iso(r.completed_on),
            lastError: r.state === 'failed' || r.state === 'retry' ? messageOf(r.output) : null,
          })),
      };
    }),
  };
}
