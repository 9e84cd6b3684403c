import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkMoneyInvariants } from '../src/ledger';
import type { TestDeps } from '../src/testing/test-deps';
import { createTestDeps } from '../src/testing/test-deps';
import { readBreached } from './support/database-probes';
import { insertPaidRental } from './support/money-fixtures';

// The checker every test file ends with (createTestDeps' cleanup) must be able to fail (issue 17: the mutation
// run found none of its findings ever produced). Each breach is written inside a transaction that is rolled
// back, so this file's own database stays sound for its cleanup.

let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
});
afterAll(async () => {
  await deps?.cleanup();
});

it('a sound ledger has no findings; each breach is reported, and only while it lasts', async () => {
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  const orphan = await insertPaidRental(deps, { provider: 'sandbox', dayOffset: 30 });
  expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  const [line] = await deps.database.sql<{ id: string; journal_id: string }[]>`
    select e.id, e.journal_id from ledger_entries e join ledger_journals j on j.id = e.journal_id
    where j.kind = 'capture' and j.reference = ${paid.paymentId} order by e.id limit 1`;

  const findings = await readBreached(
    deps,
    async (sql) => {
      await sql`update ledger_entries set amount_minor = amount_minor + 7 where id = ${line?.id ?? ''}`;
      await sql`update payments set refunded_minor = 1 where id = ${paid.paymentId}`;
      await sql`update bookings set status = 'pending' where id = ${paid.bookingId}`;
      await sql`update payments set orphaned_at = now() where id = ${orphan.paymentId}`;
    },
    (tx) => checkMoneyInvariants(tx),
  );

  expect(findings).toEqual([
    'ledger does not sum to zero in LKR: 7',
    `journal ${line?.journal_id} does not balance in LKR: 7`,
    `payment ${paid.paymentId}: captured 1000000, refunded 1 (refund rows: 0 counted, 0 succeeded)`,
    `payment ${paid.paymentId} captured money for a booking that is pending`,
    `orphaned payment ${orphan.paymentId} is not being refunded in full`,
  ]);
  expect(await checkMoneyInvariants(deps.db)).toEqual([]);
});
