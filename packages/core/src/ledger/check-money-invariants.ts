import { type DatabaseOrTransaction, rawClient } from '@fareway/db';

/**
 * Reads the money invariants back from the database and returns what is wrong
 * (empty when all hold). Every integration test file runs it before its
 * database is dropped (createTestDeps' cleanup); operators can run it too.
 *
 * - the whole ledger, and every journal, sums to zero in each currency;
 * - no payment has more refunded (pending or done) than it captured, and the
 *   running total on the payment equals its refunds;
 * - no captured booking payment sits on a booking that is unpaid (pending /
 *   expired) unless it was orphaned, and every orphaned capture is being refunded in full.
 */
export async function checkMoneyInvariants(db: DatabaseOrTransaction): Promise<string[]> {
  const sql = rawClient(db);
  const problems: string[] = [];
  const totals = await sql<Array<{ currency: string; total: string }>>`
    select currency, sum(amount_minor)::text as total from ledger_entries group by currency having sum(amount_minor) <> 0`;
  for (const row of totals) problems.push(`ledger does not sum to zero in ${row.currency}: ${row.total}`);
  const journals = await sql<Array<{ journal_id: string; currency: string; total: string }>>`
    select journal_id, currency, sum(amount_minor)::text as total from ledger_entries
    group by journal_id, currency having sum(amount_minor) <> 0 limit 20`;
  for (const row of journals) problems.push(`journal ${row.journal_id} does not balance in ${row.currency}: ${row.total}`);
  const refunds = await sql<Array<{ id: string; captured: string; refunded: string; counted: string; succeeded: string }>>`
    select p.id, p.captured_minor::text as captured, p.refunded_minor::text as refunded,
           coalesce(sum(r.amount_minor) filter (where r.status <> 'failed'), 0)::text as counted,
           coalesce(sum(r.amount_minor) filter (where r.status = 'succeeded'), 0)::text as succeeded
    from payments p left join refunds r on r.payment_id = p.id
    group by p.id
    having p.refunded_minor > p.captured_minor
        or p.refunded_minor <> coalesce(sum(r.amount_minor) filter (where r.status <> 'failed'), 0)
        or coalesce(sum(r.amount_minor) filter (where r.status = 'succeeded'), 0) > p.captured_minor
    limit 20`;
  for (const row of refunds) {
    problems.push(
      `payment ${row.id}: captured ${row.captured}, refunded ${row.refunded} (refund rows: ${row.counted} counted, ${row.succeeded} succeeded)`,
    );
  }
  const kept = await sql<Array<{ id: string; status: string }>>`
    select p.id, b.status from payments p join bookings b on b.id = p.booking_id
    where p.captured_minor > 0 and p.orphaned_at is null and b.status in ('pending', 'expired') limit 20`;
  for (const row of kept) problems.push(`payment ${row.id} captured money for a booking that is ${row.status}`);
  const orphans = await sql<Array<{ id: string }>>`
    select p.id from payments p
    where p.orphaned_at is not null
      and p.captured_minor > coalesce((select sum(amount_minor) from refunds r where r.payment_id = p.id and r.status <> 'failed'), 0)
    limit 20`;
  for (const row of orphans) problems.push(`orphaned payment ${row.id} is not being refunded in full`);
  return problems;
}
