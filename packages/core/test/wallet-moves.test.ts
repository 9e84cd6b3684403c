import { newId, withTransaction } from '@fareway/db';
import { ledgerAccounts } from '@fareway/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJournal } from '../src/ledger';
import { processRefund } from '../src/refunds';
import type { TestDeps } from '../src/testing/test-deps';
import { createTestDeps } from '../src/testing/test-deps';
import { getWallet, listWalletMoves, payWithWallet } from '../src/wallet';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { cancelByPartner, creditWallet, insertPaidRental } from './support/money-fixtures';

// The wallet's history (listWalletMoves), which only the HTTP tests read (issue 17: the mutation run found it
// without a core test): each kind of move with its sign, its running balance and its booking, newest first,
// paged with exact balances on every page, and the total past the last page.

let deps: TestDeps;
const T0 = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const origin = { ip: null, requestId: null };

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
});
afterAll(async () => {
  await deps?.cleanup();
});

it('lists every move newest first with its kind, sign, running balance and booking; pages keep exact balances', async () => {
  deps.clock.set(at(0));
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  const customer = { userId: paid.customerId, roles: ['customer' as const], sessionId: 's' };
  // 1. The partner cancels: the whole 1 000 000 comes back to the wallet (no gateway payment to refund against).
  const refundId = await cancelByPartner(deps, paid);
  expect(await processRefund(deps, { refundId })).toBe('succeeded');
  // 2. A top-up of 50 000 (its journal as the capture path posts it; no booking).
  deps.clock.set(at(10));
  await creditWallet(deps, paid.customerId, 50_000);
  // 3. A booking of 1 000 000 paid from the wallet.
  deps.clock.set(at(20));
  const owner = await insertUser(deps, ['driver']);
  const start = at(14 * 24 * 60);
  const bookingId = await insertRental(deps, {
    customerId: paid.customerId,
    vehicleId: await insertVehicle(deps, owner),
    ownerUserId: owner,
    start,
    end: new Date(start.getTime() + 86_400_000),
  });
  await payWithWallet(deps, customer, { bookingId }, origin);
  // 4. Any other journal touching the wallet (here 1 000 taken back) is listed as `other`.
  deps.clock.set(at(30));
  await withTransaction(deps.db, (tx) =>
    postJournal(tx, {
      kind: 'settlement_payout',
      reference: newId(),
      currency: 'LKR',
      at: deps.clock.now(),
      lines: [
        { account: ledgerAccounts.customerWallet(paid.customerId), amountMinor: 1_000, lineKind: 'adjustment' },
        { account: ledgerAccounts.platformRevenue, amountMinor: -1_000, lineKind: 'adjustment' },
      ],
    }),
  );

  const all = await listWalletMoves(deps, customer, { page: 1, limit: 10 });
  const seen = all.items.map(({ kind, amountMinor, balanceMinor, currency, at: when, bookingId: booking }) => ({
    kind,
    amountMinor,
    balanceMinor,
    currency,
    at: when,
    bookingId: booking,
  }));
  expect(seen).toEqual([
    { kind: 'other', amountMinor: -1_000, balanceMinor: 49_000, currency: 'LKR', at: at(30).toISOString(), bookingId: null },
    { kind: 'payment', amountMinor: -1_000_000, balanceMinor: 50_000, currency: 'LKR', at: at(20).toISOString(), bookingId },
    { kind: 'top_up', amountMinor: 50_000, balanceMinor: 1_050_000, currency: 'LKR', at: at(10).toISOString(), bookingId: null },
    {
      kind: 'refund',
      amountMinor: 1_000_000,
      balanceMinor: 1_000_000,
      currency: 'LKR',
      at: at(0).toISOString(),
      bookingId: paid.bookingId,
    },
  ]);
  expect(all.currency).toBe('LKR');
  expect(all.meta).toEqual({ page: 1, limit: 10, total: 4 });
  expect(await getWallet(deps, customer)).toEqual({ balanceMinor: 49_000, currency: 'LKR' });
  // The ids are the wallet's ledger entries.
  const entries = await deps.database.sql<{ id: string }[]>`
    select id from ledger_entries where account_code = ${`customer_wallet:${paid.customerId}`} order by created_at desc, id desc`;
  expect(all.items.map((m) => m.id)).toEqual(entries.map((e) => e.id));

  const second = await listWalletMoves(deps, customer, { page: 2, limit: 3 });
  expect(second.items.map((m) => [m.kind, m.balanceMinor])).toEqual([['refund', 1_000_000]]);
  expect(second.meta).toEqual({ page: 2, limit: 3, total: 4 });
  // Past the last page: no moves, and the total is still counted.
  const past = await listWalletMoves(deps, customer, { page: 3, limit: 3 });
  expect(past).toEqual({ currency: 'LKR', items: [], meta: { page: 3, limit: 3, total: 4 } });
});

it("a customer without moves has an empty history on every page, and sees no one else's", async () => {
  const stranger = { userId: await insertUser(deps), roles: ['customer' as const], sessionId: 's' };
  expect(await listWalletMoves(deps, stranger, { page: 1, limit: 5 })).toEqual({
    currency: 'LKR',
    items: [],
    meta: { page: 1, limit: 5, total: 0 },
  });
  expect(await listWalletMoves(deps, stranger, { page: 2, limit: 5 })).toEqual({
    currency: 'LKR',
    items: [],
    meta: { page: 2, limit: 5, total: 0 },
  });
});
