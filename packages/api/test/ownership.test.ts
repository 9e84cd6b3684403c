import { type Actor, ensureAdmin, issueSession, postJournal, uploadFile } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { findAppError, httpStatusOf, isErrorCode, topUpPostings } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCaller, createContextFactory } from '../src';

/**
 * Ownership on real objects (issue 17). Two of everything — customers, drivers,
 * operator organisations and every object a procedure takes by id — are made
 * through the router itself. Every procedure whose input carries an id (found
 * by walking the zod input schemas, so a new one cannot be forgotten) is called
 * on side A's objects as every role: the roles in `allowed` must succeed, and
 * everyone else must get exactly the answer (code, HTTP status, message) that a
 * random id gets from the same caller — "not yours" reads like "absent".
 * INTERNAL_ERROR fails the test wherever it appears.
 */

type Role = 'anonymous' | 'customerA' | 'customerB' | 'driverA' | 'driverB' | 'operatorA' | 'operatorB' | 'admin';
const ROLES: Role[] = ['anonymous', 'customerA', 'customerB', 'driverA', 'driverB', 'operatorA', 'operatorB', 'admin'];
const AUTHED = ROLES.filter((role) => role !== 'anonymous');

/** One side of the world: three people and one of every object a procedure takes by id, all of it theirs. */
interface Side {
  customer: string;
  driver: string;
  operator: string;
  organization: string;
  /** A staff member of that organisation (its member list, removing one). */
  staff: string;
  layout: string;
  bus: string;
  route: string;
  trip: string;
  vehicle: string;
  draftVehicle: string;
  blackout: string;
  photo: string;
  spareFile: string;
  documentFile: string;
  application: string;
  rental: string;
  seatBooking: string;
  payment: string;
  webhookEndpoint: string;
  /** An event delivered (queued) to that endpoint, for its delivery log and replay. */
  webhookEvent: string;
  /** A platform endpoint (admins'), one per side so the matrix has a real one to name. */
  platformEndpoint: string;
  platformEvent: string;
  settlement: string;
  /** A rental paid from the wallet: something to refund by hand. */
  paidRental: string;
  /** A failed refund of that rental, for admin.refunds.retry. */
  failedRefund: string;
  /** A seat booking paid from the wallet (it has an e-ticket), and the signed code of its QR. */
  paidSeatBooking: string;
  ticketCode: string;
}

interface Case {
  /** Roles whose call must succeed on side A's objects; every other role must answer like a random id. */
  allowed: Role[];
  /**
   * The input: `v` is the victim's side (A, or all-random ids for the comparison call), `c` the caller's
   * own side (B for the B roles, A otherwise), so a stranger can name their own organisation or
   * vehicle together with the victim's object. `n` is unique per call.
   */
  input: (v: Side, c: Side, n: number) => unknown;
  /** Roles that see the object but may not do this to it (a customer starting their own rental): this code, not "absent". */
  refused?: Partial<Record<Role, string>>;
  /** Fresh objects for each call that must succeed, when success changes the object (cancel, approve, …). */
  fresh?: () => Promise<Partial<Side>>;
}

const sideOf = (role: Role): 'A' | 'B' => (role.endsWith('B') ? 'B' : 'A');

let deps: TestDeps;
const users = {} as Record<Exclude<Role, 'anonymous'>, string>;
const tokens = new Map<string, string>();
const sides = {} as Record<'A' | 'B', Side>;
let counter = 0;
const DAY = 86_400_000;
const T0 = new Date('2026-03-01T00:00:00Z');

function callerFor(role: Role) {
  return callerOfUser(role === 'anonymous' ? null : users[role]);
}

function callerOfUser(userId: string | null) {
  const token = userId ? tokens.get(userId) : null;
  return createCaller(
    createContextFactory(deps)({
      requestId: `req_own_${++counter}`,
      ip: `10.77.${counter % 250}.1`,
      authorization: token ? `Bearer ${token}` : null,
    }),
  );
}

async function signIn(userId: string) {
  tokens.set(userId, (await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null })).token);
}

/** The phone of the newest user (organizations.addMember names a person by phone). */
let newestPhone = '';

async function insertUser(roles: ('customer' | 'driver' | 'admin')[]): Promise<string> {
  const now = deps.clock.now();
  const id = newId();
  newestPhone = `+9477${3_000_000 + ++counter}`;
  await deps.db.insert(schema.users).values({ id, phone: newestPhone, roles, status: 'active', createdAt: now, updatedAt: now });
  await signIn(id);
  return id;
}

const actor = (userId: string, roles: Actor['roles'] = ['customer']): Actor => ({ userId, roles, sessionId: 'setup' });
const origin = { ip: null, requestId: null };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%scan of a licence\n');

