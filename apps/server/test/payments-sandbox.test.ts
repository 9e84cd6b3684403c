import { buildSandboxEventBody, signSandboxEvent } from '@fareway/gateways';
import { sandboxWebhook } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch } from './support/openapi-validator';
import {
  bearer,
  HARNESS_METRICS_TOKEN,
  insertRental,
  insertUser,
  insertVehicle,
  type Json,
  type PaymentsHarness,
  startPaymentsHarness,
} from './support/payments-harness';

// The sandbox gateway end to end over real HTTP: REST in, the hosted page, the
// signed webhook, the worker, the ledger — read back over REST and SQL.
let h: PaymentsHarness;
let secret: string;

beforeAll(async () => {
  h = await startPaymentsHarness();
  secret = h.deps.config.payments.gateways.sandbox.webhookSecret;
});
afterAll(() => h.close());

let dayOffset = 0;
/** A customer (with a token) and an approved vehicle of a fresh owner. */
async function customerAndVehicle() {
  const owner = await insertUser(h.deps, ['driver']);
  const vehicle = await insertVehicle(h.deps, owner);
  const customer = await insertUser(h.deps);
  const token = await h.tokenFor(customer);
  dayOffset += 3;
  const start = new Date(Date.parse('2026-03-20T10:00:00Z') + dayOffset * 86_400_000);
  return { owner, vehicle, customer, token, start, end: new Date(start.getTime() + 86_400_000) };
}

/** A fresh customer's rental hold on a fresh owner's vehicle. */
async function rentalHold() {
  const c = await customerAndVehicle();
  const bookingId = await insertRental(h.deps, {
    customerId: c.customer,
    vehicleId: c.vehicle,
    ownerUserId: c.owner,
    start: c.start,
    end: c.end,
  });
  return { c, bookingId };
}

/** A fresh customer's rental hold with a sandbox payment initiated for it (its checkout URL carries the signed link). */
async function sandboxPaymentOnHold() {
  const { c, bookingId } = await rentalHold();
  const payment = (await h.call('POST', '/api/v1/payments/initiate', { bookingId, provider: 'sandbox' }, bearer(c.token))).body.data;
  return { c, bookingId, payment };
}

