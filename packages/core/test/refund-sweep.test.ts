import { afterAll, beforeAll, expect, it } from 'vitest';
import { processDueRefunds } from '../src/refunds';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';
import { failNextCommitOn } from './support/fail-once';
import { cancelByPartner, insertPaidRental } from './support/money-fixtures';

// The refund sweep (processDueRefunds: `process-refunds` without a refund id), which only the worker's
// tests walked (issue 17: the mutation run found it without a core test): which pending refunds are
// due, oldest first and how many, and what it reports when one cannot be executed this time.

let deps: TestDeps;
const T0 = new Date('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(T0.getTime() - ms);

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
});
afterAll(async () => {
  await deps?.cleanup();
});

/** A paid rental its partner cancels at `at`: a pending refund (to the wallet) written then. */
async function refundWrittenAt(at: Date): Promise<string> {
  deps.clock.set(at);
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  return cancelByPartner(deps, paid);
}
async function statusOf(ids: string[]): Promise<string[]> {
  const rows = await deps.database.sql<
    { id: string; status: string }[]
  >`select id, status from refunds where id in ${deps.database.sql(ids)}`;
  return ids.map((id) => rows.find((r) => r.id === id)?.status ?? 'missing');
}

it('executes the pending refunds older than a minute, oldest first, as many as asked; a younger one waits for its own job', async () => {
  const oldest = await refundWrittenAt(ago(180_000));
  const older = await refundWrittenAt(ago(120_000));
  const minuteOld = await refundWrittenAt(ago(60_000));
  const young = await refundWrittenAt(ago(30_000));
  deps.clock.set(T0);

  expect(await processDueRefunds(deps, { limit: 1 })).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([oldest, older, minuteOld, young])).toEqual(['succeeded', 'pending', 'pending', 'pending']);

  expect(await processDueRefunds(deps)).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([oldest, older, minuteOld, young])).toEqual(['succeeded', 'succeeded', 'pending', 'pending']);

  // A minute later both have waited long enough.
  deps.clock.set(new Date(T0.getTime() + 60_001));
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 2, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([minuteOld, young])).toEqual(['succeeded', 'succeeded']);
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 0, failed: 0, skipped: 0, error: 0 });
});

it('a refund that cannot be executed this time is counted as an error and stays pending; the next sweep executes it', async () => {
  const id = await refundWrittenAt(ago(120_000));
  deps.clock.set(T0);
  // Its refund journal's transaction aborts at commit, once.
  const fired = await failNextCommitOn(deps.database.sql, 'ledger_journals');
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 0, failed: 0, skipped: 0, error: 1 });
  expect(await fired()).toBeGreaterThanOrEqual(1);
  expect(await statusOf([id])).toEqual(['pending']);

  expect(await processDueRefunds(deps)).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([id])).toEqual(['succeeded']);
});