const vehicleInput = {
  make: 'Toyota',
  model: 'Aqua',
  year: 2020,
  type: 'car' as const,
  seats: 4,
  transmission: 'automatic' as const,
  fuel: 'hybrid' as const,
  city: 'Colombo',
  timeZone: 'Asia/Colombo',
  dailyRateMinor: 900_000,
  currency: 'LKR',
};

const upload = async (userId: string, purpose: 'vehicle_photo' | 'driver_document', roles: Actor['roles'] = ['customer']) =>
  (
    await uploadFile(
      deps,
      actor(userId, roles),
      purpose === 'vehicle_photo'
        ? { purpose, contentType: 'image/png', bytes: PNG }
        : { purpose, contentType: 'application/pdf', bytes: PDF },
      origin,
    )
  ).id;

/** An approved vehicle of `driver`, through create → photo → submit → admin approval. */
async function approvedVehicle(driver: string): Promise<string> {
  const asDriver = callerOfUser(driver);
  const vehicle = await asDriver.vehicles.create(vehicleInput);
  await asDriver.vehicles.addPhoto({ id: vehicle.id, fileId: await upload(driver, 'vehicle_photo', ['customer', 'driver']) });
  await asDriver.vehicles.submit({ id: vehicle.id });
  await callerFor('admin').vehicles.approve({ id: vehicle.id, reason: undefined });
  return vehicle.id;
}

/** A vehicle row of side A's driver in the given state (admin review cases need one per call). */
async function vehicleInState(status: 'pending_review' | 'approved' | 'suspended'): Promise<string> {
  const id = (await callerFor('driverA').vehicles.create(vehicleInput)).id;
  await deps.database.sql`update vehicles set status = ${status} where id = ${id}`;
  return id;
}

/** A rental hold of side A's customer on side A's vehicle, `days` apart so holds never collide. */
async function rentalOf(side: Side, status: 'pending' | 'confirmed' | 'active' = 'pending', now = false): Promise<string> {
  // Starting now needs a vehicle of its own (several rentals cannot all start now on one).
  const vehicleId = now ? await vehicleInState('approved') : side.vehicle;
  const dates = now ? { startDate: T0.toISOString(), endDate: new Date(T0.getTime() + DAY).toISOString() } : rentalDates();
  const booking = await callerOfUser(side.customer).bookings.create({ vehicleId, ...dates });
  if (status !== 'pending') {
    // Fixture shortcut: the payment flow is tested elsewhere; the trigger mirrors the status onto the occupancy.
    await deps.database.sql`update bookings set status = 'confirmed', paid_minor = total_minor, expires_at = null where id = ${booking.id}`;
    if (status === 'active') await deps.database.sql`update bookings set status = 'active' where id = ${booking.id}`;
  }
  return booking.id;
}

async function tripOf(side: Side, daysAhead = 9): Promise<string> {
  const asOperator = callerOfUser(side.operator);
  const bus = await asOperator.operators.createBus({
    organizationId: side.organization,
    name: 'Bus',
    registrationNumber: `NB-${++counter}`,
    layoutId: side.layout,
  });
  const trip = await asOperator.operators.createTrip({
    organizationId: side.organization,
    routeId: side.route,
    busId: bus.id,
    departsAt: new Date(T0.getTime() + daysAhead * DAY + counter * 60_000).toISOString(),
  });
  return trip.id;
}

/** A new person added to the organisation as staff, by its owner. */
async function staffOf(organization: string, asOwner = callerFor('operatorA')): Promise<string> {
  const id = await insertUser(['customer']);
  await asOwner.organizations.addMember({ organizationId: organization, phoneNumber: newestPhone, role: 'staff' });
  return id;
}

