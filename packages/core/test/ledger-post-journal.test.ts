import { newId, withTransaction } from '@fareway/db';
import { topUpPostings } from '@fareway/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountBalance, postJournal } from '../src/ledger';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';

// postJournal on its own (issue 17: the mutation run found no test posting one journal twice): a
// retried job posts the same (kind, reference) again and must get null and write nothing, and the
// balance read back is the sum of what was written once.

let deps: TestDeps;
const at = new Date('2026-03-01T12:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps?.cleanup();
});

it('posting the same journal again returns null and writes no second journal nor any line', async () => {
  const customerId = newId();
  const input = {
    kind: 'top_up' as const,
    reference: newId(),
    currency: 'LKR',
    at,
    lines: topUpPostings({ provider: 'sandbox', amountMinor: 50_000, feeMinor: 1_000, customerId }),
  };
  const first = await withTransaction(deps.db, (tx) => postJournal(tx, input));
  expect(first).toMatch(/^[0-9a-f-]{36}$/);
  const again = await withTransaction(deps.db, (tx) => postJournal(tx, input));
  expect(again).toBeNull();

  const rows = await deps.database.sql<{ journal_id: string; count: number }[]>`
    select e.journal_id, count(*)::int as count from ledger_journals j join ledger_entries e on e.journal_id = j.id
    where j.reference = ${input.reference} group by e.journal_id`;
  expect(rows).toEqual([{ journal_id: first, count: input.lines.length }]);
  expect(await accountBalance(deps.db, `customer_wallet:${customerId}`, 'LKR')).toBe(-50_000);
  expect(await accountBalance(deps.db, `customer_wallet:${newId()}`, 'LKR')).toBe(0);
});
