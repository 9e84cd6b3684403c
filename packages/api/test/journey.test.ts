import { applyGatewayPayment, ensureAdmin, findVehicleAlternatives, issueSession, processRefund, signTicketCode } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId } from '@fareway/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, insertVehicle } from '../../core/test/support/booking-fixtures';
import { createCaller, createContextFactory, describeError } from '../src';

let deps: TestDeps;
let n = 0;
const T0 = new Date('2026-03-01T00:00:00Z');

async function callerFor(userId: string | null) {
  let authorization: string | null = null;
  if (userId) authorization = `Bearer ${(await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null })).token}`;
  return createCaller(createContextFactory(deps)({ requestId: `req_journey_${++n}`, ip: `10.7.${n % 250}.1`, authorization }));
}
type Caller = Awaited<ReturnType<typeof callerFor>>;

async function told(promise: Promise<unknown>): Promise<{ code: string; message?: string }> {
  try {
    await promise;
    return { code: 'ok' };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const { message, data } = describeError(error, null);
    return { code: data.appCode, message };
  }
}

/** The gateway's success applied through the real capture path (booking confirmed, capture journal posted). */
async function approveInSandbox(intentId: string, amountMinor: number) {
  const outcome = await applyGatewayPayment(deps, intentId, { intentId, status: 'succeeded', amountMinor, currency: 'LKR' });
  if (outcome !== 'captured') throw new Error(`payment was ${outcome}`);
}

/** Runs the refunds of a booking as the process-refunds job would. */
async function runRefunds(bookingId: string) {
  const rows = await deps.database.sql<Array<{ id: string }>>`select id from refunds where booking_id = ${bookingId}`;
  for (const row of rows) await processRefund(deps, { refundId: row.id });
}

let owner: Caller;
let stranger: Caller;
let customerId = '';
let customer: Caller;
let organizationId = '';
let otherOrganizationId = '';
const trips: string[] = [];

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender', env: { PUBLIC_URL: 'http://fareway.test' } });
  deps.clock.set(T0);
  const admin = await callerFor(
    (await ensureAdmin(deps, { email: 'journey-admin@example.com', password: 'journey admin password' })).user.id,
  );
  owner = await callerFor(await insertUser(deps));
  stranger = await callerFor(await insertUser(deps));
  customerId = await insertUser(deps);
  customer = await callerFor(customerId);
  organizationId = (await owner.organizations.create({ name: 'Southern Star' })).id;
  otherOrganizationId = (await stranger.organizations.create({ name: 'Other Lines' })).id;
  await admin.organizations.setStatus({ organizationId, status: 'approved' });
  const layout = await owner.operators.createLayout({ organizationId, name: '2+2', standard: { rows: 2 } });
  const bus = await owner.operators.createBus({ organizationId, name: 'Star 1', registrationNumber: 'SP-1', layoutId: layout.id });
  const route = await owner.operators.createRoute({
    organizationId,
    name: 'Colombo → Galle',
    currency: 'LKR',
    stops: ['Colombo Fort', 'Kalutara', 'Galle'].map((name, i) => ({
      name,
      city: name.split(' ')[0] as string,
      arriveOffsetMinutes: i * 60,
      departOffsetMinutes: i * 60,
      fareToNextMinor: i === 2 ? undefined : 50_000,
    })),
  });
  for (const departsAt of ['2026-03-03T01:00:00Z', '2026-03-03T05:00:00Z', '2026-03-04T01:00:00Z']) {
    trips.push((await owner.operators.createTrip({ organizationId, routeId: route.id, busId: bus.id, departsAt })).id);
  }
  // Money in the wallet, through a sandbox top-up.
  const top = await customer.wallet.topUp({ amountMinor: 500_000, provider: 'sandbox' });
  await approveInSandbox(top.id, top.amountMinor);
}, 60_000);
afterAll(() => deps.cleanup());