async function buildSide(name: 'A' | 'B'): Promise<Side> {
  const customer = users[`customer${name}`];
  const driver = users[`driver${name}`];
  const operator = users[`operator${name}`];
  const asOperator = callerFor(`operator${name}`);
  const organization = (await asOperator.organizations.create({ name: `Operator ${name}` })).id;
  await callerFor('admin').organizations.setStatus({ organizationId: organization, status: 'approved' });
  const layout = (await asOperator.operators.createLayout({ organizationId: organization, name: '2+2', standard: { rows: 10 } })).id;
  const bus = (
    await asOperator.operators.createBus({ organizationId: organization, name: 'Bus', registrationNumber: `NB-${name}`, layoutId: layout })
  ).id;
  const route = (
    await asOperator.operators.createRoute({
      organizationId: organization,
      name: 'A → B',
      currency: 'LKR',
      stops: [
        { name: `Stop ${name}0`, city: 'Colombo', arriveOffsetMinutes: 0, departOffsetMinutes: 0, fareToNextMinor: 10_000 },
        { name: `Stop ${name}1`, city: 'Kandy', arriveOffsetMinutes: 120, departOffsetMinutes: 120 },
      ],
    })
  ).id;
  const trip = (
    await asOperator.operators.createTrip({
      organizationId: organization,
      routeId: route,
      busId: bus,
      departsAt: new Date(T0.getTime() + 8 * DAY).toISOString(),
    })
  ).id;
  const staff = await staffOf(organization, asOperator);
  const partial = { customer, driver, operator, organization, staff, layout, bus, route, trip } as Side;
  partial.vehicle = await approvedVehicle(driver);
  const asDriver = callerFor(`driver${name}`);
  partial.draftVehicle = (await asDriver.vehicles.create(vehicleInput)).id;
  partial.blackout = (await asDriver.vehicles.createBlackout({ id: partial.vehicle, ...rentalDates() })).id;
  partial.photo = await upload(driver, 'vehicle_photo', ['customer', 'driver']);
  await asDriver.vehicles.addPhoto({ id: partial.vehicle, fileId: partial.photo });
  partial.spareFile = await upload(driver, 'vehicle_photo', ['customer', 'driver']);
  partial.documentFile = await upload(customer, 'driver_document');
  partial.application = await applicationOf(await insertUser(['customer']));
  partial.rental = await rentalOf(partial);
  partial.seatBooking = (await callerFor(`customer${name}`).bookings.reserve({ tripId: trip, seatNumbers: ['1A'] })).id;
  partial.payment = (await callerFor(`customer${name}`).payments.initiate({ bookingId: partial.rental, provider: 'sandbox' })).id;
  partial.webhookEndpoint = await webhookEndpointOf(partial);
  partial.webhookEvent = (
    await asOperator.organizations.webhookEndpoints.sendTest({ organizationId: organization, endpointId: partial.webhookEndpoint })
  ).eventId;
  partial.platformEndpoint = (
    await callerFor('admin').admin.webhookEndpoints.create({ url: 'http://127.0.0.1:9/platform', events: ['booking.held'] })
  ).id;
  partial.platformEvent = (await callerFor('admin').admin.webhookEndpoints.sendTest({ endpointId: partial.platformEndpoint })).eventId;
  partial.settlement = await settlementOf(partial, 'draft');
  // Enough in the wallet for every wallet payment the matrix makes.
  await postJournal(deps.db, {
    kind: 'top_up',
    reference: `fixture-${customer}`,
    currency: 'LKR',
    lines: topUpPostings({ provider: 'sandbox', amountMinor: 100_000_000, feeMinor: 0, customerId: customer }),
    at: deps.clock.now(),
  });
  partial.paidRental = await rentalOf(partial);
  await callerFor(`customer${name}`).payments.process({ bookingId: partial.paidRental, method: 'wallet' });
  partial.failedRefund = await failedRefundOf(partial);
  partial.paidSeatBooking = await seatBookingOf(partial);
  await callerFor(`customer${name}`).payments.process({ bookingId: partial.paidSeatBooking, method: 'wallet' });
  partial.ticketCode = (await callerFor(`customer${name}`).journey.ticket({ id: partial.paidSeatBooking })).code;
  return partial;
}

/** A refund of the side's paid rental that failed (fixture shortcut: the gateway refusing is tested with the refunds). */
async function failedRefundOf(side: Pick<Side, 'paidRental'>): Promise<string> {
  const refund = await callerFor('admin').admin.bookings.refund({ id: side.paidRental, amountMinor: 1, reason: 'Fixture refund' });
  await deps.database.sql`update refunds set status = 'failed', last_error = 'declined' where id = ${refund.id}`;
  return refund.id;
}

/** A pending driver application of `userId`, with a document they uploaded. */
async function applicationOf(userId: string): Promise<string> {
  const file = await upload(userId, 'driver_document');
  const application = await callerOfUser(userId).drivers.submitApplication({
    fullName: 'A Driver',
    nationalId: '199012345678',
    licenceNumber: 'B1234567',
    licenceExpiry: '2030-01-01',
    documents: [{ kind: 'licence_front', fileId: file }],
  });
  return application.id;
}

/** Distinct one-day slots on a vehicle, within the 365 days a rental may start ahead. */
let slot = 0;
const rentalDates = () => {
  const start = new Date(T0.getTime() + (10 + ++slot) * DAY);
  if (slot > 350) throw new Error('out of rental slots: use another vehicle');
  return { startDate: start.toISOString(), endDate: new Date(start.getTime() + DAY - 3_600_000).toISOString() };
};

const A = (...roles: ('customer' | 'driver' | 'operator')[]) => roles.map((r) => `${r}A` as Role);

/**
 * THE FIXTURE TABLE: one entry per procedure whose input carries an id (`id`, `…Id`, at any depth).
 * To add one (settlements, webhook endpoints, jobs, …): add the object to `Side` and make it in
 * `buildSide` (through the router as its owner, so it is real), then add a row here naming who may
 * succeed on side A's object and how the input names it (`v.` the victim's object, `c.` the caller's
 * own container, e.g. their organisation). If success changes the object, give `fresh` so each
 * succeeding call gets its own. A procedure may have several rows (one per id it takes).
 */
