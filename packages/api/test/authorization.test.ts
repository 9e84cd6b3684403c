import { createOrganization, ensureAdmin, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { findAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCaller, createContextFactory } from '../src';

type Access = 'public' | 'authed' | 'admin' | 'org' | 'driver';
type Role = 'anonymous' | 'customer' | 'driver' | 'otherOperator' | 'owner' | 'admin';

interface Fixtures {
  orgA: string;
  victim: string;
  n: number;
}

/**
 * Every procedure of the router, with who may call it. The router is read by
 * introspection below: a new procedure missing from this table fails the test,
 * so nobody can add one without deciding its access.
 */
/** An id nothing has: procedures on a missing object answer NOT_FOUND-like codes, which count as "allowed" (past authorization). */
const NO_ID = '01900000-0000-7000-8000-000000000001';

const ACCESS: Record<string, { access: Access; input: (f: Fixtures) => unknown }> = {
  'system.status': { access: 'public', input: () => undefined },
  'system.fullStatus': { access: 'admin', input: () => undefined },
  'auth.sendOtp': { access: 'public', input: (f) => ({ phoneNumber: `+9477${2_000_000 + f.n}` }) },
  'auth.verifyOtp': { access: 'public', input: (f) => ({ phoneNumber: `+9477${2_000_000 + f.n}`, code: '000000' }) },
  'auth.login': { access: 'public', input: () => ({ email: 'nobody@example.com', password: 'whatever' }) },
  'auth.logout': { access: 'authed', input: () => ({}) },
  'auth.logoutAll': { access: 'authed', input: () => ({}) },
  'auth.me': { access: 'authed', input: () => undefined },
  'auth.updateProfile': { access: 'authed', input: () => ({ name: 'Renamed' }) },
  'auth.refresh': { access: 'authed', input: () => ({}) },
  'users.list': { access: 'admin', input: () => ({}) },
  'users.get': { access: 'admin', input: (f) => ({ userId: f.victim }) },
  'users.setStatus': { access: 'admin', input: (f) => ({ userId: f.victim, status: 'active' }) },
  'users.setRoles': { access: 'admin', input: (f) => ({ userId: f.victim, roles: ['customer'] }) },
  'organizations.create': { access: 'authed', input: () => ({ name: 'New operator' }) },
  'organizations.get': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'organizations.addMember': { access: 'org', input: (f) => ({ organizationId: f.orgA, phoneNumber: '+94770000555', role: 'staff' }) },
  'organizations.members': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'organizations.removeMember': { access: 'org', input: (f) => ({ organizationId: f.orgA, userId: NO_ID }) },
  'organizations.setStatus': { access: 'admin', input: (f) => ({ organizationId: f.orgA, status: 'approved' }) },
  'organizations.list': { access: 'admin', input: () => ({ status: 'pending' }) },
  'organizations.mine': { access: 'authed', input: () => undefined },
  'operators.createLayout': { access: 'org', input: (f) => ({ organizationId: f.orgA, name: `Layout ${f.n}`, standard: { rows: 2 } }) },
  'operators.listLayouts': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'operators.createBus': {
    access: 'org',
    input: (f) => ({
      organizationId: f.orgA,
      name: 'Bus',
      registrationNumber: `NB-${f.n}`,
      layoutId: '01900000-0000-7000-8000-000000000000',
    }),
  },
  'operators.listBuses': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'operators.createRoute': {
    access: 'org',
    input: (f) => ({
      organizationId: f.orgA,
      name: 'A → B',
      currency: 'LKR',
      stops: [
        { name: 'A', city: 'A', arriveOffsetMinutes: 0, departOffsetMinutes: 0, fareToNextMinor: 10_000 },
        { name: 'B', city: 'B', arriveOffsetMinutes: 60, departOffsetMinutes: 60 },
      ],
    }),
  },
  'operators.listRoutes': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'operators.createTrip': {
    access: 'org',
    input: (f) => ({
      organizationId: f.orgA,
      routeId: '01900000-0000-7000-8000-000000000000',
      busId: '01900000-0000-7000-8000-000000000000',
      departsAt: '2026-06-01T06:00:00Z',
    }),
  },
  'operators.scheduleTrips': {
    access: 'org',
    input: (f) => ({
      organizationId: f.orgA,
      routeId: '01900000-0000-7000-8000-000000000000',
      busId: '01900000-0000-7000-8000-000000000000',
      startDate: '2026-06-01',
      days: 2,
      departureTimes: ['06:00'],
    }),
  },
  'operators.listTrips': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'operators.setTripStatus': {
    access: 'org',
    input: (f) => ({ organizationId: f.orgA, tripId: '01900000-0000-7000-8000-000000000000', status: 'boarding' }),
  },
  'operators.cancelTrip': { access: 'org', input: (f) => ({ organizationId: f.orgA, tripId: '01900000-0000-7000-8000-000000000000' }) },
  'operators.tripManifest': { access: 'org', input: (f) => ({ organizationId: f.orgA, tripId: '01900000-0000-7000-8000-000000000000' }) },
  'operators.cancelTripPreview': { access: 'org', input: (f) => ({ organizationId: f.orgA, tripId: NO_ID }) },
  'operators.listBookings': { access: 'org', input: (f) => ({ organizationId: f.orgA, status: 'confirmed' }) },
  'operators.listSettlements': { access: 'org', input: (f) => ({ organizationId: f.orgA }) },
  'trips.search': { access: 'public', input: () => ({ origin: 'Colombo', destination: 'Kandy' }) },
  'trips.get': { access: 'public', input: () => ({ id: '01900000-0000-7000-8000-000000000000' }) },
  'trips.seats': { access: 'public', input: () => ({ id: '01900000-0000-7000-8000-000000000000' }) },
  'bookings.reserve': { access: 'authed', input: () => ({ tripId: '01900000-0000-7000-8000-000000000000', seatNumbers: ['1A'] }) },
  'bookings.list': { access: 'authed', input: () => ({}) },
  'bookings.get': { access: 'authed', input: () => ({ id: '01900000-0000-7000-8000-000000000000' }) },
  'bookings.cancel': { access: 'authed', input: () => ({ id: '01900000-0000-7000-8000-000000000000' }) },
  'payments.initiate': { access: 'authed', input: () => ({ bookingId: '01900000-0000-7000-8000-000000000000', provider: 'sandbox' }) },
  'payments.process': { access: 'authed', input: () => ({ bookingId: '01900000-0000-7000-8000-000000000000', method: 'wallet' }) },
  'payments.get': { access: 'authed', input: () => ({ id: '01900000-0000-7000-8000-000000000000' }) },
  'wallet.get': { access: 'authed', input: () => undefined },
  'wallet.topUp': { access: 'authed', input: () => ({ amountMinor: 1_000, provider: 'sandbox' }) },
  'ledger.trialBalance': { access: 'admin', input: () => undefined },
  'ledger.journals': { access: 'admin', input: () => ({ accountCode: 'platform_revenue', currency: 'LKR' }) },
  'bookings.create': {
    access: 'authed',
    input: () => ({ vehicleId: NO_ID, startDate: '2026-02-01T10:00:00Z', endDate: '2026-02-02T10:00:00Z' }),
  },
  'drivers.submitApplication': {
    access: 'authed',
    input: () => ({
      fullName: 'A Driver',
      nationalId: '199012345678',
      licenceNumber: 'B1234567',
      licenceExpiry: '2030-01-01',
      documents: [{ kind: 'licence_front', fileId: NO_ID }],
    }),
  },
  'drivers.myApplication': { access: 'authed', input: () => undefined },
  'drivers.listApplications': { access: 'admin', input: () => ({}) },
  'drivers.approveApplication': { access: 'admin', input: () => ({ id: NO_ID }) },
  'drivers.rejectApplication': { access: 'admin', input: () => ({ id: NO_ID, reason: 'Licence photo unreadable' }) },
  'vehicles.search': { access: 'public', input: () => ({ location: 'Colombo' }) },
  'vehicles.get': { access: 'public', input: () => ({ id: NO_ID }) },
  'vehicles.create': {
    access: 'driver',
    input: () => ({
      make: 'Toyota',
      model: 'Aqua',
      year: 2020,
      type: 'car',
      seats: 4,
      transmission: 'automatic',
      fuel: 'hybrid',
      city: 'Colombo',
      timeZone: 'Asia/Colombo',
      dailyRateMinor: 900_000,
      currency: 'LKR',
    }),
  },
  'vehicles.update': { access: 'authed', input: () => ({ id: NO_ID, dailyRateMinor: 950_000 }) },
  'vehicles.submit': { access: 'authed', input: () => ({ id: NO_ID }) },
  'vehicles.listMine': { access: 'authed', input: () => ({}) },
  'vehicles.addPhoto': { access: 'authed', input: () => ({ id: NO_ID, fileId: NO_ID }) },
  'vehicles.removePhoto': { access: 'authed', input: () => ({ id: NO_ID, fileId: NO_ID }) },
  'vehicles.listForReview': { access: 'admin', input: () => ({}) },
  'vehicles.approve': { access: 'admin', input: () => ({ id: NO_ID }) },
  'vehicles.reject': { access: 'admin', input: () => ({ id: NO_ID, reason: 'Photos missing' }) },
  'vehicles.suspend': { access: 'admin', input: () => ({ id: NO_ID, reason: 'Complaints' }) },
  'vehicles.reinstate': { access: 'admin', input: () => ({ id: NO_ID }) },
  'vehicles.createBlackout': {
    access: 'authed',
    input: () => ({ id: NO_ID, startDate: '2026-02-01T10:00:00Z', endDate: '2026-02-02T10:00:00Z' }),
  },
  'vehicles.deleteBlackout': { access: 'authed', input: () => ({ id: NO_ID, blackoutId: NO_ID }) },
  'vehicles.listBlackouts': { access: 'authed', input: () => ({ id: NO_ID }) },
  'admin.jobs.list': { access: 'admin', input: () => undefined },
  'admin.jobs.run': { access: 'admin', input: () => ({ name: 'cleanup-auth' }) },
  'admin.jobs.retry': { access: 'admin', input: () => ({ name: 'cleanup-auth' }) },
  'admin.bookings.list': { access: 'admin', input: () => ({ status: 'confirmed' }) },
  'admin.bookings.get': { access: 'admin', input: () => ({ id: NO_ID }) },
  'admin.bookings.refund': { access: 'admin', input: () => ({ id: NO_ID, amountMinor: 100, reason: 'Goodwill' }) },
  'admin.payments.list': { access: 'admin', input: () => ({}) },
  'admin.payments.get': { access: 'admin', input: () => ({ id: NO_ID }) },
  'admin.refunds.list': { access: 'admin', input: () => ({ status: 'failed' }) },
  'admin.refunds.retry': { access: 'admin', input: () => ({ id: NO_ID }) },
  'admin.audit.list': { access: 'admin', input: () => ({ action: 'booking.cancel' }) },
  'admin.dashboard': { access: 'admin', input: () => undefined },
  'admin.notifications.list': { access: 'admin', input: () => ({ status: 'sent' }) },
  'admin.settlements.list': { access: 'admin', input: () => ({}) },
  'admin.settlements.get': { access: 'admin', input: () => ({ id: NO_ID }) },
  'admin.settlements.approve': { access: 'admin', input: () => ({ id: NO_ID }) },
  'admin.settlements.markPaid': { access: 'admin', input: () => ({ id: NO_ID, payoutReference: 'BANK-1' }) },
  'admin.settlements.exportCsv': { access: 'admin', input: () => ({ period: '2026-01' }) },
  'settlements.list': { access: 'authed', input: () => ({}) },
  'settlements.get': { access: 'authed', input: () => ({ id: NO_ID }) },
  'rentals.start': { access: 'authed', input: () => ({ id: NO_ID }) },
  'rentals.complete': { access: 'authed', input: () => ({ id: NO_ID }) },
  'rentals.listForVehicle': { access: 'authed', input: () => ({ id: NO_ID }) },
  'rentals.listForDriver': { access: 'authed', input: () => ({}) },
  'journey.register': {
    access: 'public',
    input: (f) => ({ email: `matrix-${f.n}@example.com`, password: 'matrix password', name: 'Matrix' }),
  },
  'journey.ticket': { access: 'authed', input: () => ({ id: NO_ID }) },
  'journey.receipt': { access: 'authed', input: () => ({ id: NO_ID }) },
  'journey.verifyTicket': { access: 'org', input: (f) => ({ organizationId: f.orgA, code: 'FW1.x.y' }) },
  'journey.walletMoves': { access: 'authed', input: () => ({}) },
  'journey.vehicleAlternatives': {
    access: 'public',
    input: () => ({ id: NO_ID, startDate: '2026-02-01T10:00:00Z', endDate: '2026-02-02T10:00:00Z' }),
  },
  'journey.seatAlternatives': { access: 'public', input: () => ({ id: NO_ID, seats: 2 }) },
  ...webhookEndpointRows('organizations.webhookEndpoints', 'org', (f) => ({ organizationId: f.orgA })),
  ...webhookEndpointRows('admin.webhookEndpoints', 'admin', () => ({})),
};

/** The eight endpoint procedures, for an organisation's endpoints and for the platform's. */
function webhookEndpointRows(prefix: string, access: Access, scope: (f: Fixtures) => object) {
  const endpoint = (f: Fixtures) => ({ ...scope(f), endpointId: NO_ID });
  return {
    [`${prefix}.create`]: { access, input: (f: Fixtures) => ({ ...scope(f), url: 'http://127.0.0.1:9/hooks', events: ['booking.held'] }) },
    [`${prefix}.list`]: { access, input: (f: Fixtures) => scope(f) },
    [`${prefix}.update`]: { access, input: (f: Fixtures) => ({ ...endpoint(f), events: ['booking.confirmed'] }) },
    [`${prefix}.delete`]: { access, input: endpoint },
    [`${prefix}.rotateSecret`]: { access, input: endpoint },
    [`${prefix}.sendTest`]: { access, input: endpoint },
    [`${prefix}.deliveries`]: { access, input: endpoint },
    [`${prefix}.replay`]: { access, input: (f: Fixtures) => ({ ...endpoint(f), eventId: NO_ID }) },
  } satisfies Record<string, { access: Access; input: (f: Fixtures) => unknown }>;
}

const AUTH_ERRORS = ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'FORBIDDEN', 'ORGANIZATION_NOT_FOUND'];

