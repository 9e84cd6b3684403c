import { newId } from '@fareway/db';
import { type FakeStripe, sandboxWebhook } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The booking constraints' error codes (BOOKING_CONFLICT), registered as the server registers them by loading core.
import '../src/bookings';
import {
  applyGatewayPayment,
  initiatePayment,
  isGatewayProvider,
  processPaymentEvent,
  reconcilePayments,
  recordPaymentEvent,
} from '../src/payments';
import type { TestDeps } from '../src/testing/test-deps';
import { topUpWallet } from '../src/wallet';
import { insertHold, insertRental, insertUser } from './support/booking-fixtures';
import { createStripeTestDeps, insertListeningEndpoint, recordSandboxEvent } from './support/money-fixtures';

// The paths of starting and settling a payment that no other core test walked (issue 17: the
// mutation run over packages/core/src/payments found them without coverage): a provider that is
// turned off, nothing to pay, an abandoned intent, a gateway that refuses or does not answer while
// a checkout is created or a status is re-checked, and events for no intent of ours.

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.3', requestId: 'req_paths' };
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });
const iso = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({ PUBLIC_URL: 'http://fareway.test', CORS_ORIGINS: 'https://app.fareway.test' }));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

const hold = () => insertHold(deps);

/** An intent written `initiated` `ageMs` ago, as a process that died before asking the gateway leaves it. */
async function insertInitiated(id: string, h: { bookingId: string; customer: string }, ageMs: number) {
  const at = new Date(deps.clock.now().getTime() - ageMs).toISOString();
  await deps.database.sql`
    insert into payments (id, purpose, booking_id, customer_id, provider, status, amount_minor, currency, fee_minor, created_at, updated_at)
    values (${id}, 'booking', ${h.bookingId}, ${h.customer}, 'sandbox', 'initiated', 1000000, 'LKR', 0, ${at}::timestamptz, ${at}::timestamptz)`;
}

const listening = (events: string[]) => insertListeningEndpoint(deps, events);

const paymentOf = async (id: string) => {
  const [row] = await deps.database.sql<
    { status: string; failure_reason: string | null; failed_at: string | null; captured_minor: string }[]
  >`
    select status, failure_reason, to_char(failed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as failed_at, captured_minor from payments where id = ${id}`;
  return row;
};
const eventOf = async (id: string) => {
  const [row] = await deps.database.sql<{ outcome: string | null; processed: boolean }[]>`
    select outcome, processed_at is not null as processed from payment_events where id = ${id}`;
  return row;
};

const auditOf = (subjectId: string, action: string) =>
  deps.database.sql<{ subject_type: string; actor_user_id: string | null; after: unknown }[]>`
    select subject_type, actor_user_id, after from audit_log where subject_id = ${subjectId} and action = ${action}`;

/** A Stripe intent for a fresh hold, as initiate leaves it (pending, its PaymentIntent created at the fake). */
async function stripeIntent() {
  const h = await hold();
  const payment = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
  return { ...h, payment };
}

/** The sandbox's signed event about an intent, recorded as its webhook would; returns the event row's id. */
const sandboxEventFor = async (intentId: string, amountMinor: number, type: 'payment.succeeded' | 'payment.failed') =>
  (await recordSandboxEvent(deps, intentId, amountMinor, type)).eventId as string;

/** Stripe's signed event about our intent, through the adapter's verification and the inbox. */
async function stripeEvent(intentId: string, type?: string) {
  const event = await deps.gateways.stripe?.verifyWebhook(
    stripe.webhook(intentId, { timestampSeconds: Math.floor(deps.clock.now().getTime() / 1000), ...(type ? { type } : {}) }),
    deps.clock.now(),
  );
  if (!event) throw new Error('stripe event ignored');
  const recorded = await recordPaymentEvent(deps, 'stripe', event);
  return recorded.eventId as string;
}