describe('e-tickets and their QR code', () => {
  let bookingId = '';
  it('issues the ticket of a paid seat booking only, with names, seats, the leg and a signed code', async () => {
    const held = await customer.bookings.reserve({
      tripId: trips[0] as string,
      seatNumbers: ['1A', '1B'],
      fromStop: 0,
      toStop: 2,
      passengers: [
        { seatNo: '1A', name: 'Nimal Perera' },
        { seatNo: '1B', name: 'Kamala Perera' },
      ],
    });
    bookingId = held.id;
    expect(await told(customer.journey.ticket({ id: bookingId }))).toMatchObject({ code: 'TICKET_NOT_ISSUED' });
    await customer.payments.process({ bookingId, method: 'wallet' });
    const ticket = await customer.journey.ticket({ id: bookingId });
    expect(ticket).toMatchObject({
      bookingId,
      reference: expect.stringMatching(/^FW-[0-9A-F]{8}$/),
      status: 'confirmed',
      routeName: 'Colombo → Galle',
      operator: { name: 'Southern Star' },
      timeZone: 'Asia/Colombo',
      from: { name: 'Colombo Fort', departsAt: '2026-03-03T01:00:00.000Z' },
      to: { name: 'Galle', arrivesAt: '2026-03-03T03:00:00.000Z' },
      passengers: [
        { seatNo: '1A', passengerName: 'Nimal Perera' },
        { seatNo: '1B', passengerName: 'Kamala Perera' },
      ],
      totalMinor: 200_000,
    });
    expect(ticket.code).toBe(signTicketCode(deps.config.auth.secret, bookingId));
    // Another customer is told the booking does not exist.
    expect(await told(stranger.journey.ticket({ id: bookingId }))).toMatchObject({ code: 'BOOKING_NOT_FOUND' });
  });

  it("lets the operator's crew check a scanned code: the passengers, or a code saying what is wrong", async () => {
    const { code } = await customer.journey.ticket({ id: bookingId });
    const scanned = await owner.journey.verifyTicket({ organizationId, code, tripId: trips[0] });
    expect(scanned.passengers.map((p) => p.passengerName)).toEqual(['Nimal Perera', 'Kamala Perera']);
    expect(await told(owner.journey.verifyTicket({ organizationId, code, tripId: trips[1] }))).toMatchObject({ code: 'TICKET_WRONG_TRIP' });
    // One changed character of the MAC, another secret, a booking id swapped in: all refused in the same words.
    const tampered = code.slice(0, -2) + (code.at(-2) === 'A' ? 'B' : 'A') + code.at(-1);
    const forged = signTicketCode('another secret entirely', bookingId);
    const invalid = await told(owner.journey.verifyTicket({ organizationId, code: tampered }));
    expect(invalid).toMatchObject({ code: 'TICKET_INVALID' });
    expect(await told(owner.journey.verifyTicket({ organizationId, code: forged }))).toEqual(invalid);
    expect(await told(owner.journey.verifyTicket({ organizationId, code: 'not a ticket' }))).toEqual(invalid);
    expect(await told(owner.journey.verifyTicket({ organizationId, code: signTicketCode(deps.config.auth.secret, newId()) }))).toEqual(
      invalid,
    );
    // Another operator scanning a genuine ticket learns nothing more than from a forged one.
    expect(await told(stranger.journey.verifyTicket({ organizationId: otherOrganizationId, code }))).toEqual(invalid);
    expect(await told(stranger.journey.verifyTicket({ organizationId, code }))).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
    expect(await told(customer.journey.verifyTicket({ organizationId, code }))).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('refuses the ticket of a cancelled booking at the door, and issues none for a rental', async () => {
    const held = await customer.bookings.reserve({ tripId: trips[2] as string, seatNumbers: ['2A'] });
    await customer.payments.process({ bookingId: held.id, method: 'wallet' });
    const { code } = await customer.journey.ticket({ id: held.id });
    await customer.bookings.cancel({ id: held.id });
    expect(await told(owner.journey.verifyTicket({ organizationId, code }))).toMatchObject({ code: 'TICKET_NOT_VALID' });
    expect(await told(customer.journey.ticket({ id: held.id }))).toMatchObject({ code: 'TICKET_NOT_ISSUED' });
  });
});

describe('receipts', () => {
  it('lists the lines, the payment, the refund and the totals of a paid car booking; none before it is paid', async () => {
    const driver = await insertUser(deps, ['customer', 'driver']);
    const vehicleId = await insertVehicle(deps, driver, { make: 'Honda', model: 'Vezel', year: 2019 });
    const rental = await customer.bookings.create({ vehicleId, startDate: '2026-03-20T04:30:00Z', endDate: '2026-03-21T04:30:00Z' });
    expect(await told(customer.journey.receipt({ id: rental.id }))).toMatchObject({ code: 'RECEIPT_NOT_ISSUED' });
    const intent = await customer.payments.initiate({ bookingId: rental.id, provider: 'sandbox' });
    await approveInSandbox(intent.id, intent.amountMinor);
    const paid = await customer.journey.receipt({ id: rental.id });
    expect(paid).toMatchObject({
      title: 'Honda Vezel 2019, Colombo',
      payments: [{ provider: 'sandbox', amountMinor: 1_000_000, status: 'completed' }],
      totals: { chargedMinor: 1_000_000, paidMinor: 1_000_000, refundedMinor: 0, netMinor: 1_000_000, currency: 'LKR' },
    });
    expect(paid.booking.lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(1_000_000);
    expect(await told(stranger.journey.receipt({ id: rental.id }))).toMatchObject({ code: 'BOOKING_NOT_FOUND' });
  });
});

describe('cancelling with the refund kept in the wallet', () => {
  it('sends a card-paid refund to the wallet when the customer asks, with the ledger moving it there', async () => {
    const driver = await insertUser(deps, ['customer', 'driver']);
    const vehicleId = await insertVehicle(deps, driver);
    const rental = await customer.bookings.create({ vehicleId, startDate: '2026-03-25T04:30:00Z', endDate: '2026-03-26T04:30:00Z' });
    const intent = await customer.payments.initiate({ bookingId: rental.id, provider: 'sandbox' });
    await approveInSandbox(intent.id, intent.amountMinor);
    const before = (await customer.wallet.get()).balanceMinor;
    // Only the customer may choose the wallet.
    expect(await told(owner.bookings.cancel({ id: rental.id, refundTo: 'wallet' }))).toMatchObject({ code: 'BOOKING_NOT_FOUND' });
    const cancelled = await customer.bookings.cancel({ id: rental.id, refundTo: 'wallet' });
    expect(cancelled.refunds).toMatchObject([{ amountMinor: 1_000_000, destination: 'wallet', status: 'pending' }]);
    await runRefunds(rental.id);
    expect((await customer.bookings.get({ id: rental.id })).refunds).toMatchObject([{ destination: 'wallet', status: 'succeeded' }]);
    expect((await customer.wallet.get()).balanceMinor).toBe(before + 1_000_000);
    const rows = await deps.database.sql<Array<{ account_code: string; amount_minor: string }>>`
      select e.account_code, e.amount_minor::text from ledger_entries e join ledger_journals j on j.id = e.journal_id
      where j.kind = 'refund' and j.reference = ${cancelled.refunds[0]?.id as string} order by e.amount_minor`;
    expect(rows.map((r) => [r.account_code.split(':')[0], Number(r.amount_minor)])).toEqual([
      ['customer_wallet', -1_000_000],
      ['platform_revenue', 100_000],
      ['partner_payable', 900_000],
    ]);
    expect((await customer.journey.receipt({ id: rental.id })).totals).toMatchObject({ refundedMinor: 1_000_000, netMinor: 0 });
  });

  it('refuses the wallet for a booking in another currency than the wallet, next to the field', async () => {
    const driver = await insertUser(deps, ['customer', 'driver']);
    const vehicleId = await insertVehicle(deps, driver, { currency: 'USD', dailyRateMinor: 5_000 });
    const rental = await customer.bookings.create({ vehicleId, startDate: '2026-03-27T04:30:00Z', endDate: '2026-03-28T04:30:00Z' });
    expect(await told(customer.bookings.cancel({ id: rental.id, refundTo: 'wallet' }))).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect((await customer.bookings.get({ id: rental.id })).status).toBe('pending');
  });
});

describe('wallet history', () => {
  it('lists every move newest first with the balance after each, paged, and the bookings they were for', async () => {
    const all = await customer.journey.walletMoves({ page: 1, limit: 100 });
    expect(all.meta.total).toBe(all.items.length);
    expect(all.items.at(-1)).toMatchObject({ kind: 'top_up', amountMinor: 500_000, balanceMinor: 500_000, bookingId: null });
    expect(all.items[0]?.balanceMinor).toBe((await customer.wallet.get()).balanceMinor);
    // Each balance is the one before it plus the move.
    for (let i = 0; i < all.items.length - 1; i++) {
      const [newer, older] = [all.items[i], all.items[i + 1]];
      expect(newer?.balanceMinor).toBe((older?.balanceMinor ?? 0) + (newer?.amountMinor ?? 0));
    }
    expect(all.items.filter((m) => m.kind === 'payment').every((m) => m.amountMinor < 0 && m.bookingId)).toBe(true);
    expect(all.items.some((m) => m.kind === 'refund' && m.amountMinor > 0 && m.bookingId)).toBe(true);
    const second = await customer.journey.walletMoves({ page: 2, limit: 2 });
    expect(second.items).toEqual(all.items.slice(2, 4));
    expect(second.meta).toEqual({ page: 2, limit: 2, total: all.items.length });
    // A page past the last one is empty but still reports the real total.
    const beyond = await customer.journey.walletMoves({ page: all.items.length + 1, limit: 1 });
    expect(beyond).toMatchObject({ items: [], meta: { page: all.items.length + 1, limit: 1, total: all.items.length } });
    expect((await stranger.journey.walletMoves({ page: 1, limit: 20 })).items).toEqual([]);
  });
});

describe('alternatives when something is taken', () => {
  it('offers free seats on the same leg and the next trips with room', async () => {
    const alternatives = await customer.journey.seatAlternatives({ id: trips[0] as string, fromStop: 0, toStop: 2, seats: 2 });
    expect(alternatives.sameTrip.freeSeats).not.toContain('1A');
    expect(alternatives.sameTrip.freeSeats).toContain('2A');
    expect(alternatives.laterTrips.map((t) => t.id)).toEqual([trips[1], trips[2]]);
    // A leg that starts later is free on 1A again only if it does not overlap: 1A is sold 0→2.
    const tail = await customer.journey.seatAlternatives({ id: trips[0] as string, fromStop: 1, toStop: 2, seats: 1 });
    expect(tail.sameTrip.freeSeats).not.toContain('1A');
  });

  it('offers other free cars for the dates: the same city first (same type, closest price), then other cities nearest first', async () => {
    const driver = await insertUser(deps, ['customer', 'driver']);
    const taken = await insertVehicle(deps, driver, { city: 'Kandy', dailyRateMinor: 1_000_000 });
    const close = await insertVehicle(deps, driver, { city: 'Kandy', dailyRateMinor: 1_100_000 });
    const far = await insertVehicle(deps, driver, { city: 'Kandy', dailyRateMinor: 3_000_000 });
    const van = await insertVehicle(deps, driver, { city: 'Kandy', type: 'van', dailyRateMinor: 1_000_000 });
    const busy = await insertVehicle(deps, driver, { city: 'Kandy', dailyRateMinor: 1_000_000 });
    const galle = await insertVehicle(deps, driver, { city: 'Galle', dailyRateMinor: 1_000_000 });
    await insertVehicle(deps, driver, { city: 'Kandy', seats: 2, dailyRateMinor: 1_000_000 });
    const range = { startDate: '2026-04-02T04:30:00Z', endDate: '2026-04-03T04:30:00Z' };
    await customer.bookings.create({ vehicleId: taken, ...range });
    await stranger.bookings.create({ vehicleId: busy, ...range });
    expect(await told(stranger.bookings.create({ vehicleId: taken, ...range }))).toMatchObject({ code: 'BOOKING_CONFLICT' });
    // Positions: the taken car in Kandy, one in Matale (about 23 km away), the Galle one (about 170 km away).
    await deps.database.sql`update vehicles set latitude = 7.2906, longitude = 80.6337 where id = ${taken}`;
    await deps.database.sql`update vehicles set latitude = 6.0535, longitude = 80.221 where id = ${galle}`;
    const matale = await insertVehicle(deps, driver, { city: 'Matale', dailyRateMinor: 5_000_000 });
    await deps.database.sql`update vehicles set latitude = 7.4675, longitude = 80.6234 where id = ${matale}`;
    const { items } = await stranger.journey.vehicleAlternatives({ id: taken, ...range });
    expect(items.map((v) => v.id)).toEqual([close, far, van, matale]);
    expect(items[0]?.quote).toMatchObject({ totalMinor: 1_100_000 });
    expect(items.map((v) => v.place.sameCity)).toEqual([true, true, true, false]);
    expect(items[3]?.place.distanceKm).toBe(20);
    // Asked for more, the farther city comes after the nearer one.
    const more = await findVehicleAlternatives(deps, {
      vehicleId: taken,
      start: new Date(range.startDate),
      end: new Date(range.endDate),
      limit: 10,
    });
    expect(more.filter((v) => !v.place.sameCity && v.place.distanceKm !== null).map((v) => [v.id, v.place.distanceKm])).toEqual([
      [matale, 20],
      [galle, 145],
    ]);
  });
});

describe('email accounts', () => {
  it('registers a customer with email and password, signed in at once; the address is taken once; login works', async () => {
    const anonymous = await callerFor(null);
    const signed = await anonymous.journey.register({ email: 'Asha@Example.com', password: 'long enough secret', name: 'Asha' });
    expect(signed.user).toMatchObject({ email: 'asha@example.com', name: 'Asha', roles: ['customer'] });
    expect(await told(anonymous.journey.register({ email: 'asha@example.com', password: 'another secret', name: 'Copy' }))).toMatchObject({
      code: 'EMAIL_IN_USE',
    });
    expect(await told(anonymous.journey.register({ email: 'b@example.com', password: 'short', name: 'B' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    const login = await anonymous.auth.login({ email: 'ASHA@example.com', password: 'long enough secret' });
    expect(login.user.id).toBe(signed.user.id);
    expect(await told(anonymous.auth.login({ email: 'asha@example.com', password: 'wrong password' }))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });
});