/** Clicks a button of the hosted page the way a browser does: GET the page, POST its form's action. */
async function clickOnHostedPage(checkoutUrl: string, button: 'Approve' | 'Decline') {
  const { pathname, search } = new URL(checkoutUrl);
  const page = await apiFetch(h.base + pathname + search);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = new RegExp(`<form method="post" action="([^"]+)"><button type="submit"[^>]*>${button}</button>`).exec(html)?.[1];
  expect(action, `no ${button} form on the page`).toBeDefined();
  const res = await apiFetch(h.base + action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location') };
}

async function paymentStatus(token: string, paymentId: string): Promise<Json> {
  const res = await h.call('GET', `/api/v1/payments/${paymentId}`, undefined, bearer(token));
  expect(res.status).toBe(200);
  return res.body.data;
}

async function trialBalance(): Promise<Json> {
  const res = await h.call('GET', '/api/v1/admin/ledger/trial-balance', undefined, bearer(await h.adminToken()));
  expect(res.status).toBe(200);
  return res.body.data;
}

const eventCount = async () => (await h.deps.database.sql<{ n: number }[]>`select count(*)::int as n from payment_events`)[0]?.n;

describe('the sandbox flow over REST', () => {
  it('hold → initiate(sandbox) → Approve on the hosted page → worker → booking confirmed, payment completed, trial balance 0', async () => {
    const c = await customerAndVehicle();
    const held = await h.call(
      'POST',
      '/api/v1/bookings',
      { vehicleId: c.vehicle, startDate: c.start.toISOString(), endDate: c.end.toISOString() },
      bearer(c.token),
    );
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({ status: 'pending', totalMinor: 1_000_000, currency: 'LKR' });
    const bookingId = held.body.data.id;

    const initiated = await h.call('POST', '/api/v1/payments/initiate', { bookingId, provider: 'sandbox' }, bearer(c.token));
    expect(initiated.status).toBe(200);
    const payment = initiated.body.data;
    expect(payment).toMatchObject({ status: 'pending', amountMinor: 1_000_000, currency: 'LKR', feeMinor: 0 });
    expect(payment.checkout.url).toMatch(new RegExp(`^http://fareway\\.test/sandbox/pay/${payment.id}\\?link=\\d+\\.[0-9a-f]{64}$`));
    const hostedPage = h.base + new URL(payment.checkout.url).pathname + new URL(payment.checkout.url).search;

    // The hosted page: server-rendered, no inline script or style (the CSP forbids them).
    const page = await apiFetch(hostedPage);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toMatch(/LKR[\s\u00a0]10,000\.00/);
    expect(html).not.toMatch(/<script|<style|style=/i);

    const clicked = await clickOnHostedPage(payment.checkout.url, 'Approve');
    expect(clicked).toEqual({ status: 303, location: `http://fareway.test/?payment=${payment.id}` });

    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('completed'));
    const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(c.token));
    expect(booking.body.data).toMatchObject({ status: 'confirmed', paidMinor: 1_000_000 });
    const balance = await trialBalance();
    expect(balance.totals).toEqual([{ currency: 'LKR', balanceMinor: 0 }]);
    expect(balance.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'gateway_clearing:sandbox', currency: 'LKR', balanceMinor: 1_000_000 }),
        expect.objectContaining({ code: `partner_payable:user:${c.owner}`, currency: 'LKR', balanceMinor: -900_000 }),
      ]),
    );
    // The page now shows the outcome and offers no buttons.
    expect(await (await apiFetch(hostedPage)).text()).not.toContain('Approve</button>');
  });

  it("acts only for the checkout's signed link or the owner's session; a stranger with the payment id cannot decline", async () => {
    const { c, payment } = await sandboxPaymentOnHold();
    const link = new URL(payment.checkout.url).searchParams.get('link') ?? '';
    const [expires, signature] = link.split('.');
    const { c: other, payment: otherPayment } = await sandboxPaymentOnHold();
    const stranger = await h.tokenFor(await insertUser(h.deps));
    const events = await eventCount();
    const unknownId = '00000000-0000-7000-8000-000000000000';
    const notFound = [404, 'PAYMENT_NOT_FOUND'] as const;
    const invalid = [403, 'PAYMENT_LINK_INVALID'] as const;
    const refusals: Array<[string, string, Record<string, string>, readonly [number, string]]> = [
      ['the payment id alone', payment.id, {}, notFound],
      ["another customer's session", payment.id, bearer(stranger), notFound],
      ["another customer's session and an empty link", `${payment.id}?link=`, bearer(stranger), notFound],
      ['a token that is no session', payment.id, bearer('not-a-session-token'), notFound],
      ['an unknown id', unknownId, {}, notFound],
      ['its expiry pushed back', `${payment.id}?link=${Number(expires) + 3600}.${signature}`, {}, invalid],
      ['a forged signature', `${payment.id}?link=${expires}.${'0'.repeat(64)}`, {}, invalid],
      ['a character more', `${payment.id}?link=${link}x`, {}, invalid],
      ['the link twice', `${payment.id}?link=${link}&link=${link}`, {}, invalid],
      ["another payment's link", `${payment.id}${new URL(otherPayment.checkout.url).search}`, {}, invalid],
      ['its link on an unknown id', `${unknownId}?link=${link}`, {}, invalid],
      ["another customer's session and a forged link", `${payment.id}?link=${expires}.${'0'.repeat(64)}`, bearer(stranger), invalid],
    ];
    for (const action of ['', '/decline', '/approve']) {
      for (const [name, target, headers, [status, code]] of refusals) {
        const [path, query = ''] = target.split('?');
        const res = await apiFetch(`${h.base}/sandbox/pay/${path}${action}${query ? `?${query}` : ''}`, {
          method: action ? 'POST' : 'GET',
          headers,
          redirect: 'manual',
        });
        const text = await res.text();
        expect(
          [res.status, text.startsWith('{') ? (JSON.parse(text) as Json).error.code : text.slice(0, 40)],
          `${action || 'GET'} with ${name}`,
        ).toEqual([status, code]);
      }
    }
    // The owner's cookie opens the page, but a post carrying it from another site is not the owner's (CSRF).
    for (const action of ['/decline', '/approve']) {
      const res = await apiFetch(`${h.base}/sandbox/pay/${payment.id}${action}`, {
        method: 'POST',
        headers: { cookie: `fareway_session=${c.token}`, origin: 'https://evil.example' },
        redirect: 'manual',
      });
      expect([res.status, ((await res.json()) as Json).error.code]).toEqual([404, 'PAYMENT_NOT_FOUND']);
    }
    // Nothing was sent to the webhook and the payment is still open.
    expect(await eventCount()).toBe(events);
    expect((await paymentStatus(c.token, payment.id)).status).toBe('pending');

    // An hour later the genuine link has expired, and says so; its owner's session still opens the page.
    h.deps.clock.advance(3_601_000);
    try {
      for (const action of ['', '/decline']) {
        const res = await apiFetch(`${h.base}/sandbox/pay/${payment.id}${action}?link=${link}`, {
          method: action ? 'POST' : 'GET',
          redirect: 'manual',
        });
        expect([res.status, ((await res.json()) as Json).error.code]).toEqual([403, 'PAYMENT_LINK_EXPIRED']);
      }
      const withSession = await apiFetch(`${h.base}/sandbox/pay/${payment.id}?link=${link}`, { headers: bearer(c.token) });
      expect(withSession.status).toBe(200);
    } finally {
      h.deps.clock.advance(-3_601_000);
    }
    // The owner's own session needs no link (bearer, or the cookie from our own pages); the page then posts without one.
    const own = await apiFetch(`${h.base}/sandbox/pay/${payment.id}`, { headers: { cookie: `fareway_session=${c.token}` } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(`action="/sandbox/pay/${payment.id}/decline"`);
    const declined = await apiFetch(`${h.base}/sandbox/pay/${payment.id}/decline`, {
      method: 'POST',
      headers: { cookie: `fareway_session=${c.token}`, origin: 'http://fareway.test' },
      redirect: 'manual',
    });
    expect(declined.status).toBe(303);
    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('failed'));
    // The other customer's payment, never touched, is still open.
    expect((await paymentStatus(other.token, otherPayment.id)).status).toBe('pending');
  });

  it('Decline fails the intent and leaves the hold pending', async () => {
    const { c, bookingId, payment } = await sandboxPaymentOnHold();
    expect((await clickOnHostedPage(payment.checkout.url, 'Decline')).status).toBe(303);
    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('failed'));
    const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(c.token));
    expect(booking.body.data.status).toBe('pending');
  });

  it('one signed webhook delivered 100 times at once, then again late: one event, one capture, one journal', async () => {
    const { c, bookingId, payment } = await sandboxPaymentOnHold();
    const webhook = sandboxWebhook({
      secret,
      intentId: payment.id,
      amountMinor: payment.amountMinor,
      currency: 'LKR',
      now: h.deps.clock.now(),
    });
    const deliver = () =>
      apiFetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
        method: 'POST',
        headers: webhook.headers as Record<string, string>,
        body: webhook.rawBody,
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));
    const answers = await Promise.all(Array.from({ length: 100 }, deliver));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(answers.filter((a) => a.body.data.duplicate === false)).toHaveLength(1);
    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('completed'));

    // Late: the same delivery again, and the gateway's retry signed anew a minute later.
    h.deps.clock.advance(60_000);
    expect((await deliver()).body.data).toEqual({ received: true, duplicate: true });
    const resigned = sandboxWebhook({
      secret,
      intentId: payment.id,
      amountMinor: payment.amountMinor,
      currency: 'LKR',
      now: h.deps.clock.now(),
    });
    const again = await apiFetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
      method: 'POST',
      headers: resigned.headers as Record<string, string>,
      body: resigned.rawBody,
    });
    expect(again.status).toBe(200);

    const sql = h.deps.database.sql;
    expect(await sql`select count(*)::int as n from payment_events where intent_ref = ${payment.id}`).toEqual([{ n: 1 }]);
    expect(await sql`select count(*)::int as n from ledger_journals where reference = ${payment.id}`).toEqual([{ n: 1 }]);
    expect(
      await sql`select count(*)::int as n from pgboss.job where name = 'process-payment-event'
      and data->>'eventId' in (select id::text from payment_events where intent_ref = ${payment.id})`,
    ).toEqual([{ n: 1 }]);
    expect(await sql`select status, captured_minor::int as captured from payments where id = ${payment.id}`).toEqual([
      { status: 'completed', captured: 1_000_000 },
    ]);
    expect(await sql`select count(*)::int as n from audit_log where action = 'booking.confirm' and subject_id = ${bookingId}`).toEqual([
      { n: 1 },
    ]);
  });

  it('refuses a tampered body, a wrong secret and a 10-minute-old timestamp: 401, nothing stored, counted', async () => {
    const { c, payment } = await sandboxPaymentOnHold();
    const now = h.deps.clock.now();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const body = buildSandboxEventBody({
      id: `evt_${payment.id}`,
      type: 'payment.succeeded',
      data: { intentId: payment.id, amountMinor: payment.amountMinor, currency: 'LKR' },
    });
    const tampered = body.replace(String(payment.amountMinor), '1');
    const attempts: Array<[string, string, string]> = [
      ['tampered body', tampered, signSandboxEvent(secret, body, nowSeconds)],
      ['wrong secret', body, signSandboxEvent('not-the-sandbox-secret-at-all', body, nowSeconds)],
      ['10 minutes old', body, signSandboxEvent(secret, body, nowSeconds - 600)],
      ['no signature', body, ''],
    ];
    const before = await eventCount();
    for (const [what, raw, signature] of attempts) {
      const answer = await apiFetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'fareway-signature': signature } : {}) },
        body: raw,
      });
      expect(answer.status, what).toBe(401);
      expect(((await answer.json()) as Json).error.code, what).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    expect(await eventCount()).toBe(before);
    expect((await paymentStatus(c.token, payment.id)).status).toBe('pending');
    const metrics = await (await apiFetch(`${h.base}/metrics`, { headers: { authorization: `Bearer ${HARNESS_METRICS_TOKEN}` } })).text();
    expect(Number(/fareway_webhook_signature_failures_total\{provider="sandbox"\} (\d+)/.exec(metrics)?.[1])).toBe(4);
    // The genuine one still goes through.
    const genuine = await apiFetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'fareway-signature': signSandboxEvent(secret, body, nowSeconds) },
      body,
    });
    expect(genuine.status).toBe(200);
    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('completed'));
  });

  it('an unknown provider has no webhook', async () => {
    const res = await h.call('POST', '/api/v1/payments/webhook/paypal', {});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('seed 000 E2E: booking cancellation → refund, over REST', () => {
  it('for a gateway (sandbox) payment: the refund goes back through the gateway, once', async () => {
    const c = await customerAndVehicle();
    const held = await h.call(
      'POST',
      '/api/v1/bookings',
      { vehicleId: c.vehicle, startDate: c.start.toISOString(), endDate: c.end.toISOString() },
      bearer(c.token),
    );
    const bookingId = held.body.data.id;
    const payment = (await h.call('POST', '/api/v1/payments/initiate', { bookingId, provider: 'sandbox' }, bearer(c.token))).body.data;
    await clickOnHostedPage(payment.checkout.url, 'Approve');
    await h.eventually(async () => expect((await paymentStatus(c.token, payment.id)).status).toBe('completed'));

    const cancelled = await h.call('POST', `/api/v1/bookings/${bookingId}/cancel`, { reason: 'plans changed' }, bearer(c.token));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', refundDueMinor: 1_000_000 });
    await h.eventually(async () =>
      expect(await paymentStatus(c.token, payment.id)).toMatchObject({ status: 'refunded', refundedMinor: 1_000_000 }),
    );
    const refunds = await h.deps.database.sql`select status, destination, provider_refund_id from refunds where payment_id = ${payment.id}`;
    expect(refunds).toEqual([{ status: 'succeeded', destination: 'gateway', provider_refund_id: expect.stringMatching(/^sbx_re_/) }]);
    expect((await trialBalance()).totals).toEqual([{ currency: 'LKR', balanceMinor: 0 }]);
  });

  it('for a wallet payment: top up through the sandbox, pay from the wallet, cancel, the money is back in the wallet', async () => {
    const c = await customerAndVehicle();
    const auth = bearer(c.token);
    const top = await h.call('POST', '/api/v1/wallet/top-up', { amountMinor: 1_200_000, provider: 'sandbox' }, auth);
    expect(top.status).toBe(200);
    expect(top.body.data).toMatchObject({ purpose: 'top_up', amountMinor: 1_200_000 });
    await clickOnHostedPage(top.body.data.checkout.url, 'Approve');
    await h.eventually(async () =>
      expect((await h.call('GET', '/api/v1/wallet', undefined, auth)).body.data).toEqual({ balanceMinor: 1_200_000, currency: 'LKR' }),
    );

    const held = await h.call(
      'POST',
      '/api/v1/bookings',
      { vehicleId: c.vehicle, startDate: c.start.toISOString(), endDate: c.end.toISOString() },
      auth,
    );
    const bookingId = held.body.data.id;
    const paid = await h.call('POST', '/api/v1/payments/process', { bookingId, method: 'wallet' }, auth);
    expect(paid.status).toBe(200);
    expect(paid.body.data).toEqual({ id: expect.any(String), status: 'completed', transactionId: expect.any(String), bookingId });
    expect((await h.call('GET', '/api/v1/wallet', undefined, auth)).body.data.balanceMinor).toBe(200_000);
    const short = await h.call('POST', '/api/v1/payments/process', { bookingId, method: 'wallet' }, auth);
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('PAYMENT_ALREADY_PROCESSED');

    const cancelled = await h.call('POST', `/api/v1/bookings/${bookingId}/cancel`, {}, auth);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', refundDueMinor: 1_000_000 });
    await h.eventually(async () => expect((await h.call('GET', '/api/v1/wallet', undefined, auth)).body.data.balanceMinor).toBe(1_200_000));
    expect(await paymentStatus(c.token, paid.body.data.id)).toMatchObject({ status: 'refunded', provider: 'wallet' });
    expect((await trialBalance()).totals).toEqual([{ currency: 'LKR', balanceMinor: 0 }]);
  });

  it('402 INSUFFICIENT_BALANCE when the wallet is short', async () => {
    const { c, bookingId } = await rentalHold();
    const res = await h.call('POST', '/api/v1/payments/process', { bookingId, method: 'wallet' }, bearer(c.token));
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('INSUFFICIENT_BALANCE');
  });
});
