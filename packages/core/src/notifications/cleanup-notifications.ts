import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';

const BATCH = 5000;

/**
 * The `cleanup-notifications` job: deletes delivered messages (and their
 * attempts, by cascade) older than the retention period, in batches so a large
 * backlog never holds one long lock. Failed and dead ones stay for people to
 * look at. Deleting is idempotent: two runs at once, or a run killed half-way
 * and retried, leave the same table.
 */
export async function cleanupNotifications(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.notifications.retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const rows = await deps.db.execute<{ id: string }>(sql`
      delete from notifications where id in (
        select id from notifications where status = 'sent' and sent_at < ${cutoff.toISOString()}::timestamptz
        limit ${BATCH} for update skip locked)
      returning id`);
    deleted += rows.length;
    if (rows.length < BATCH) return { deleted };
  }
}