const CASES: Record<string, Case[]> = {
  ...webhookEndpointCases(),
  'settlements.get': [{ allowed: ['operatorA'], input: (v) => ({ id: v.settlement }) }],
  'admin.settlements.get': [{ allowed: ['admin'], input: (v) => ({ id: v.settlement }) }],
  'admin.settlements.list': [{ allowed: ['admin'], input: (v) => ({ partnerUserId: v.customer, organizationId: v.organization }) }],
  'admin.bookings.list': [
    {
      allowed: ['admin'],
      input: (v) => ({ vehicleId: v.vehicle, tripId: v.trip, organizationId: v.organization, customerId: v.customer }),
    },
  ],
  'admin.bookings.get': [
    { allowed: ['admin'], input: (v) => ({ id: v.rental }) },
    { allowed: ['admin'], input: (v) => ({ id: v.seatBooking }) },
  ],
  'admin.bookings.refund': [{ allowed: ['admin'], input: (v) => ({ id: v.paidRental, amountMinor: 1, reason: 'Goodwill' }) }],
  'admin.payments.get': [{ allowed: ['admin'], input: (v) => ({ id: v.payment }) }],
  'admin.refunds.retry': [
    { allowed: ['admin'], input: (v) => ({ id: v.failedRefund }), fresh: async () => ({ failedRefund: await failedRefundOf(sides.A) }) },
  ],
  'admin.settlements.approve': [
    { allowed: ['admin'], input: (v) => ({ id: v.settlement }), fresh: async () => ({ settlement: await settlementOf(sides.A, 'draft') }) },
  ],
  'admin.settlements.markPaid': [
    {
      allowed: ['admin'],
      input: (v, _c, n) => ({ id: v.settlement, payoutReference: `PAYOUT-${n}` }),
      fresh: async () => ({ settlement: await settlementOf(sides.A, 'approved') }),
    },
  ],
  'users.get': [{ allowed: ['admin'], input: (v) => ({ userId: v.customer }) }],
  'users.setStatus': [{ allowed: ['admin'], input: (v) => ({ userId: v.customer, status: 'active' }) }],
  'users.setRoles': [{ allowed: ['admin'], input: (v) => ({ userId: v.customer, roles: ['customer'] }) }],
  'organizations.get': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'organizations.addMember': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v) => ({ organizationId: v.organization, phoneNumber: newestPhone, role: 'staff' }),
      // Each success adds a new person: make one whose phone the call will name.
      fresh: async () => {
        await insertUser(['customer']);
        return {};
      },
    },
  ],
  'organizations.members': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'organizations.removeMember': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v) => ({ organizationId: v.organization, userId: v.staff }),
      // Each success removes someone: each gets a member of its own.
      fresh: async () => ({ staff: await staffOf(sides.A.organization) }),
    },
  ],
  'organizations.setStatus': [{ allowed: ['admin'], input: (v) => ({ organizationId: v.organization, status: 'approved' }) }],
  'operators.createLayout': [
    { allowed: ['operatorA', 'admin'], input: (v, _c, n) => ({ organizationId: v.organization, name: `L${n}`, standard: { rows: 2 } }) },
  ],
  'operators.listLayouts': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'operators.createBus': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v, _c, n) => ({ organizationId: v.organization, name: 'Bus', registrationNumber: `R-${n}`, layoutId: v.layout }),
    },
    // Another operator names their own organisation and the victim's layout.
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c, n) => ({ organizationId: c.organization, name: 'Bus', registrationNumber: `R-${n}`, layoutId: v.layout }),
    },
  ],
  'operators.listBuses': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'operators.createRoute': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v) => ({
        organizationId: v.organization,
        name: 'R',
        currency: 'LKR',
        stops: [
          { name: 'X', city: 'X', arriveOffsetMinutes: 0, departOffsetMinutes: 0, fareToNextMinor: 1_000 },
          { name: 'Y', city: 'Y', arriveOffsetMinutes: 60, departOffsetMinutes: 60 },
        ],
      }),
    },
  ],
  'operators.listRoutes': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'operators.createTrip': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v, _c, n) => ({ organizationId: v.organization, routeId: v.route, busId: v.bus, departsAt: tripTime(n) }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c, n) => ({ organizationId: c.organization, routeId: v.route, busId: c.bus, departsAt: tripTime(n) }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c, n) => ({ organizationId: c.organization, routeId: c.route, busId: v.bus, departsAt: tripTime(n) }),
    },
  ],
  'operators.scheduleTrips': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v, _c, n) => ({ ...timetable(n), organizationId: v.organization, routeId: v.route, busId: v.bus }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c, n) => ({ ...timetable(n), organizationId: c.organization, routeId: v.route, busId: c.bus }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c, n) => ({ ...timetable(n), organizationId: c.organization, routeId: c.route, busId: v.bus }),
    },
  ],
  'operators.listTrips': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  'operators.setTripStatus': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v) => ({ organizationId: v.organization, tripId: v.trip, status: 'boarding' }),
      fresh: async () => ({ trip: await tripOf(sides.A) }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c) => ({ organizationId: c.organization, tripId: v.trip, status: 'boarding' }),
      fresh: async () => ({ trip: await tripOf(sides.A) }),
    },
  ],
  'operators.cancelTrip': [
    {
      allowed: ['operatorA', 'admin'],
      input: (v) => ({ organizationId: v.organization, tripId: v.trip }),
      fresh: async () => ({ trip: await tripOf(sides.A) }),
    },
    {
      allowed: ['operatorA', 'admin'],
      input: (v, c) => ({ organizationId: c.organization, tripId: v.trip }),
      fresh: async () => ({ trip: await tripOf(sides.A) }),
    },
  ],
  'operators.tripManifest': [
    { allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization, tripId: v.trip }) },
    { allowed: ['operatorA', 'admin'], input: (v, c) => ({ organizationId: c.organization, tripId: v.trip }) },
  ],
  'operators.cancelTripPreview': [
    { allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization, tripId: v.trip }) },
    // Another operator naming their own organisation and side A's trip: absent.
    { allowed: ['operatorA', 'admin'], input: (v, c) => ({ organizationId: c.organization, tripId: v.trip }) },
  ],
  'operators.listBookings': [
    { allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) },
    { allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization, tripId: v.trip }) },
  ],
  'operators.listSettlements': [{ allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization }) }],
  // Public objects: an approved operator's trip is everyone's to see and book.
  'trips.get': [{ allowed: ROLES, input: (v) => ({ id: v.trip }) }],
  'trips.seats': [{ allowed: ROLES, input: (v) => ({ id: v.trip }) }],
  'bookings.reserve': [{ allowed: AUTHED, input: (v, _c, n) => ({ tripId: v.trip, seatNumbers: [seatOf(n)] }) }],
  // Anyone signed in books an approved vehicle, except its own driver.
  'bookings.create': [
    {
      allowed: AUTHED.filter((role) => role !== 'driverA'),
      refused: { driverA: 'FORBIDDEN' },
      input: (v) => ({ vehicleId: v.vehicle, ...rentalDates() }),
    },
  ],
  'bookings.get': [
    { allowed: [...A('customer', 'driver'), 'admin'], input: (v) => ({ id: v.rental }) },
    { allowed: [...A('customer', 'operator'), 'admin'], input: (v) => ({ id: v.seatBooking }) },
  ],
  'bookings.cancel': [
    {
      allowed: [...A('customer', 'driver'), 'admin'],
      input: (v) => ({ id: v.rental }),
      fresh: async () => ({ rental: await rentalOf(sides.A) }),
    },
    {
      allowed: [...A('customer', 'operator'), 'admin'],
      input: (v) => ({ id: v.seatBooking }),
      fresh: async () => ({ seatBooking: await seatBookingOf(sides.A) }),
    },
  ],
  'payments.initiate': [
    {
      allowed: A('customer'),
      input: (v) => ({ bookingId: v.rental, provider: 'sandbox' }),
      fresh: async () => ({ rental: await rentalOf(sides.A) }),
    },
  ],
  'payments.process': [
    {
      allowed: A('customer'),
      input: (v) => ({ bookingId: v.rental, method: 'wallet' }),
      fresh: async () => ({ rental: await rentalOf(sides.A) }),
    },
  ],
  'payments.get': [{ allowed: [...A('customer'), 'admin'], input: (v) => ({ id: v.payment }) }],
  'drivers.submitApplication': [
    {
      // Applying with someone else's uploaded document must read like an unknown file.
      allowed: A('customer'),
      input: (v) => ({
        fullName: 'A Driver',
        nationalId: '199012345678',
        licenceNumber: 'B1234567',
        licenceExpiry: '2030-01-01',
        documents: [{ kind: 'licence_front', fileId: v.documentFile }],
      }),
    },
  ],
  'drivers.approveApplication': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.application }),
      fresh: async () => ({ application: await applicationOf(await insertUser(['customer'])) }),
    },
  ],
  'drivers.rejectApplication': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.application, reason: 'Licence photo unreadable' }),
      fresh: async () => ({ application: await applicationOf(await insertUser(['customer'])) }),
    },
  ],
  'vehicles.get': [
    { allowed: ROLES, input: (v) => ({ id: v.vehicle }) },
    { allowed: [...A('driver'), 'admin'], input: (v) => ({ id: v.draftVehicle }) },
  ],
  'vehicles.update': [{ allowed: A('driver'), input: (v, _c, n) => ({ id: v.vehicle, dailyRateMinor: 900_000 + n }) }],
  'vehicles.submit': [
    {
      allowed: A('driver'),
      input: (v) => ({ id: v.draftVehicle }),
      fresh: async () => {
        const id = (await callerFor('driverA').vehicles.create(vehicleInput)).id;
        await callerFor('driverA').vehicles.addPhoto({ id, fileId: await upload(users.driverA, 'vehicle_photo', ['customer', 'driver']) });
        return { draftVehicle: id };
      },
    },
  ],
  'vehicles.addPhoto': [
    {
      allowed: A('driver'),
      input: (v) => ({ id: v.draftVehicle, fileId: v.spareFile }),
      fresh: async () => ({ spareFile: await upload(users.driverA, 'vehicle_photo', ['customer', 'driver']) }),
    },
    // A driver attaching another driver's upload to their own vehicle.
    {
      allowed: A('driver'),
      input: (v, c) => ({ id: c.draftVehicle, fileId: v.spareFile }),
      fresh: async () => ({ spareFile: await upload(users.driverA, 'vehicle_photo', ['customer', 'driver']) }),
    },
  ],
  'vehicles.removePhoto': [
    {
      allowed: A('driver'),
      input: (v) => ({ id: v.vehicle, fileId: v.photo }),
      fresh: async () => {
        const photo = await upload(users.driverA, 'vehicle_photo', ['customer', 'driver']);
        await callerFor('driverA').vehicles.addPhoto({ id: sides.A.vehicle, fileId: photo });
        return { photo };
      },
    },
  ],
  'vehicles.approve': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.vehicle, reason: undefined }),
      fresh: async () => ({ vehicle: await vehicleInState('pending_review') }),
    },
  ],
  'vehicles.reject': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.vehicle, reason: 'Photos missing' }),
      fresh: async () => ({ vehicle: await vehicleInState('pending_review') }),
    },
  ],
  'vehicles.suspend': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.vehicle, reason: 'Complaints' }),
      fresh: async () => ({ vehicle: await vehicleInState('approved') }),
    },
  ],
  'vehicles.reinstate': [
    {
      allowed: ['admin'],
      input: (v) => ({ id: v.vehicle, reason: undefined }),
      fresh: async () => ({ vehicle: await vehicleInState('suspended') }),
    },
  ],
  'vehicles.createBlackout': [{ allowed: [...A('driver'), 'admin'], input: (v) => ({ id: v.vehicle, ...rentalDates() }) }],
  'vehicles.deleteBlackout': [
    {
      allowed: [...A('driver'), 'admin'],
      input: (v) => ({ id: v.vehicle, blackoutId: v.blackout }),
      fresh: async () => ({ blackout: await blackoutOf() }),
    },
    // A driver naming their own vehicle and another driver's blackout.
    {
      allowed: [...A('driver'), 'admin'],
      input: (v, c) => ({ id: c.vehicle, blackoutId: v.blackout }),
      fresh: async () => ({ blackout: await blackoutOf() }),
    },
  ],
  'vehicles.listBlackouts': [{ allowed: [...A('driver'), 'admin'], input: (v) => ({ id: v.vehicle }) }],
  // The customer knows their own booking: they are refused the handover, not told it is absent.
  'rentals.start': [
    {
      allowed: [...A('driver'), 'admin'],
      refused: { customerA: 'FORBIDDEN' },
      input: (v) => ({ id: v.rental }),
      fresh: async () => ({ rental: await rentalOf(sides.A, 'confirmed', true) }),
    },
  ],
  'rentals.complete': [
    {
      allowed: [...A('driver'), 'admin'],
      refused: { customerA: 'FORBIDDEN' },
      input: (v) => ({ id: v.rental }),
      fresh: async () => ({ rental: await rentalOf(sides.A, 'active', true) }),
    },
  ],
  'rentals.listForVehicle': [{ allowed: [...A('driver'), 'admin'], input: (v) => ({ id: v.vehicle }) }],
  'journey.ticket': [{ allowed: [...A('customer', 'operator'), 'admin'], input: (v) => ({ id: v.paidSeatBooking }) }],
  'journey.receipt': [{ allowed: [...A('customer', 'driver'), 'admin'], input: (v) => ({ id: v.paidRental }) }],
  // Another operator scanning A's genuine ticket is told exactly what a forged code gets.
  'journey.verifyTicket': [
    { allowed: ['operatorA', 'admin'], input: (v) => ({ organizationId: v.organization, code: v.ticketCode }) },
    { allowed: ['operatorA', 'admin'], input: (v, c) => ({ organizationId: c.organization, code: v.ticketCode }) },
  ],
  'journey.vehicleAlternatives': [{ allowed: ROLES, input: (v) => ({ id: v.vehicle, ...rentalDates() }) }],
  'journey.seatAlternatives': [{ allowed: ROLES, input: (v) => ({ id: v.trip, seats: 1 }) }],
};