/** What each role must get from each kind of procedure: an error code, or 'allowed' (any non-authorization outcome). */
const EXPECTED: Record<Access, Record<Role, string>> = {
  public: { anonymous: 'allowed', customer: 'allowed', driver: 'allowed', otherOperator: 'allowed', owner: 'allowed', admin: 'allowed' },
  authed: {
    anonymous: 'TOKEN_INVALID',
    customer: 'allowed',
    driver: 'allowed',
    otherOperator: 'allowed',
    owner: 'allowed',
    admin: 'allowed',
  },
  admin: {
    anonymous: 'TOKEN_INVALID',
    customer: 'FORBIDDEN',
    driver: 'FORBIDDEN',
    otherOperator: 'FORBIDDEN',
    owner: 'FORBIDDEN',
    admin: 'allowed',
  },
  driver: {
    anonymous: 'TOKEN_INVALID',
    customer: 'FORBIDDEN',
    driver: 'allowed',
    otherOperator: 'FORBIDDEN',
    owner: 'FORBIDDEN',
    admin: 'FORBIDDEN',
  },
  org: {
    anonymous: 'TOKEN_INVALID',
    customer: 'ORGANIZATION_NOT_FOUND',
    driver: 'ORGANIZATION_NOT_FOUND',
    otherOperator: 'ORGANIZATION_NOT_FOUND',
    owner: 'allowed',
    admin: 'allowed',
  },
};

