import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initiatePayment } from '../src/payments';
import type { TestDeps } from '../src/testing/test-deps';
import { insertHold, insertUser } from './support/booking-fixtures';
import { createStripeTestDeps, insertPendingIntent } from './support/money-fixtures';

// Starting a payment (initiatePayment), the paths the mutation run found unasserted (issue 17): which
// active intent is kept and which superseded, to the millisecond; and the hold's one extension — never
// twice, never shorter, never when turned off.

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.5', requestId: 'req_initiate' };
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({ PUBLIC_URL: 'http://fareway.test', PAYMENT_HOLD_EXTENSION_MINUTES: '10' }));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

async function paymentOf(id: string) {
  const [row] = await deps.database.sql<{ status: string; failure_reason: string | null; failed: boolean }[]>`
    select status, failure_reason, failed_at is not null as failed from payments where id = ${id}`;
  return row;
}
/** The hold's end and when it was extended, as epoch milliseconds. */
async function holdOf(bookingId: string) {
  const [row] = await deps.database.sql<{ expires: string; extended: string | null }[]>`
    select (extract(epoch from expires_at) * 1000)::bigint::text as expires,
           (extract(epoch from hold_extended_at) * 1000)::bigint::text as extended
    from bookings where id = ${bookingId}`;
  return row;
}
const hold = (expiresAt: Date, extendedAt: Date | null = null) => ({
  expires: String(expiresAt.getTime()),
  extended: extendedAt ? String(extendedAt.getTime()) : null,
});
/** Makes a payment look `ageMs` old (its status as given). */
async function age(id: string, ageMs: number, status: 'initiated' | 'pending') {
  const at = new Date(deps.clock.now().getTime() - ageMs).toISOString();
  await deps.database.sql`update payments set status = ${status}, created_at = ${at}::timestamptz where id = ${id}`;
}

describe('which intent a second initiate keeps', () => {
  it('a pending intent (the gateway has it) is never abandoned however old: the same provider gets it back', async () => {
    const h = await insertHold(deps);
    const id = await insertPendingIntent(deps, { bookingId: h.bookingId, customerId: h.customer });
    await age(id, minutes(10), 'pending');
    const again = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(again.id).toBe(id);
    expect(await paymentOf(id)).toEqual({ status: 'pending', failure_reason: null, failed: false });
  });

  it('an intent initiated exactly a minute ago may still be on its way to the gateway: it is returned', async () => {
    const h = await insertHold(deps);
    const id = await insertPendingIntent(deps, { bookingId: h.bookingId, customerId: h.customer });
    await age(id, 60_000, 'initiated');
    const again = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(again.id).toBe(id);
    expect((await paymentOf(id))?.status).toBe('initiated');
  });

  it('another provider supersedes the active intent: it fails as superseded, and the new one is the only active', async () => {
    const h = await insertHold(deps);
    const first = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    const second = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
    expect(second.id).not.toBe(first.id);
    expect(await paymentOf(first.id)).toEqual({ status: 'failed', failure_reason: 'superseded', failed: true });
    const active = await deps.database.sql<{ id: string }[]>`
      select id from payments where booking_id = ${h.bookingId} and status in ('initiated', 'pending')`;
    expect(active.map((r) => r.id)).toEqual([second.id]);
  });

  it("someone else's booking is answered as one that does not exist", async () => {
    const h = await insertHold(deps);
    const stranger = await insertUser(deps);
    await expect(initiatePayment(deps, actorOf(stranger), { bookingId: h.bookingId, provider: 'sandbox' }, origin)).rejects.toMatchObject({
      code: 'BOOKING_NOT_FOUND',
      message: 'No such booking',
    });
  });
});

describe("the hold's one extension", () => {
  it('a hold about to lapse is extended to ten minutes from now, once: a second initiate later leaves it', async () => {
    const h = await insertHold(deps, { expiresAt: new Date(deps.clock.now().getTime() + minutes(5)) });
    const now = deps.clock.now();
    await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(await holdOf(h.bookingId)).toEqual(hold(new Date(now.getTime() + minutes(10)), now));
    const audits = await deps.database.sql<{ action: string }[]>`
      select action from audit_log where subject_id = ${h.bookingId} and action = 'booking.hold_extended'`;
    expect(audits).toHaveLength(1);

    deps.clock.set(new Date(now.getTime() + minutes(5)));
    try {
      await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
      expect(await holdOf(h.bookingId)).toEqual(hold(new Date(now.getTime() + minutes(10)), now));
    } finally {
      deps.clock.set(now);
    }
  });

  it('a hold that lasts longer than the extension is never shortened', async () => {
    const expiresAt = new Date(deps.clock.now().getTime() + minutes(20));
    const h = await insertHold(deps, { expiresAt });
    await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(await holdOf(h.bookingId)).toEqual(hold(expiresAt));
  });

  it('a hold that ends exactly when the extension would is left as it is', async () => {
    const expiresAt = new Date(deps.clock.now().getTime() + minutes(10));
    const h = await insertHold(deps, { expiresAt });
    await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(await holdOf(h.bookingId)).toEqual(hold(expiresAt));
  });

  it('with the extension turned off (0 minutes) the hold is left as it is', async () => {
    const expiresAt = new Date(deps.clock.now().getTime() + minutes(2));
    const h = await insertHold(deps, { expiresAt });
    const off = { ...deps, config: { ...deps.config, payments: { ...deps.config.payments, holdExtensionMinutes: 0 } } };
    await initiatePayment(off, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(await holdOf(h.bookingId)).toEqual(hold(expiresAt));
  });
});