/** An organisation's endpoints (owners and admins; another owner naming their own organisation gets "not found") and the platform's (admins). */
function webhookEndpointCases(): Record<string, Case[]> {
  const owners: Role[] = ['operatorA', 'admin'];
  const org = (v: Side) => ({ organizationId: v.organization, endpointId: v.webhookEndpoint });
  const viaOwnOrg = (v: Side, c: Side) => ({ organizationId: c.organization, endpointId: v.webhookEndpoint });
  const fresh = async () => ({ webhookEndpoint: await webhookEndpointOf(sides.A) });
  const platformFresh = async () => ({
    platformEndpoint: (await callerFor('admin').admin.webhookEndpoints.create({ url: 'http://127.0.0.1:9/p', events: ['booking.held'] }))
      .id,
  });
  const byEndpoint = (extra: (n: number) => object = () => ({}), withFresh = false): Case[] => [
    { allowed: owners, input: (v, _c, n) => ({ ...org(v), ...extra(n) }), ...(withFresh ? { fresh } : {}) },
    { allowed: owners, input: (v, c, n) => ({ ...viaOwnOrg(v, c), ...extra(n) }), ...(withFresh ? { fresh } : {}) },
  ];
  const platform = (extra: (v: Side) => object = () => ({}), withFresh = false): Case[] => [
    { allowed: ['admin'], input: (v) => ({ endpointId: v.platformEndpoint, ...extra(v) }), ...(withFresh ? { fresh: platformFresh } : {}) },
  ];
  return {
    'organizations.webhookEndpoints.create': [
      { allowed: owners, input: (v) => ({ organizationId: v.organization, url: 'http://127.0.0.1:9/new', events: ['booking.held'] }) },
    ],
    'organizations.webhookEndpoints.list': [{ allowed: owners, input: (v) => ({ organizationId: v.organization }) }],
    'organizations.webhookEndpoints.update': byEndpoint(() => ({ events: ['booking.held', 'booking.confirmed'] })),
    'organizations.webhookEndpoints.delete': byEndpoint(undefined, true),
    'organizations.webhookEndpoints.rotateSecret': byEndpoint(),
    'organizations.webhookEndpoints.sendTest': byEndpoint(),
    'organizations.webhookEndpoints.deliveries': byEndpoint(),
    'organizations.webhookEndpoints.replay': [
      { allowed: owners, input: (v) => ({ ...org(v), eventId: v.webhookEvent }) },
      { allowed: owners, input: (v, c) => ({ ...viaOwnOrg(v, c), eventId: v.webhookEvent }) },
    ],
    'admin.webhookEndpoints.update': platform(() => ({ events: ['booking.held', 'booking.cancelled'] })),
    'admin.webhookEndpoints.delete': platform(undefined, true),
    'admin.webhookEndpoints.rotateSecret': platform(),
    'admin.webhookEndpoints.sendTest': platform(),
    'admin.webhookEndpoints.deliveries': platform(),
    'admin.webhookEndpoints.replay': platform((v) => ({ eventId: v.platformEvent })),
  };
}