let deps: TestDeps;
const users = {} as Record<Exclude<Role, 'anonymous'>, string>;
const fixtures: Fixtures = { orgA: '', victim: '', n: 0 };

async function createUser(roles: ('customer' | 'driver' | 'admin')[], phone: string): Promise<string> {
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(schema.users).values({ id, phone, roles, status: 'active', createdAt: now, updatedAt: now });
  return id;
}

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  users.customer = await createUser(['customer'], '+94770000101');
  users.driver = await createUser(['customer', 'driver'], '+94770000102');
  users.otherOperator = await createUser(['customer'], '+94770000103');
  users.owner = await createUser(['customer'], '+94770000104');
  users.admin = (await ensureAdmin(deps, { email: 'matrix-admin@example.com', password: 'matrix admin password' })).user.id;
  fixtures.victim = await createUser(['customer'], '+94770000105');
  await createUser(['customer'], '+94770000555');
  const origin = { ip: null, requestId: null };
  const actor = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 'setup' });
  fixtures.orgA = (await createOrganization(deps, actor(users.owner), { name: 'Operator A' }, origin)).id;
  await createOrganization(deps, actor(users.otherOperator), { name: 'Operator B' }, origin);
});
afterAll(async () => {
  await deps.cleanup();
});

async function callAs(role: Role, path: string, input: unknown): Promise<string> {
  let authorization: string | null = null;
  if (role !== 'anonymous') {
    // A fresh session per call: logout procedures must not spoil the next row.
    const session = await issueSession(deps.db, users[role], deps.clock.now(), 30, { ip: null, requestId: null });
    authorization = `Bearer ${session.token}`;
  }
  const caller = createCaller(createContextFactory(deps)({ requestId: 'req_matrix', ip: `10.9.${fixtures.n % 250}.1`, authorization }));
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await fn(input);
    return 'allowed';
  } catch (error) {
    const code = findAppError(error)?.code ?? (error as { code?: string }).code ?? 'UNKNOWN';
    return AUTH_ERRORS.includes(code) ? code : 'allowed';
  }
}

describe('authorization of every procedure', () => {
  it('classifies every procedure of the router (a new one cannot be forgotten)', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  const roles: Role[] = ['anonymous', 'customer', 'driver', 'otherOperator', 'owner', 'admin'];
  it.each(Object.entries(ACCESS))('%s', async (path, { access, input }) => {
    const outcomes: Record<string, string> = {};
    for (const role of roles) {
      fixtures.n += 1;
      outcomes[role] = await callAs(role, path, input(fixtures));
    }
    expect(outcomes).toEqual(EXPECTED[access]);
  });
});
