import { WebhookReceiver } from '@fareway/core/testing';
import { verifyTimestamped } from '@fareway/gateways';
import { sandboxWebhook } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorTrip, signedInUsers } from './seats-fixtures';
import { bearer, type Json, type PaymentsHarness, startPaymentsHarness } from './support/payments-harness';

// Signed webhooks to partners end to end: an operator registers its receiver over
// REST, a customer books and pays a seat over REST, the worker (woken by NOTIFY)
// delivers, the receiver verifies — and a receiver that was down gets it later.
let h: PaymentsHarness;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  h = await startPaymentsHarness();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await h.close();
});

async function receiver() {
  const r = await new WebhookReceiver().start();
  receivers.push(r);
  return r;
}

async function register(organizationId: string, ownerToken: string, url: string, events: string[]) {
  const res = await h.call('POST', `/api/v1/organizations/${organizationId}/webhook-endpoints`, { url, events }, bearer(ownerToken));
  expect(res.status).toBe(200);
  return res.body.data as Json;
}

async function topUp(token: string, amountMinor: number) {
  const started = await h.call('POST', '/api/v1/wallet/top-up', { amountMinor, provider: 'sandbox' }, bearer(token));
  expect(started.status).toBe(200);
  const request = sandboxWebhook({
    secret: h.deps.config.payments.gateways.sandbox.webhookSecret,
    intentId: started.body.data.id,
    amountMinor,
    currency: 'LKR',
    now: h.deps.clock.now(),
  });
  const answer = await fetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
    method: 'POST',
    headers: request.headers as Record<string, string>,
    body: request.rawBody,
  });
  expect(answer.status).toBe(200);
  await h.eventually(async () => {
    const wallet = await h.call('GET', '/api/v1/wallet', undefined, bearer(token));
    expect(wallet.body.data.balanceMinor).toBeGreaterThanOrEqual(amountMinor);
  });
}

const verifies = (r: WebhookReceiver, i: number, secret: string) =>
  verifyTimestamped({
    header: r.received[i]?.headers['fareway-signature'] as string,
    secret,
    rawBody: Buffer.from(r.received[i]?.body ?? ''),
    now: h.deps.clock.now(),
  });