const tripTime = (n: number) => new Date(T0.getTime() + 30 * DAY + n * 3_600_000).toISOString();
const timetable = (n: number) => ({
  startDate: new Date(T0.getTime() + (60 + n) * DAY).toISOString().slice(0, 10),
  days: 1,
  departureTimes: ['06:00'],
});
const seatOf = (n: number) => `${1 + (n % 10)}${'ABCD'[Math.floor(n / 10) % 4]}`;

async function webhookEndpointOf(side: Pick<Side, 'operator' | 'organization'>): Promise<string> {
  const created = await callerOfUser(side.operator).organizations.webhookEndpoints.create({
    organizationId: side.organization,
    url: 'http://127.0.0.1:9/hooks',
    events: ['booking.held'],
  });
  return created.id;
}

/** A statement of the side's organisation for a period of its own (written directly: computing one needs a month of captures). */
let settlementYear = 2000;
async function settlementOf(side: Pick<Side, 'organization'>, status: 'draft' | 'approved'): Promise<string> {
  const id = newId();
  const now = deps.clock.now();
  await deps.db.insert(schema.settlements).values({
    id,
    period: `${++settlementYear}-01`,
    partnerAccount: `partner_payable:org:${side.organization}`,
    partnerOrganizationId: side.organization,
    currency: 'LKR',
    status,
    grossMinor: 0,
    commissionMinor: 0,
    feesMinor: 0,
    refundsMinor: 0,
    netMinor: 0,
    lineCount: 0,
    createdAt: now,
    updatedAt: now,
    ...(status === 'approved' ? { approvedAt: now, approvedBy: users.admin } : {}),
  });
  return id;
}