describe('which providers are offered', () => {
  it('the sandbox is refused where it is turned off, with its name in the message', async () => {
    const h = await hold();
    const off = { ...deps, config: { ...deps.config, payments: { ...deps.config.payments, sandboxEnabled: false } } };
    await expect(initiatePayment(off, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'Payment provider "sandbox" is not available',
    });
    const written = await deps.database.sql`select id from payments where booking_id = ${h.bookingId}`;
    expect(written).toHaveLength(0);
  });

  it.each([
    ['sandbox', true],
    ['payhere', true],
    ['mintpay', true],
    ['flutterwave', true],
    ['stripe', true],
    ['wallet', false],
    ['', false],
  ])('%s is a gateway provider: %s', (provider, expected) => {
    expect(isGatewayProvider(provider)).toBe(expected);
  });
});

describe('initiate', () => {
  it('refuses a booking with nothing to pay', async () => {
    const h = await hold();
    await deps.database.sql`update bookings set total_minor = 0, commission_minor = 0, partner_minor = 0 where id = ${h.bookingId}`;
    await expect(initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin)).rejects.toMatchObject(
      {
        code: 'VALIDATION_ERROR',
        message: 'Nothing to pay for this booking',
      },
    );
  });

  it('an intent left `initiated` for over a minute is abandoned and replaced, even for the same provider', async () => {
    const h = await hold();
    const now = deps.clock.now();
    const lost = newId();
    const young = newId();
    await insertInitiated(lost, h, 61_000);
    const fresh = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(fresh.id).not.toBe(lost);
    expect(await paymentOf(lost)).toMatchObject({ status: 'failed', failure_reason: 'abandoned', failed_at: iso(now) });

    // One that is only 59 s old may still be on its way to the gateway: it is returned, not replaced.
    const other = await hold();
    await insertInitiated(young, other, 59_000);
    const again = await initiatePayment(deps, actorOf(other.customer), { bookingId: other.bookingId, provider: 'sandbox' }, origin);
    expect(again.id).toBe(young);
    expect((await paymentOf(young))?.status).toBe('initiated');
  });

  it('tells the gateway what is being paid for', async () => {
    const { payment } = await stripeIntent();
    expect(stripe.paymentIntent(payment.id)?.description).toBe('Fareway vehicle rental');
  });
});

describe('creating the checkout', () => {
  it('a return URL that is no URL is refused before any intent is written', async () => {
    const h = await hold();
    const attempt = initiatePayment(
      deps,
      actorOf(h.customer),
      { bookingId: h.bookingId, provider: 'sandbox', returnUrl: 'not a url' },
      origin,
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'returnUrl must be an absolute URL',
      details: [{ path: 'returnUrl', message: 'not a URL' }],
    });
  });

  it('a configured client origin may be returned to; the cancel URL is the return URL marked cancelled', async () => {
    const h = await hold();
    const p = await initiatePayment(
      deps,
      actorOf(h.customer),
      { bookingId: h.bookingId, provider: 'sandbox', returnUrl: 'https://app.fareway.test/trips?x=1' },
      origin,
    );
    const [row] = await deps.database.sql<{ return_url: string }[]>`select return_url from payments where id = ${p.id}`;
    expect(row?.return_url).toBe('https://app.fareway.test/trips?x=1');
  });

  it('a gateway that refuses fails the intent (PAYMENT_FAILED); the client may start again', async () => {
    const h = await hold();
    stripe.failNext({ status: 402, json: { error: { type: 'card_error', message: 'Your card was declined.' } } });
    const attempt = initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
    await expect(attempt).rejects.toMatchObject({ code: 'PAYMENT_FAILED', message: 'The payment provider could not start this payment' });
    const [failed] = await deps.database.sql<{ id: string }[]>`select id from payments where booking_id = ${h.bookingId}`;
    expect(await paymentOf(failed?.id as string)).toMatchObject({
      status: 'failed',
      failure_reason: 'checkout_not_created',
      failed_at: iso(deps.clock.now()),
    });
    const retry = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
    expect(retry).toMatchObject({ status: 'pending', checkout: { clientSecret: expect.stringMatching(/^pi_/) } });
  });

  it('a gateway that does not answer is SERVICE_UNAVAILABLE with a retry hint; the intent is failed too', async () => {
    const h = await hold();
    stripe.failNext({ status: 503, json: { error: { type: 'api_error', message: 'down' } } });
    const attempt = initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
    await expect(attempt).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The payment provider did not answer; please try again',
      retryAfterSeconds: 5,
    });
    const rows = await deps.database.sql<{ status: string; failure_reason: string }[]>`
      select status, failure_reason from payments where booking_id = ${h.bookingId}`;
    expect(rows).toEqual([{ status: 'failed', failure_reason: 'checkout_not_created' }]);
  });
});

