import { type DatabaseOrTransaction, rawClient } from '@fareway/db';
import { sql } from 'drizzle-orm';

/**
 * The transaction-local setting by which a transaction tells the outbox triggers
 * (drizzle/0023) that it wakes the workers itself after commit (wakeOutboxes).
 */
export const WAKE_AFTER_COMMIT = sql`set_config('fareway.outbox_wake', 'after_commit', true)`;

/** At most one wake-up NOTIFY per channel set this often per process, however many commits asked. */
const GAP_MS = 20;

interface Waker {
  channels: Set<string>;
  timer: NodeJS.Timeout | null;
  sending: boolean;
  lastAt: number;
}

const wakers = new WeakMap<object, Waker>();

/**
 * Wakes the workers listening on `channels` soon after the caller's commit, coalesced:
 * one NOTIFY statement per GAP_MS per process for every commit that asked meanwhile.
 * Why (issue 16): a transaction that NOTIFYs takes a database-wide lock at commit and
 * keeps it through its WAL flush, so holds that each NOTIFYd committed one at a time;
 * now they commit together and this process sends a few NOTIFYs a second instead of
 * one per hold. A wake-up lost here (the process dies, the database is away) costs
 * the workers' polling interval, never the message: the work is rows in Postgres.
 */
export function wakeOutboxes(db: DatabaseOrTransaction, channels: readonly string[]): void {
  const client = rawClient(db);
  let waker = wakers.get(client);
  if (!waker) {
    waker = { channels: new Set(), timer: null, sending: false, lastAt: 0 };
    wakers.set(client, waker);
  }
  for (const channel of channels) waker.channels.add(channel);
  schedule(client, waker);
}

function schedule(client: ReturnType<typeof rawClient>, waker: Waker): void {
  if (waker.timer || waker.sending || waker.channels.size === 0) return;
  const wait = Math.max(0, waker.lastAt + GAP_MS - Date.now());
  waker.timer = setTimeout(() => {
    waker.timer = null;
    const channels = [...waker.channels];
    waker.channels.clear();
    waker.sending = true;
    waker.lastAt = Date.now();
    client`select pg_notify(c, '') from unnest(${client.array(channels)}::text[]) as c`
      .catch(() => {
        // The pool is closing or the database is away: the workers' polling finds the rows.
      })
      .finally(() => {
        waker.sending = false;
        schedule(client, waker);
      });
  }, wait);
  waker.timer.unref();
}