async function seatBookingOf(side: Side): Promise<string> {
  return (await callerOfUser(side.customer).bookings.reserve({ tripId: await tripOf(side), seatNumbers: ['1A'] })).id;
}

async function blackoutOf(): Promise<string> {
  return (await callerFor('driverA').vehicles.createBlackout({ id: sides.A.vehicle, ...rentalDates() })).id;
}

/** Paths of uuid fields in a zod (v4) input schema: `id`, `layoutId`, `documents[].fileId`, … */
function uuidFields(schemaNode: unknown, path = ''): string[] {
  const def = (schemaNode as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) =>
        uuidFields(child, path ? `${path}.${key}` : key),
      );
    case 'array':
      return uuidFields(def.element, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return uuidFields(def.innerType, path);
    case 'pipe':
      return uuidFields(def.in, path);
    case 'string':
      return def.format === 'uuid' || def.format === 'guid' ? [path] : [];
    default:
      return [];
  }
}

function idProcedures(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, procedure] of Object.entries(appRouter._def.procedures)) {
    const inputs = (procedure as unknown as { _def: { inputs: unknown[] } })._def.inputs;
    const fields = inputs.flatMap((input) => uuidFields(input));
    if (fields.length > 0) out[path] = fields;
  }
  return out;
}

interface Outcome {
  ok: boolean;
  code?: string;
  status?: number;
  message?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

async function call(role: Role, path: string, input: unknown): Promise<Outcome> {
  const caller = callerFor(role);
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  try {
    await fn(input);
    return { ok: true };
  } catch (error) {
    const app = findAppError(error);
    const code = app?.code ?? (error as { code?: string }).code ?? 'UNKNOWN';
    return {
      ok: false,
      code,
      status: isErrorCode(code) ? httpStatusOf(code) : undefined,
      // Ids in a message would differ between the real and the random call; everything else must not.
      message: (app?.message ?? (error as Error).message).replace(UUID, '<id>'),
    };
  }
}

function randomSide(): Side {
  return Object.fromEntries(Object.keys(sides.A).map((key) => [key, newId()])) as unknown as Side;
}

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender', env: { HOLDS_MAX_PER_USER: '100', RATE_LIMIT_PER_MINUTE: '100000' } });
  deps.clock.set(T0);
  for (const name of ['A', 'B'] as const) {
    users[`customer${name}`] = await insertUser(['customer']);
    users[`driver${name}`] = await insertUser(['customer', 'driver']);
    users[`operator${name}`] = await insertUser(['customer']);
  }
  const admin = await ensureAdmin(deps, { email: 'ownership-admin@example.com', password: 'ownership admin password' });
  users.admin = admin.user.id;
  await signIn(users.admin);
  sides.A = await buildSide('A');
  sides.B = await buildSide('B');
}, 120_000);
afterAll(async () => {
  await deps?.cleanup();
});

