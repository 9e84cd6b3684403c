import { newId } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPayment, getPayment } from '../src/payments';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';
import { insertUser } from './support/booking-fixtures';
import { insertPaidRental } from './support/money-fixtures';

// Who may read a payment (issue 17): the use case itself, not only through the API's matrix.

let deps: TestDeps;
let paid: Awaited<ReturnType<typeof insertPaidRental>>;
let stranger: string;
let admin: string;
const actor = (userId: string, roles: Array<'customer' | 'driver' | 'admin'>) => ({ userId, roles, sessionId: 's' });

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
  paid = await insertPaidRental(deps, { provider: 'sandbox' });
  stranger = await insertUser(deps);
  admin = await insertUser(deps, ['admin']);
});
afterAll(async () => {
  await deps?.cleanup();
});

describe('getPayment', () => {
  it.each([
    // who, roles, sees it?
    ['its customer', (): string => paid.customerId, ['customer'], true],
    ['an admin', (): string => admin, ['customer', 'admin'], true],
    ['another customer', (): string => stranger, ['customer'], false],
    // The partner who is paid by it still may not read the customer's payment.
    ['the vehicle owner', (): string => paid.ownerUserId, ['customer', 'driver'], false],
  ] as const)('%s sees it: %s', async (_who, userId, roles, sees) => {
    const read = getPayment(deps, actor(userId(), [...roles]), paid.paymentId);
    if (sees) {
      await expect(read).resolves.toMatchObject({
        id: paid.paymentId,
        bookingId: paid.bookingId,
        status: 'completed',
        amountMinor: 1_000_000,
        capturedMinor: 1_000_000,
        refundedMinor: 0,
        currency: 'LKR',
      });
    } else {
      await expect(read).rejects.toMatchObject({ code: 'PAYMENT_NOT_FOUND', message: 'No such payment' });
    }
  });

  it('a stranger is told exactly what an id that does not exist is told', async () => {
    const missing = await getPayment(deps, actor(stranger, ['customer']), newId()).catch((e: unknown) => e);
    const theirs = await getPayment(deps, actor(stranger, ['customer']), paid.paymentId).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'PAYMENT_NOT_FOUND', message: 'No such payment' });
    expect(theirs).toMatchObject({ code: (missing as { code: string }).code, message: (missing as Error).message });
  });
});

describe('findPayment (the server pages: no access check, any id string)', () => {
  it.each([
    ['its id', (): string => paid.paymentId, true],
    ['its id in capitals', (): string => paid.paymentId.toUpperCase(), true],
    ['an unknown uuid', (): string => newId(), false],
    ['not a uuid', (): string => 'nope', false],
    ['a uuid with text around it', (): string => `x${paid.paymentId}`, false],
    ['a uuid with a tail', (): string => `${paid.paymentId}0`, false],
    ['a uuid one digit short', (): string => paid.paymentId.slice(0, -1), false],
    ['a uuid with a letter outside hex', (): string => `${paid.paymentId.slice(0, -1)}g`, false],
  ] as const)('%s → found: %s', async (_what, id, found) => {
    const row = await findPayment(deps, id());
    expect(row?.id).toBe(found ? paid.paymentId : undefined);
  });
});
