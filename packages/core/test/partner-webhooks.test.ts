import { verifyTimestamped } from '@fareway/gateways';
import { sandboxWebhook } from '@fareway/gateways/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  assertWebhookTarget,
  cancelTrip,
  createWebhookEndpoint,
  deliverDueWebhooks,
  isForbiddenAddress,
  listWebhookDeliveries,
  payWithWallet,
  postWebhook,
  processPaymentEvent,
  recordPaymentEvent,
  replayWebhookDelivery,
  reserveSeats,
  rotateWebhookSecret,
  sendTestWebhook,
  sweepExpiredHolds,
  topUpWallet,
  updateWebhookEndpoint,
} from '../src';
import { createTestDeps, type ReceivedWebhook as Received, WebhookReceiver as Receiver, type TestDeps } from '../src/testing';
import { addTrip, createOperator, insertCustomer, type OperatorFixture, ORIGIN } from './support/seat-fixtures';

let deps: TestDeps;
let opA: OperatorFixture;
let opB: OperatorFixture;
const receivers: Receiver[] = [];
const T0 = new Date('2026-03-01T00:00:00Z');

async function receiver() {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

async function endpointFor(
  owner: Actor,
  organizationId: string | null,
  url: string,
  events: Parameters<typeof createWebhookEndpoint>[3]['events'],
) {
  return createWebhookEndpoint(deps, owner, { organizationId }, { url, events }, ORIGIN);
}

const ALL_EVENTS = [
  'booking.held',
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'payment.succeeded',
  'payment.failed',
  'refund.succeeded',
  'refund.failed',
  'trip.cancelled',
] as const;

const admin: Actor = { userId: '', roles: ['admin'], sessionId: 's' };

function verify(r: Received, secret: string) {
  return verifyTimestamped({
    header: r.headers['fareway-signature'] as string,
    secret,
    rawBody: Buffer.from(r.body),
    now: deps.clock.now(),
  });
}

async function deliveryRow(endpointId: string, eventId: string) {
  const [row] = await deps.database.sql<
    Array<{ status: string; attempts: number; next_attempt_ms: number; last_response_status: number | null }>
  >`
    select status, attempts, (extract(epoch from next_attempt_at) * 1000)::float8 as next_attempt_ms, last_response_status
    from webhook_deliveries where endpoint_id = ${endpointId} and event_id = ${eventId}`;
  return row;
}

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender', env: { PARTNER_WEBHOOK_DISABLE_AFTER_FAILURES: '3' } });
  deps.clock.set(T0);
  opA = await createOperator(deps, { name: 'Lanka Lines' });
  opB = await createOperator(deps, { name: 'Other Lines' });
  admin.userId = (await insertCustomer(deps)).userId;
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await deps.cleanup();
});
beforeEach(async () => {
  // Each test starts with no endpoints listening.
  await deps.database.sql`delete from webhook_endpoints`;
});