describe('signed webhooks to an operator, over REST and the worker', () => {
  it('delivers booking.held, payment.succeeded and booking.confirmed once each to the trip’s operator only; a receiver that was down gets the cancellation later', async () => {
    const departsAt = new Date('2026-03-10T02:00:00Z');
    const opA = await operatorTrip(h.deps, { rows: 4, stops: 4, departsAt });
    const opB = await operatorTrip(h.deps, { rows: 4, stops: 4, departsAt });
    const [a, b] = [await receiver(), await receiver()];
    const endpointA = await register(opA.organizationId, opA.ownerToken, a.url, [
      'booking.held',
      'booking.confirmed',
      'booking.cancelled',
      'payment.succeeded',
    ]);
    expect(endpointA).toMatchObject({ organizationId: opA.organizationId, status: 'active', secret: expect.stringMatching(/^whsec_/) });
    await register(opB.organizationId, opB.ownerToken, b.url, ['booking.held', 'booking.confirmed', 'payment.succeeded']);
    // The secret is shown once: the list never carries it.
    const listed = await h.call('GET', `/api/v1/organizations/${opA.organizationId}/webhook-endpoints`, undefined, bearer(opA.ownerToken));
    expect(listed.body).toMatchObject({ success: true, data: [{ id: endpointA.id }], meta: { page: 1, limit: 20, total: 1 } });
    expect(JSON.stringify(listed.body)).not.toContain(endpointA.secret);

    const [customer] = await signedInUsers(h.deps, 1);
    if (!customer) throw new Error('no customer');
    await topUp(customer.token, 100_000);
    const held = await h.call(
      'POST',
      '/api/v1/bookings/reserve',
      { tripId: opA.tripId, seatNumbers: ['1A', '1B'], fromStop: 0, toStop: 2 },
      bearer(customer.token),
    );
    expect(held.status).toBe(200);
    const bookingId = held.body.data.id;
    const paid = await h.call('POST', '/api/v1/payments/process', { bookingId, method: 'wallet' }, bearer(customer.token));
    expect(paid.status).toBe(200);

    await h.eventually(async () => expect(a.received).toHaveLength(3));
    expect(a.types()).toEqual(['booking.held', 'payment.succeeded', 'booking.confirmed']);
    for (let i = 0; i < 3; i++) {
      expect(verifies(a, i, endpointA.secret)).toBeGreaterThan(0);
      expect(a.received[i]?.headers['fareway-event-id']).toBe(a.received[i]?.json.id);
    }
    expect(a.received[0]?.json.data).toMatchObject({ booking: { id: bookingId, seatNumbers: ['1A', '1B'], tripId: opA.tripId } });
    expect(b.received).toEqual([]);

    // The receiver goes down: the cancellation is attempted, refused, and waits for its retry.
    a.status = 503;
    const cancelled = await h.call('POST', `/api/v1/bookings/${bookingId}/cancel`, { reason: 'Plans changed' }, bearer(customer.token));
    expect(cancelled.status).toBe(200);
    await h.eventually(async () => expect(a.received).toHaveLength(4));
    const failedAttempt = a.received[3];
    expect(failedAttempt?.json.type).toBe('booking.cancelled');
    const log = await h.call(
      'GET',
      `/api/v1/organizations/${opA.organizationId}/webhook-endpoints/${endpointA.id}/deliveries?status=pending`,
      undefined,
      bearer(opA.ownerToken),
    );
    expect(log.body.data).toEqual([
      expect.objectContaining({ eventId: failedAttempt?.json.id, type: 'booking.cancelled', attempts: 1, lastResponseStatus: 503 }),
    ]);

    // Back up; once the retry is due, the worker delivers the same event.
    a.status = 200;
    h.deps.clock.advance(30_000);
    await h.eventually(async () => expect(a.received).toHaveLength(5));
    expect(a.received[4]?.json.id).toBe(failedAttempt?.json.id);
    expect(a.received[4]?.body).toBe(failedAttempt?.body);
    expect(verifies(a, 4, endpointA.secret)).toBeGreaterThan(0);
    // The receiver has answered; the worker records the outcome just after.
    await h.eventually(async () => {
      const [counts] = await h.deps.database.sql<Array<{ succeeded: number; other: number }>>`
        select count(*) filter (where status = 'succeeded')::int as succeeded, count(*) filter (where status <> 'succeeded')::int as other
        from webhook_deliveries where endpoint_id = ${endpointA.id}`;
      expect(counts).toEqual({ succeeded: 4, other: 0 });
    });
    expect(b.received).toEqual([]);
  });

  it('answers a stranger as if the endpoint did not exist, and validates what is registered', async () => {
    const departsAt = new Date('2026-03-11T02:00:00Z');
    const opA = await operatorTrip(h.deps, { rows: 2, stops: 2, departsAt });
    const opB = await operatorTrip(h.deps, { rows: 2, stops: 2, departsAt });
    const r = await receiver();
    const endpoint = await register(opA.organizationId, opA.ownerToken, r.url, ['booking.held']);
    const path = `/api/v1/organizations/${opA.organizationId}/webhook-endpoints/${endpoint.id}`;
    const stranger = await h.call('DELETE', path, undefined, bearer(opB.ownerToken));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    const wrongOrg = await h.call(
      'POST',
      `/api/v1/organizations/${opB.organizationId}/webhook-endpoints/${endpoint.id}/test`,
      {},
      bearer(opB.ownerToken),
    );
    expect(wrongOrg.status).toBe(404);
    expect(wrongOrg.body.error.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    const badEvent = await h.call(
      'POST',
      `/api/v1/organizations/${opA.organizationId}/webhook-endpoints`,
      { url: r.url, events: ['booking.teleported'] },
      bearer(opA.ownerToken),
    );
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.error.code).toBe('VALIDATION_ERROR');
    const badUrl = await h.call(
      'POST',
      `/api/v1/organizations/${opA.organizationId}/webhook-endpoints`,
      { url: 'ftp://example.com/x', events: ['booking.held'] },
      bearer(opA.ownerToken),
    );
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'url', message: expect.any(String) }] });
    const deleted = await h.call('DELETE', path, undefined, bearer(opA.ownerToken));
    expect(deleted.body).toMatchObject({ success: true, data: { id: endpoint.id, deleted: true } });
  });
});
