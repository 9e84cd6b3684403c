import { newId, withTransaction } from '@fareway/db';
import { ledgerAccounts, type PostingLine } from '@fareway/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getTrialBalance, listLedgerJournals, postJournal } from '../src/ledger';
import type { TestDeps } from '../src/testing/test-deps';
import { createTestDeps } from '../src/testing/test-deps';
import { readBreached } from './support/database-probes';

// The admin console's ledger (trial balance, journals, account names) beyond the sale paths the console
// tests walk (issue 17: the mutation run found operator-owned accounts, people known only by email,
// owners that no longer resolve, a page of several journals and an unbalanced total never shown).

let deps: TestDeps;
const T0 = new Date('2026-03-01T08:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps?.cleanup();
});

async function post(kind: 'settlement_payout' | 'top_up', at: Date, lines: PostingLine[]): Promise<string> {
  const id = await withTransaction(deps.db, (tx) => postJournal(tx, { kind, reference: newId(), currency: 'LKR', at, lines }));
  if (!id) throw new Error('not posted');
  return id;
}

it('names accounts by owner (an operator, a person by name, phone or email, an owner that does not resolve) and lists each journal with only its own postings', async () => {
  const org = newId();
  const now = T0.toISOString();
  await deps.database.sql`insert into organizations (id, name, status, created_at, updated_at)
    values (${org}, 'Lanka Express', 'approved', ${now}::timestamptz, ${now}::timestamptz)`;
  const [emailOnly, named] = [newId(), newId()];
  await deps.database.sql`insert into users (id, email, roles, status, created_at, updated_at)
    values (${emailOnly}, 'only@example.test', ${['customer']}, 'active', ${now}::timestamptz, ${now}::timestamptz)`;
  await deps.database.sql`insert into users (id, phone, name, roles, status, created_at, updated_at)
    values (${named}, '+94770000001', 'Amaya Perera', ${['customer']}, 'active', ${now}::timestamptz, ${now}::timestamptz)`;
  const gone = newId();

  const first = await post('settlement_payout', T0, [
    { account: ledgerAccounts.partnerPayable({ organizationId: org }), amountMinor: 5_000, lineKind: 'payout' },
    { account: ledgerAccounts.customerWallet(gone), amountMinor: -5_000, lineKind: 'payout' },
  ]);
  const second = await post('top_up', new Date(T0.getTime() + 60_000), [
    { account: ledgerAccounts.customerWallet(emailOnly), amountMinor: 2_000, lineKind: 'x' },
    { account: ledgerAccounts.customerWallet(named), amountMinor: -2_000, lineKind: 'x' },
  ]);

  const page = await listLedgerJournals(deps, { page: 1, limit: 10 });
  expect(page.meta).toEqual({ page: 1, limit: 10, total: 2 });
  expect(page.items.map((j) => [j.id, j.kind, j.postings.map((p) => [p.name, p.owner?.kind, p.amountMinor])])).toEqual([
    [
      second,
      'top_up',
      [
        ['Customer wallet · only@example.test', 'user', 2_000],
        ['Customer wallet · Amaya Perera', 'user', -2_000],
      ],
    ],
    [
      first,
      'settlement_payout',
      [
        ['Partner payable · Lanka Express', 'organization', 5_000],
        ['Customer wallet · unknown user', 'user', -5_000],
      ],
    ],
  ]);
  expect(page.items[1]?.postings[0]?.owner).toEqual({ kind: 'organization', id: org, name: 'Lanka Express' });

  // An operator organisation that does not resolve.
  const unknownOrg = newId();
  await post('settlement_payout', new Date(T0.getTime() + 120_000), [
    { account: ledgerAccounts.partnerPayable({ organizationId: unknownOrg }), amountMinor: 1, lineKind: 'x' },
    { account: ledgerAccounts.platformRevenue, amountMinor: -1, lineKind: 'x' },
  ]);
  const trial = await getTrialBalance(deps);
  expect(trial.accounts.find((a) => a.code === `partner_payable:org:${unknownOrg}`)?.name).toBe('Partner payable · unknown operator');
  expect(trial.totals).toEqual([{ currency: 'LKR', balanceMinor: 0 }]);
});

it('shows a total that is not zero when the ledger does not balance (written with the balance trigger off, rolled back)', async () => {
  await post('top_up', T0, [
    { account: ledgerAccounts.platformRevenue, amountMinor: 3, lineKind: 'x' },
    { account: ledgerAccounts.refundsPayable, amountMinor: -3, lineKind: 'x' },
  ]);
  const totals = await readBreached(
    deps,
    async (sql) => {
      await sql`update ledger_entries set amount_minor = amount_minor + 7 where id = (select id from ledger_entries order by id limit 1)`;
      await sql`update ledger_entries set amount_minor = amount_minor + 5 where id = (select id from ledger_entries order by id desc limit 1)`;
    },
    // The use case reads through whatever it is given; here the transaction that sees the breach.
    async (tx) => (await getTrialBalance({ db: tx as unknown as TestDeps['db'] })).totals,
  );
  expect(totals).toEqual([{ currency: 'LKR', balanceMinor: 12 }]);
});