describe('webhook events re-checked with the gateway', () => {
  it('news that is no capture marks its event with the outcome it had, so the job never applies it twice', async () => {
    const declined = await hold();
    const p = await initiatePayment(deps, actorOf(declined.customer), { bookingId: declined.bookingId, provider: 'sandbox' }, origin);
    const failed = await sandboxEventFor(p.id, p.amountMinor, 'payment.failed');
    expect(await processPaymentEvent(deps, { eventId: failed })).toBe('failed');
    expect(await eventOf(failed)).toEqual({ outcome: 'failed', processed: true });
    expect(await paymentOf(p.id)).toMatchObject({ status: 'failed', failure_reason: 'declined', failed_at: iso(deps.clock.now()) });
    expect(await processPaymentEvent(deps, { eventId: failed })).toBe('skipped');
    // Each declined payment's customer is told (the notice is keyed by the payment, not shared).
    const other = await hold();
    const r = await initiatePayment(deps, actorOf(other.customer), { bookingId: other.bookingId, provider: 'sandbox' }, origin);
    expect(await processPaymentEvent(deps, { eventId: await sandboxEventFor(r.id, r.amountMinor, 'payment.failed') })).toBe('failed');
    for (const customer of [declined.customer, other.customer]) {
      const notices = await deps.database.sql<{ kind: string }[]>`select kind from notifications where user_id = ${customer}`;
      expect(notices).toEqual([{ kind: 'payment.failed' }]);
    }

    const short = await hold();
    const q = await initiatePayment(deps, actorOf(short.customer), { bookingId: short.bookingId, provider: 'sandbox' }, origin);
    const mismatch = await sandboxEventFor(q.id, q.amountMinor - 1, 'payment.succeeded');
    expect(await processPaymentEvent(deps, { eventId: mismatch })).toBe('mismatch');
    expect(await eventOf(mismatch)).toEqual({ outcome: 'mismatch', processed: true });
    expect(await paymentOf(q.id)).toMatchObject({ status: 'pending', captured_minor: '0' });
    // Left for a person: the audit log says what the gateway reported.
    expect(await auditOf(q.id, 'payment.mismatch')).toEqual([
      { subject_type: 'payment', actor_user_id: null, after: { status: 'mismatch', amountMinor: q.amountMinor - 1, currency: 'LKR' } },
    ]);
  });

  it('money that went back at the gateway is reversed for review, never a state change', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    const news = { intentId: p.id, status: 'reversed' as const, amountMinor: p.amountMinor, currency: 'LKR' };
    expect(await applyGatewayPayment(deps, p.id, news)).toBe('reversed');
    expect(await paymentOf(p.id)).toMatchObject({ status: 'pending', captured_minor: '0', failure_reason: null });
    expect(await auditOf(p.id, 'payment.reversed')).toEqual([
      { subject_type: 'payment', actor_user_id: null, after: { status: 'reversed', amountMinor: p.amountMinor, currency: 'LKR' } },
    ]);
  });

  it('news for an intent that does not exist is unknown_intent, and pending news moves an initiated intent on, nothing more', async () => {
    const news = { intentId: newId(), status: 'succeeded' as const, amountMinor: 1_000, currency: 'LKR' };
    expect(await applyGatewayPayment(deps, news.intentId, news)).toBe('unknown_intent');
    expect(await applyGatewayPayment(deps, news.intentId, { ...news, status: 'failed' })).toBe('unknown_intent');

    const h = await hold();
    const id = newId();
    await insertInitiated(id, h, 0);
    expect(await applyGatewayPayment(deps, id, { intentId: id, status: 'pending', amountMinor: 1_000_000, currency: 'LKR' })).toBe(
      'pending',
    );
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', failure_reason: null, failed_at: null, captured_minor: '0' });
  });

  it('a late capture (its hold lapsed) keeps the gateway payment id the event names', async () => {
    const { payment, bookingId } = await stripeIntent();
    const pi = stripe.paymentIntent(payment.id)?.id as string;
    await deps.database.sql`update bookings set status = 'expired' where id = ${bookingId}`;
    stripe.setStatus(payment.id, 'succeeded');
    const endpoint = await listening(['payment.succeeded']);
    try {
      expect(await processPaymentEvent(deps, { eventId: await stripeEvent(payment.id) })).toBe('captured');
    } finally {
      await deps.database.sql`update webhook_endpoints set status = 'disabled' where id = ${endpoint}`;
    }
    const [row] = await deps.database.sql<{ provider_payment_id: string; status: string }[]>`
      select p.provider_payment_id, b.status from payments p join bookings b on b.id = p.booking_id where p.id = ${payment.id}`;
    expect(row).toEqual({ provider_payment_id: pi, status: 'confirmed' });
    // The worker acted for nobody; the audit row says what the capture changed, and partners heard of it.
    const audit = await deps.database.sql<{ subject_type: string; actor_user_id: string | null; before: unknown; after: unknown }[]>`
      select subject_type, actor_user_id, before, after from audit_log where subject_id = ${payment.id} and action = 'payment.captured'`;
    expect(audit).toEqual([
      {
        subject_type: 'payment',
        actor_user_id: null,
        before: { status: 'pending' },
        after: { status: 'completed', amountMinor: payment.amountMinor, currency: 'LKR' },
      },
    ]);
    const told = await deps.database.sql<{ type: string; status: string }[]>`
      select e.type, e.data->'payment'->>'status' as status
      from webhook_events e join webhook_deliveries d on d.event_id = e.id and d.endpoint_id = ${endpoint}`;
    expect(told).toEqual([{ type: 'payment.succeeded', status: 'completed' }]);
  });

  it('the capture of a top-up posts a top_up journal that credits the wallet', async () => {
    const h = await hold();
    const top = await topUpWallet(deps, actorOf(h.customer), { amountMinor: 250_000, provider: 'sandbox' }, origin);
    expect(await processPaymentEvent(deps, { eventId: await sandboxEventFor(top.id, top.amountMinor, 'payment.succeeded') })).toBe(
      'captured',
    );
    const journals = await deps.database.sql<{ kind: string; wallet: string }[]>`
      select j.kind, sum(e.amount_minor) filter (where e.account_code = ${`customer_wallet:${h.customer}`})::text as wallet
      from ledger_journals j join ledger_entries e on e.journal_id = j.id where j.reference = ${top.id} group by j.kind`;
    expect(journals).toEqual([{ kind: 'top_up', wallet: '-250000' }]);
  });

  it('a capture whose hold lapsed and whose car is gone is orphaned: marked with why, parked in refunds payable, refunded', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    await deps.database.sql`update bookings set status = 'expired' where id = ${h.bookingId}`;
    const rival = await insertUser(deps);
    await insertRental(deps, {
      customerId: rival,
      vehicleId: h.vehicle,
      ownerUserId: h.owner,
      start: h.start,
      end: new Date(h.start.getTime() + 3_600_000),
    });
    expect(await processPaymentEvent(deps, { eventId: await sandboxEventFor(p.id, p.amountMinor, 'payment.succeeded') })).toBe('orphaned');
    expect(await paymentOf(p.id)).toMatchObject({ status: 'completed', failure_reason: 'orphaned:BOOKING_CONFLICT' });
    const journals = await deps.database.sql<{ kind: string; parked: string }[]>`
      select j.kind, sum(e.amount_minor) filter (where e.account_code = 'refunds_payable')::text as parked
      from ledger_journals j join ledger_entries e on e.journal_id = j.id where j.reference = ${p.id} group by j.kind`;
    expect(journals).toEqual([{ kind: 'orphan_capture', parked: `-${p.amountMinor}` }]);
    const refunds = await deps.database.sql<{ reason: string; amount_minor: string; status: string }[]>`
      select reason, amount_minor::text, status from refunds where payment_id = ${p.id}`;
    expect(refunds).toEqual([{ reason: 'orphan', amount_minor: String(p.amountMinor), status: 'pending' }]);
  });

  it('a declined payment partners listen to is announced to them', async () => {
    const endpoint = await listening(['payment.failed']);
    try {
      const h = await hold();
      const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
      expect(await processPaymentEvent(deps, { eventId: await sandboxEventFor(p.id, p.amountMinor, 'payment.failed') })).toBe('failed');
      const events = await deps.database.sql<{ type: string; status: string; reason: string }[]>`
        select e.type, e.data->'payment'->>'status' as status, e.data->'payment'->>'failureReason' as reason
        from webhook_events e join webhook_deliveries d on d.event_id = e.id and d.endpoint_id = ${endpoint}
        where e.data->'payment'->>'id' = ${p.id}`;
      expect(events).toEqual([{ type: 'payment.failed', status: 'failed', reason: 'declined' }]);
    } finally {
      await deps.database.sql`update webhook_endpoints set status = 'disabled' where id = ${endpoint}`;
    }
  });

  it('a capture that partners listen to is announced to them in its transaction', async () => {
    const endpoint = await listening(['payment.succeeded', 'booking.confirmed']);
    try {
      const h = await hold();
      const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
      expect(await processPaymentEvent(deps, { eventId: await sandboxEventFor(p.id, p.amountMinor, 'payment.succeeded') })).toBe(
        'captured',
      );
      const events = await deps.database.sql<{ type: string; status: string; amount: string | null; delivered_to: string }[]>`
        select e.type, coalesce(e.data->'payment'->>'status', e.data->'booking'->>'status') as status,
               e.data->'payment'->>'amountMinor' as amount, d.endpoint_id as delivered_to
        from webhook_events e join webhook_deliveries d on d.event_id = e.id
        where e.data->'payment'->>'id' = ${p.id} or e.data->'booking'->>'id' = ${h.bookingId}
        order by e.type`;
      expect(events).toEqual([
        { type: 'booking.confirmed', status: 'confirmed', amount: null, delivered_to: endpoint },
        { type: 'payment.succeeded', status: 'completed', amount: '1000000', delivered_to: endpoint },
      ]);
    } finally {
      await deps.database.sql`update webhook_endpoints set status = 'disabled' where id = ${endpoint}`;
    }
  });

  it('an event for no intent of ours, or naming another provider than its intent, is marked and changes nothing', async () => {
    const request = sandboxWebhook({
      secret: deps.config.payments.gateways.sandbox.webhookSecret,
      intentId: newId(),
      amountMinor: 1_000,
      currency: 'LKR',
      type: 'payment.succeeded',
      now: deps.clock.now(),
    });
    const event = await deps.gateways.sandbox.verifyWebhook(request, deps.clock.now());
    const unknown = (await recordPaymentEvent(deps, 'sandbox', event as NonNullable<typeof event>)).eventId as string;
    expect(await processPaymentEvent(deps, { eventId: unknown })).toBe('unknown_intent');
    expect(await eventOf(unknown)).toEqual({ outcome: 'unknown_intent', processed: true });

    // A sandbox event naming a Stripe intent: not the sandbox's to settle.
    const { payment, bookingId } = await stripeIntent();
    const crossed = sandboxWebhook({
      secret: deps.config.payments.gateways.sandbox.webhookSecret,
      intentId: payment.id,
      amountMinor: payment.amountMinor,
      currency: 'LKR',
      type: 'payment.succeeded',
      now: deps.clock.now(),
    });
    const crossedEvent = await deps.gateways.sandbox.verifyWebhook(crossed, deps.clock.now());
    const crossedId = (await recordPaymentEvent(deps, 'sandbox', crossedEvent as NonNullable<typeof crossedEvent>)).eventId as string;
    expect(await processPaymentEvent(deps, { eventId: crossedId })).toBe('unknown_intent');
    expect((await paymentOf(payment.id))?.status).toBe('pending');
    const [booking] = await deps.database.sql<{ status: string }[]>`select status from bookings where id = ${bookingId}`;
    expect(booking?.status).toBe('pending');
  });

  it('a signed success the gateway does not confirm (still processing) takes no money and is marked unconfirmed', async () => {
    const { payment } = await stripeIntent();
    stripe.setStatus(payment.id, 'processing');
    const eventId = await stripeEvent(payment.id, 'payment_intent.succeeded');
    expect(await processPaymentEvent(deps, { eventId })).toBe('pending');
    expect(await eventOf(eventId)).toEqual({ outcome: 'unconfirmed', processed: true });
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'pending', captured_minor: '0' });
  });

  it('a signed success stands on its own when the gateway cannot be asked', async () => {
    const { payment, bookingId } = await stripeIntent();
    stripe.setStatus(payment.id, 'succeeded');
    const eventId = await stripeEvent(payment.id);
    stripe.failNext({ status: 500, json: { error: { type: 'api_error', message: 'boom' } } });
    expect(await processPaymentEvent(deps, { eventId })).toBe('captured');
    expect(await eventOf(eventId)).toEqual({ outcome: 'captured', processed: true });
    const [booking] = await deps.database.sql<{ status: string }[]>`select status from bookings where id = ${bookingId}`;
    expect(booking?.status).toBe('confirmed');
  });

  it('an event that proves nothing by itself waits for the gateway: its job fails and is retried', async () => {
    const { payment } = await stripeIntent();
    stripe.setStatus(payment.id, 'succeeded');
    const recorded = await recordPaymentEvent(deps, 'stripe', {
      eventId: `evt_hint_${payment.id}`,
      intentId: payment.id,
      status: 'succeeded',
      amountMinor: payment.amountMinor,
      currency: 'LKR',
      needsConfirmation: true,
    });
    const eventId = recorded.eventId as string;
    stripe.failNext({ status: 500, json: { error: { type: 'api_error', message: 'boom' } } });
    await expect(processPaymentEvent(deps, { eventId })).rejects.toThrow();
    expect(await eventOf(eventId)).toEqual({ outcome: null, processed: false });
    expect((await paymentOf(payment.id))?.status).toBe('pending');
    // The retry reaches the gateway, which confirms it.
    expect(await processPaymentEvent(deps, { eventId })).toBe('captured');
  });

  it('the gateway is asked by the payment id an event carries when the intent has no reference', async () => {
    const { payment } = await stripeIntent();
    const pi = stripe.paymentIntent(payment.id)?.id as string;
    stripe.setStatus(payment.id, 'succeeded');
    await deps.database.sql`update payments set provider_reference = null where id = ${payment.id}`;
    const recorded = await recordPaymentEvent(deps, 'stripe', {
      eventId: `evt_byid_${payment.id}`,
      intentId: payment.id,
      status: 'succeeded',
      amountMinor: payment.amountMinor,
      currency: 'LKR',
      providerPaymentId: pi,
      needsConfirmation: true,
    });
    expect(await processPaymentEvent(deps, { eventId: recorded.eventId as string })).toBe('captured');
    const [row] = await deps.database.sql<
      { provider_payment_id: string }[]
    >`select provider_payment_id from payments where id = ${payment.id}`;
    expect(row?.provider_payment_id).toBe(pi);
  });
});

describe('reconciliation', () => {
  it('a gateway that does not answer leaves the intent for the next run', async () => {
    const { payment } = await stripeIntent();
    stripe.setStatus(payment.id, 'succeeded');
    stripe.failNext({ status: 500, json: { error: { type: 'api_error', message: 'boom' } } });
    const first = await reconcilePayments(deps, { intentIds: [payment.id] });
    expect(first).toMatchObject({ checked: 1, outcomes: {} });
    expect((await paymentOf(payment.id))?.status).toBe('pending');
    const second = await reconcilePayments(deps, { intentIds: [payment.id] });
    expect(second).toMatchObject({ checked: 1, outcomes: { captured: 1 } });
  });

  it('asks by the gateway payment id when that is all the intent has', async () => {
    const { payment } = await stripeIntent();
    const pi = stripe.paymentIntent(payment.id)?.id as string;
    stripe.setStatus(payment.id, 'succeeded');
    await deps.database.sql`update payments set provider_reference = null, provider_payment_id = ${pi} where id = ${payment.id}`;
    expect(await reconcilePayments(deps, { intentIds: [payment.id] })).toMatchObject({ checked: 1, outcomes: { captured: 1 } });
  });
});