describe('partner webhooks', () => {
  it('an operator hears its own seat booking held, paid and confirmed, signed, once each; another operator hears nothing; the platform hears what it subscribed to', async () => {
    const [a, b, platform] = [await receiver(), await receiver(), await receiver()];
    const endpointA = await endpointFor(opA.owner, opA.organizationId, a.url, [...ALL_EVENTS]);
    await endpointFor(opB.owner, opB.organizationId, b.url, [...ALL_EVENTS]);
    await endpointFor(admin, null, platform.url, ['booking.held']);
    expect(endpointA.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const tripId = await addTrip(deps, opA, new Date('2026-03-05T02:00:00Z'));
    const customer = await insertCustomer(deps);
    const held = await reserveSeats(deps, customer, { tripId, seatNumbers: ['1A', '1B'], fromStop: 0, toStop: 3 }, ORIGIN);
    const top = await topUpWallet(deps, customer, { amountMinor: held.totalMinor, provider: 'sandbox' }, ORIGIN);
    const request = sandboxWebhook({
      secret: deps.config.payments.gateways.sandbox.webhookSecret,
      intentId: top.id,
      amountMinor: top.amountMinor,
      currency: 'LKR',
      now: deps.clock.now(),
    });
    const event = await deps.gateways.sandbox.verifyWebhook(request, deps.clock.now());
    if (!event) throw new Error('sandbox event ignored');
    await processPaymentEvent(deps, { eventId: (await recordPaymentEvent(deps, 'sandbox', event)).eventId as string });
    const paid = await payWithWallet(deps, customer, { bookingId: held.id }, ORIGIN);

    const round = await deliverDueWebhooks(deps);
    expect(round).toMatchObject({ delivered: 4, retrying: 0, failed: 0 });
    // The wallet payment confirms the booking in the same transaction: both events, in the order they happened.
    expect(a.types()).toEqual(['booking.held', 'payment.succeeded', 'booking.confirmed']);
    expect(b.received).toEqual([]);
    // The top-up belongs to no operator; the platform subscribed to holds only.
    expect(platform.types()).toEqual(['booking.held']);

    for (const r of a.received) {
      expect(verify(r, endpointA.secret)).toBe(Math.floor(deps.clock.now().getTime() / 1000));
      expect(r.headers['fareway-event-id']).toBe(r.json.id);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(() => verify(a.received[0] as Received, 'whsec_someone_elses_secret')).toThrow(/signature/);
    expect(a.received[0]?.json.data).toMatchObject({
      booking: {
        id: held.id,
        kind: 'seat',
        status: 'pending',
        tripId,
        organizationId: opA.organizationId,
        seatNumbers: ['1A', '1B'],
        totalMinor: held.totalMinor,
      },
    });
    expect(a.received[1]?.json.data).toMatchObject({
      payment: { id: paid.id, bookingId: held.id, provider: 'wallet', status: 'completed' },
    });
    expect(a.received[2]?.json.data).toMatchObject({ booking: { id: held.id, status: 'confirmed', paidMinor: held.totalMinor } });
    // Nothing more to send: a second round posts nothing again.
    expect(await deliverDueWebhooks(deps)).toMatchObject({ attempted: 0 });
    expect(a.received).toHaveLength(3);
  });

  it('tells the operator of a cancelled trip, each booking cancelled on it, and an expired hold', async () => {
    const a = await receiver();
    await endpointFor(opA.owner, opA.organizationId, a.url, ['booking.cancelled', 'booking.expired', 'trip.cancelled']);
    const tripId = await addTrip(deps, opA, new Date('2026-03-06T02:00:00Z'));
    const lapsing = await reserveSeats(deps, await insertCustomer(deps), { tripId, seatNumbers: ['2A'], holdDurationMinutes: 1 }, ORIGIN);
    deps.clock.advance(2 * 60_000);
    await sweepExpiredHolds(deps);
    const live = await reserveSeats(deps, await insertCustomer(deps), { tripId, seatNumbers: ['3A'] }, ORIGIN);
    await cancelTrip(deps, opA.owner, { organizationId: opA.organizationId, tripId, reason: 'Bus broke down' }, ORIGIN);
    await deliverDueWebhooks(deps);
    expect(a.received.map((r) => [r.json.type, (r.json.data.booking as { id: string } | undefined)?.id])).toEqual([
      ['booking.expired', lapsing.id],
      ['booking.cancelled', live.id],
      ['trip.cancelled', undefined],
    ]);
    expect(a.received[2]?.json.data).toMatchObject({
      trip: { id: tripId, status: 'cancelled', reason: 'Bus broke down' },
      cancelledBookings: 1,
    });
  });

  it('retries a receiver that is down with backoff, then delivers the same event id and bytes; a claim whose worker died is taken over once it lapses', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(opA.owner, opA.organizationId, r.url, ['booking.held']);
    r.status = 503;
    const { eventId } = await sendTestWebhook(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id });
    expect(await deliverDueWebhooks(deps)).toMatchObject({ attempted: 1, retrying: 1 });
    expect(await deliveryRow(endpoint.id, eventId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_response_status: 503,
      next_attempt_ms: deps.clock.now().getTime() + 30_000,
    });
    // Not due yet: nothing is posted.
    expect(await deliverDueWebhooks(deps)).toMatchObject({ attempted: 0 });
    deps.clock.advance(30_000);
    expect(await deliverDueWebhooks(deps)).toMatchObject({ retrying: 1 });
    expect((await deliveryRow(endpoint.id, eventId))?.next_attempt_ms).toBe(deps.clock.now().getTime() + 60_000);
    r.status = 200;
    deps.clock.advance(60_000);
    expect(await deliverDueWebhooks(deps)).toMatchObject({ delivered: 1 });
    expect(r.received.map((x) => x.headers['fareway-event-id'])).toEqual([eventId, eventId, eventId]);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    expect(r.received.map((x) => x.headers['fareway-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(await deliveryRow(endpoint.id, eventId)).toMatchObject({ status: 'succeeded', attempts: 3, last_response_status: 200 });

    // A worker claims a delivery and dies before posting: its claim blocks others until it lapses, then it is sent.
    const second = await sendTestWebhook(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id });
    await deps.database.sql`
      update webhook_deliveries set locked_until = ${new Date(deps.clock.now().getTime() + 40_000).toISOString()}::timestamptz, attempts = attempts + 1
      where event_id = ${second.eventId}`;
    expect(await deliverDueWebhooks(deps)).toMatchObject({ attempted: 0 });
    deps.clock.advance(40_000);
    expect(await deliverDueWebhooks(deps)).toMatchObject({ delivered: 1 });
    expect(r.received.at(-1)?.headers['fareway-event-id']).toBe(second.eventId);
    expect(r.received.at(-1)?.headers['fareway-delivery-attempt']).toBe('2');
  });

  it('two workers at once post each delivery exactly once', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(opA.owner, opA.organizationId, r.url, ['booking.held']);
    const sent = await Promise.all(
      Array.from({ length: 30 }, () =>
        sendTestWebhook(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id }),
      ),
    );
    const rounds = await Promise.all([
      deliverDueWebhooks(deps, { limit: 20 }),
      deliverDueWebhooks(deps, { limit: 20 }),
      deliverDueWebhooks(deps, { limit: 20 }),
    ]);
    const more = await deliverDueWebhooks(deps);
    expect(rounds.reduce((n, x) => n + x.delivered, 0) + more.delivered).toBe(30);
    expect(r.received.map((x) => x.json.id).sort()).toEqual(sent.map((s) => s.eventId).sort());
    const [counts] = await deps.database.sql<Array<{ succeeded: number; attempts: number }>>`
      select count(*) filter (where status = 'succeeded')::int as succeeded, sum(attempts)::int as attempts
      from webhook_deliveries where endpoint_id = ${endpoint.id}`;
    expect(counts).toEqual({ succeeded: 30, attempts: 30 });
  });

  it('disables an endpoint after 3 failures in a row and audits why; turning it back on resumes delivery', async () => {
    const r = await receiver();
    r.status = 500;
    const endpoint = await endpointFor(opA.owner, opA.organizationId, r.url, ['booking.held']);
    for (let i = 0; i < 3; i++) await sendTestWebhook(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id });
    await deliverDueWebhooks(deps, { concurrency: 1 });
    const [row] = await deps.database.sql<Array<{ status: string; consecutive_failures: number; disabled_reason: string }>>`
      select status, consecutive_failures, disabled_reason from webhook_endpoints where id = ${endpoint.id}`;
    expect(row).toMatchObject({ status: 'disabled', consecutive_failures: 3 });
    expect(row?.disabled_reason).toMatch(/3 failed attempts in a row \(last: 500\)/);
    const [audit] = await deps.database
      .sql`select action from audit_log where subject_id = ${endpoint.id} and action = 'webhook_endpoint.disabled'`;
    expect(audit).toBeDefined();
    // Its owner is told once, in their outbox (the same transaction that disabled it); nobody else is.
    const notices = await deps.database.sql<Array<{ user_id: string; channel: string; body: string }>>`
      select user_id, channel, body from notifications where kind = 'webhook.endpoint_disabled'
        and dedupe_key like ${`webhook.endpoint_disabled:${endpoint.id}:%`}`;
    expect(notices.map((n) => [n.user_id, n.channel])).toEqual([[opA.owner.userId, 'sms']]);
    expect(notices[0]?.body).toBe(`Fareway: webhook endpoint ${r.url} was disabled after 3 failed deliveries. Fix it and enable it again.`);
    // Disabled: due retries are not posted.
    deps.clock.advance(3_600_000);
    expect(await deliverDueWebhooks(deps)).toMatchObject({ attempted: 0 });
    r.status = 200;
    const enabled = await updateWebhookEndpoint(
      deps,
      opA.owner,
      { organizationId: opA.organizationId },
      { endpointId: endpoint.id, status: 'active' },
      ORIGIN,
    );
    expect(enabled).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledReason: null });
    expect(await deliverDueWebhooks(deps)).toMatchObject({ delivered: 3 });
    const log = await listWebhookDeliveries(
      deps,
      opA.owner,
      { organizationId: opA.organizationId },
      { endpointId: endpoint.id, page: 1, limit: 10 },
    );
    expect(log.meta.total).toBe(3);
    expect(log.items.map((d) => [d.status, d.attempts, d.lastResponseStatus])).toEqual([
      ['succeeded', 2, 200],
      ['succeeded', 2, 200],
      ['succeeded', 2, 200],
    ]);
  });

  it('signs with both secrets for 24 h after a rotation, then with the new one only; a replay resends the same event', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(opA.owner, opA.organizationId, r.url, ['booking.held']);
    const rotated = await rotateWebhookSecret(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id }, ORIGIN);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const first = await sendTestWebhook(deps, opA.owner, { organizationId: opA.organizationId }, { endpointId: endpoint.id });
    await deliverDueWebhooks(deps);
    const during = r.received.at(-1) as Received;
    expect((during.headers['fareway-signature'] as string).match(/v1=/g)).toHaveLength(2);
    expect(verify(during, endpoint.secret)).toBeGreaterThan(0);
    expect(verify(during, rotated.secret)).toBeGreaterThan(0);

    deps.clock.advance(24 * 3_600_000 + 1_000);
    const replayed = await replayWebhookDelivery(
      deps,
      opA.owner,
      { organizationId: opA.organizationId },
      { endpointId: endpoint.id, eventId: first.eventId },
      ORIGIN,
    );
    expect(replayed).toMatchObject({ eventId: first.eventId, status: 'pending' });
    await deliverDueWebhooks(deps);
    const after = r.received.at(-1) as Received;
    expect(after.headers['fareway-event-id']).toBe(first.eventId);
    expect(after.body).toBe(during.body);
    expect((after.headers['fareway-signature'] as string).match(/v1=/g)).toHaveLength(1);
    expect(verify(after, rotated.secret)).toBeGreaterThan(0);
    expect(() => verify(after, endpoint.secret)).toThrow(/signature/);
  });

  it('keeps each organisation to its own endpoints: another owner, staff and customers cannot see or touch them', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(opA.owner, opA.organizationId, r.url, ['booking.held']);
    const scopeA = { organizationId: opA.organizationId };
    await expect(sendTestWebhook(deps, opB.owner, scopeA, { endpointId: endpoint.id })).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
    // B's owner naming its own organisation still cannot reach A's endpoint.
    await expect(
      sendTestWebhook(deps, opB.owner, { organizationId: opB.organizationId }, { endpointId: endpoint.id }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    await expect(sendTestWebhook(deps, opA.owner, { organizationId: null }, { endpointId: endpoint.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(sendTestWebhook(deps, admin, { organizationId: null }, { endpointId: endpoint.id })).rejects.toMatchObject({
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
    expect(await sendTestWebhook(deps, admin, scopeA, { endpointId: endpoint.id })).toMatchObject({ eventId: expect.any(String) });
  });
});

describe('receiver addresses', () => {
  const publicLookup = async () => ['93.184.216.34'];
  it.each([
    ['http://hooks.example.com/x', 'must use https'],
    ['https://127.0.0.1/x', 'loopback, private'],
    ['https://[::1]/x', 'loopback, private'],
    ['https://10.1.2.3/x', 'loopback, private'],
    ['https://172.20.0.1/x', 'loopback, private'],
    ['https://192.168.1.1/x', 'loopback, private'],
    ['https://169.254.169.254/latest/meta-data', 'loopback, private'],
    ['https://[::ffff:127.0.0.1]/x', 'loopback, private'],
    ['https://[::ffff:a9fe:a9fe]/x', 'loopback, private'],
    ['https://[fd00:ec2::254]/x', 'loopback, private'],
    ['https://[fe80::1]/x', 'loopback, private'],
    ['https://0.0.0.0/x', 'loopback, private'],
    ['https://100.64.0.1/x', 'loopback, private'],
    ['https://user:pw@hooks.example.com/x', 'no credentials'],
    ['not a url', 'Not an absolute URL'],
  ])('refuses %s in production', async (url, message) => {
    await expect(assertWebhookTarget(url, false, publicLookup)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a name that resolves to a private address, and one that does not resolve', async () => {
    await expect(assertWebhookTarget('https://metadata.internal/x', false, async () => ['169.254.169.254'])).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(assertWebhookTarget('https://mixed.example/x', false, async () => ['93.184.216.34', '10.0.0.1'])).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(
      assertWebhookTarget('https://nowhere.example/x', false, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('does not resolve') });
  });

  it('accepts https to a public address, and http or loopback outside production', async () => {
    expect(await assertWebhookTarget('https://hooks.example.com/fareway', false, publicLookup)).toBe('https://hooks.example.com/fareway');
    expect(await assertWebhookTarget('https://[2606:4700::1111]/x', false, publicLookup)).toBe('https://[2606:4700::1111]/x');
    expect(await assertWebhookTarget('http://127.0.0.1:8080/x', true)).toBe('http://127.0.0.1:8080/x');
  });

  it.each([
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
    ['127.0.0.2', true],
    ['::1', true],
    ['::ffff:10.0.0.1', true],
    ['64:ff9b::a9fe:a9fe', true],
    ['ff02::1', true],
    ['not-an-ip', true],
  ])('%s forbidden: %s', (address, forbidden) => {
    expect(isForbiddenAddress(address)).toBe(forbidden);
  });

  it('at delivery, refuses to connect to a name that resolves to loopback (checked on the address actually used)', async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    const viaName = await postWebhook({
      url: `https://localhost:${port}/x`,
      body: '{}',
      headers: {},
      timeoutMs: 2_000,
      allowInsecure: false,
    });
    expect(viaName).toMatchObject({ status: null, error: expect.stringContaining('non-public address') });
    const viaLiteral = await postWebhook({
      url: `https://127.0.0.1:${port}/x`,
      body: '{}',
      headers: {},
      timeoutMs: 2_000,
      allowInsecure: false,
    });
    expect(viaLiteral).toMatchObject({ status: null, error: expect.stringContaining('non-public address') });
    expect(r.received).toEqual([]);
  });
});