describe('ownership on real objects', () => {
  it('has a fixture for every procedure that takes an id (a new one fails here until it gets one)', () => {
    expect(Object.keys(idProcedures()).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(
    Object.entries(CASES).flatMap(([path, cases]) =>
      cases.map((c, i) => [`${path}${cases.length > 1 ? ` #${i + 1}` : ''}`, path, c] as const),
    ),
  )('%s', async (_title, path, testCase) => {
    const mismatches: string[] = [];
    const victim = testCase.fresh ? { ...sides.A, ...(await testCase.fresh()) } : sides.A;
    // Strangers first (all at once: each must fail and change nothing), on the very object the first
    // allowed role then uses.
    const strangers = ROLES.filter((r) => !testCase.allowed.includes(r));
    await Promise.all(
      strangers.map(async (role) => {
        const own = sides[sideOf(role)];
        const real = await call(role, path, testCase.input(victim, own, ++counter));
        const refusedWith = testCase.refused?.[role];
        if (refusedWith) {
          if (real.code !== refusedWith) mismatches.push(`${role}: expected ${refusedWith}, got ${JSON.stringify(real)}`);
          return;
        }
        const random = await call(role, path, testCase.input(randomSide(), own, ++counter));
        if (real.code === 'INTERNAL_ERROR' || random.code === 'INTERNAL_ERROR') mismatches.push(`${role}: INTERNAL_ERROR`);
        if (real.ok || JSON.stringify(real) !== JSON.stringify(random)) {
          mismatches.push(`${role}: real object ${JSON.stringify(real)} but random id ${JSON.stringify(random)}`);
        }
      }),
    );
    for (const [index, role] of testCase.allowed.entries()) {
      // Success may change the object (cancelled, approved): each further success gets its own.
      const v = testCase.fresh && index > 0 ? { ...sides.A, ...(await testCase.fresh()) } : victim;
      const outcome = await call(role, path, testCase.input(v, sides[sideOf(role)], ++counter));
      if (!outcome.ok) mismatches.push(`${role} (allowed): ${JSON.stringify(outcome)}`);
      if (outcome.code === 'INTERNAL_ERROR') mismatches.push(`${role}: INTERNAL_ERROR`);
    }
    expect(mismatches).toEqual([]);
  });
});
