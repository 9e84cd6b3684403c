import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initiatePayment, processPaymentEvent } from '../src/payments';
import { reserveSeats } from '../src/seats/reserve-seats';
import type { TestDeps } from '../src/testing/test-deps';
import { insertUser } from './support/booking-fixtures';
import { createStripeTestDeps, recordSandboxEvent } from './support/money-fixtures';
import { addTrip, createOperator } from './support/seat-fixtures';

// Seats on a bus are sold for an operator's organisation, not for a person (issue 17: the mutation
// run found the organisation branch of the capture journal walked by no core test).

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.4', requestId: 'req_seat_pay' };
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({ PUBLIC_URL: 'http://fareway.test' }));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

it('a seat booking paid through a gateway owes the operator organisation its share; the gateway is told it is bus seats', async () => {
  const operator = await createOperator(deps, { rows: 4 });
  const trip = await addTrip(deps, operator, new Date('2026-03-05T08:00:00Z'));
  const customer = actorOf(await insertUser(deps));
  const booking = await reserveSeats(deps, customer, { tripId: trip, seatNumbers: ['1A'] }, origin);

  const viaStripe = await initiatePayment(deps, customer, { bookingId: booking.id, provider: 'stripe' }, origin);
  expect(stripe.paymentIntent(viaStripe.id)?.description).toBe('Fareway bus seats');

  const payment = await initiatePayment(deps, customer, { bookingId: booking.id, provider: 'sandbox' }, origin);
  const { eventId } = await recordSandboxEvent(deps, payment.id, payment.amountMinor);
  expect(await processPaymentEvent(deps, { eventId: eventId as string })).toBe('captured');

  const lines = await deps.database.sql<{ account_code: string; amount_minor: string; line_kind: string }[]>`
    select e.account_code, e.amount_minor::text, e.line_kind from ledger_entries e join ledger_journals j on j.id = e.journal_id
    where j.reference = ${payment.id} and j.kind = 'capture' order by e.amount_minor desc`;
  const [row] = await deps.database.sql<{ total: string; commission: string; partner: string }[]>`
    select total_minor::text as total, commission_minor::text as commission, partner_minor::text as partner
    from bookings where id = ${booking.id}`;
  expect(lines).toEqual([
    { account_code: 'gateway_clearing:sandbox', amount_minor: row?.total, line_kind: 'gateway_net' },
    { account_code: 'platform_revenue', amount_minor: `-${row?.commission}`, line_kind: 'commission' },
    { account_code: `partner_payable:org:${operator.organizationId}`, amount_minor: `-${row?.partner}`, line_kind: 'partner_share' },
  ]);
});
