import { ensureAdmin, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { operatorTrip, signedInUsers } from './seats-fixtures';
import { apiFetch } from './support/openapi-validator';

type Json = ReturnType<typeof JSON.parse>;
let deps: TestDeps;
let app: FastifyInstance;
let base: string;
let trip: Awaited<ReturnType<typeof operatorTrip>>;
let tokens: string[];

beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'http://fareway.test' } });
  deps.clock.set('2026-03-01T00:00:00Z');
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  trip = await operatorTrip(deps, {
    rows: 10,
    stops: 4,
    departsAt: new Date('2026-03-05T01:00:00Z'),
    names: ['Colombo', 'Kadawatha', 'Kegalle', 'Kandy'],
  });
  tokens = (await signedInUsers(deps, 3)).map((u) => u.token);
});
afterAll(async () => {
  await app.close();
  await deps.cleanup();
});

async function call(method: string, path: string, options: { body?: unknown; raw?: string; token?: string } = {}) {
  const res = await apiFetch(base + path, {
    method,
    headers: {
      ...(options.body === undefined && options.raw === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('trips over REST', () => {
  it('searches with the envelope and page meta; the date is local to the trip', async () => {
    // 01:00Z is 06:30 in Colombo on the 5th.
    const res = await call('GET', '/api/v1/trips?origin=colombo&destination=Kandy&date=2026-03-05&page=1&limit=5');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, meta: { page: 1, limit: 5, total: 1 } });
    expect(res.body.data).toEqual([
      expect.objectContaining({
        id: trip.tripId,
        fromStop: 0,
        toStop: 3,
        fareMinor: 15_000,
        freeSeats: 40,
        departsAt: '2026-03-05T01:00:00.000Z',
      }),
    ]);
    expect((await call('GET', '/api/v1/trips?origin=Kandy&destination=Colombo')).body.data).toEqual([]);
    expect((await call('GET', '/api/v1/trips')).body.meta.total).toBe(1);
  });

  it('shows a trip and its seat map for a leg', async () => {
    const detail = await call('GET', `/api/v1/trips/${trip.tripId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.stops.map((s: { name: string }) => s.name)).toEqual(['Colombo', 'Kadawatha', 'Kegalle', 'Kandy']);
    expect(detail.body.data.layout).toMatchObject({ rows: 10, columns: 5, seatCount: 40 });
    const map = await call('GET', `/api/v1/trips/${trip.tripId}/seats?fromStop=1&toStop=3`);
    expect(map.status).toBe(200);
    expect(map.body.data).toMatchObject({ fromStop: 1, toStop: 3, fareMinor: 10_000, counts: { free: 40, held: 0, sold: 0 } });
  });

  it.each([
    ['a word for a stop', (id: string) => `/api/v1/trips/${id}/seats?fromStop=one`],
    ['a backwards leg', (id: string) => `/api/v1/trips/${id}/seats?fromStop=3&toStop=1`],
    ['a stop past the end', (id: string) => `/api/v1/trips/${id}/seats?fromStop=0&toStop=4`],
    ['a trip id that is no uuid', () => '/api/v1/trips/not-a-trip'],
    ['a bad date', () => '/api/v1/trips?date=2026-02-30'],
    ['a page of zero', () => '/api/v1/trips?page=0'],
  ])('answers %s with 400 VALIDATION_ERROR', async (_name, path) => {
    const res = await call('GET', path(trip.tripId));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('answers an unknown trip with 404 TRIP_NOT_FOUND', async () => {
    const res = await call('GET', '/api/v1/trips/01900000-0000-7000-8000-000000000000/seats');
    expect([res.status, res.body.error.code]).toEqual([404, 'TRIP_NOT_FOUND']);
  });
});

describe('POST /bookings/reserve', () => {
  it('holds seats, then answers a taken seat with 409 SEATS_UNAVAILABLE and the seats in error.details, over REST and tRPC', async () => {
    const held = await call('POST', '/api/v1/bookings/reserve', {
      token: tokens[0],
      body: {
        tripId: trip.tripId,
        seatNumbers: ['1A', '1B'],
        fromStop: 0,
        toStop: 2,
        holdDurationMinutes: 10,
        passengers: [{ seatNo: '1A', name: 'Sunil' }],
      },
    });
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({
      kind: 'seat',
      status: 'pending',
      tripId: trip.tripId,
      fromStop: 0,
      toStop: 2,
      totalMinor: 20_000,
      currency: 'LKR',
      expiresAt: '2026-03-01T00:10:00.000Z',
    });
    expect(held.body.data.lines).toHaveLength(2);

    const refused = await call('POST', '/api/v1/bookings/reserve', {
      token: tokens[1],
      body: { tripId: trip.tripId, seatNumbers: ['1C', '1B'], fromStop: 1, toStop: 3 },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, error: { code: 'SEATS_UNAVAILABLE', details: { seats: ['1B'] } } });

    const viaTrpc = await apiFetch(`${base}/trpc/bookings.reserve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[1]}` },
      body: JSON.stringify({ tripId: trip.tripId, seatNumbers: ['1A'], fromStop: 1, toStop: 2 }),
    });
    expect(viaTrpc.status).toBe(409);
    expect(((await viaTrpc.json()) as Json).error.data).toMatchObject({ appCode: 'SEATS_UNAVAILABLE', details: { seats: ['1A'] } });

    // The same seat on the next leg sells.
    const next = await call('POST', '/api/v1/bookings/reserve', {
      token: tokens[1],
      body: { tripId: trip.tripId, seatNumbers: ['1B'], fromStop: 2, toStop: 3 },
    });
    expect(next.status).toBe(200);
    const map = await call('GET', `/api/v1/trips/${trip.tripId}/seats`);
    expect(map.body.data.counts).toEqual({ free: 38, held: 2, sold: 0 });
    const mine = await call('GET', '/api/v1/bookings?kind=seat', { token: tokens[0] });
    expect(mine.body.data.map((b: { id: string }) => b.id)).toEqual([held.body.data.id]);
  });

  it.each([
    ['no token', undefined, { seatNumbers: ['2A'] }, 401, 'TOKEN_INVALID'],
    ['a 30-minute hold', 0, { seatNumbers: ['2A'], holdDurationMinutes: 30 }, 400, 'VALIDATION_ERROR'],
    ['a seat that is not on the bus', 0, { seatNumbers: ['77Q'] }, 400, 'VALIDATION_ERROR'],
    ['an empty leg', 0, { seatNumbers: ['2A'], fromStop: 2, toStop: 2 }, 400, 'VALIDATION_ERROR'],
    ['a string for seats', 0, { seatNumbers: '2A' }, 400, 'VALIDATION_ERROR'],
  ])('answers %s with %i %s', async (_name, who, body, status, code) => {
    const res = await call('POST', '/api/v1/bookings/reserve', {
      token: who === undefined ? undefined : tokens[who],
      body: { tripId: trip.tripId, ...body },
    });
    expect([res.status, res.body.error.code]).toEqual([status, code]);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await call('POST', '/api/v1/bookings/reserve', { token: tokens[2], raw: '{"tripId": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('operators over REST', () => {
  it('lets an admin list the approval queue and the owner read the manifest', async () => {
    const admin = await ensureAdmin(deps, { email: 'seats-http-admin@example.com', password: 'seats http admin password' });
    const adminToken = (await issueSession(deps.db, admin.user.id, deps.clock.now(), 30, { ip: null, requestId: null })).token;
    const approved = await call('GET', '/api/v1/admin/organizations?status=approved', { token: adminToken });
    expect(approved.status).toBe(200);
    expect(approved.body.data.map((o: { id: string }) => o.id)).toContain(trip.organizationId);
    expect((await call('GET', '/api/v1/admin/organizations', { token: tokens[0] })).status).toBe(403);

    const manifest = await call('GET', `/api/v1/organizations/${trip.organizationId}/trips/${trip.tripId}/manifest`, {
      token: trip.ownerToken,
    });
    expect(manifest.status).toBe(200);
    expect(manifest.body.data.passengers.map((p: { seatNo: string; passengerName: string | null }) => [p.seatNo, p.passengerName])).toEqual(
      [
        ['1A', 'Sunil'],
        ['1B', null],
        ['1B', null],
      ],
    );
    const stranger = await call('GET', `/api/v1/organizations/${trip.organizationId}/trips/${trip.tripId}/manifest`, { token: tokens[2] });
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'ORGANIZATION_NOT_FOUND']);
  });
});
