import { issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { findAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, createCaller, createContextFactory } from '../src';

let deps: TestDeps;
let phone = 4_000_000;

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set('2026-03-01T00:00:00Z');
});
afterAll(() => deps.cleanup());

async function callerFor(roles: ('customer' | 'driver' | 'admin')[] | null) {
  let authorization: string | null = null;
  let userId = '';
  if (roles) {
    userId = newId();
    const now = deps.clock.now();
    await deps.db
      .insert(schema.users)
      .values({ id: userId, phone: `+9477${++phone}`, roles, status: 'active', createdAt: now, updatedAt: now });
    authorization = `Bearer ${(await issueSession(deps.db, userId, now, 30, { ip: null, requestId: null })).token}`;
  }
  return { userId, caller: createCaller(createContextFactory(deps)({ requestId: 'req_rentals', ip: '10.1.0.1', authorization })) };
}

const vehicleInput = {
  make: 'Nissan',
  model: 'Leaf',
  year: 2018,
  type: 'car' as const,
  seats: 4,
  transmission: 'automatic' as const,
  fuel: 'electric' as const,
  city: 'Kandy',
  timeZone: 'Asia/Colombo',
  dailyRateMinor: 1_000_000,
  currency: 'LKR',
};

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return findAppError(error)?.code ?? (error as { code?: string }).code ?? 'UNKNOWN';
  }
};

describe('vehicle procedures', () => {
  it('create fills defaults; a partial update leaves absent fields alone (no defaults re-applied)', async () => {
    const { caller } = await callerFor(['customer', 'driver']);
    const created = await caller.vehicles.create({
      ...vehicleInput,
      description: 'Quiet',
      latitude: 7.29,
      longitude: 80.63,
      bufferMinutes: 120,
    });
    expect(created).toMatchObject({ status: 'draft', description: 'Quiet', latitude: 7.29, bufferMinutes: 120 });
    const minimal = await caller.vehicles.create(vehicleInput);
    expect(minimal).toMatchObject({ description: null, latitude: null, longitude: null, bufferMinutes: 0 });
    const updated = await caller.vehicles.update({ id: created.id, dailyRateMinor: 1_100_000 });
    expect(updated).toMatchObject({
      dailyRateMinor: 1_100_000,
      description: 'Quiet',
      latitude: 7.29,
      longitude: 80.63,
      bufferMinutes: 120,
    });
    const cleared = await caller.vehicles.update({ id: created.id, description: null });
    expect(cleared.description).toBeNull();
  });

  it('GET /vehicles/{id} shows a draft to its owner only; a stale token reads as anonymous', async () => {
    const { caller: owner } = await callerFor(['customer', 'driver']);
    const draft = await owner.vehicles.create(vehicleInput);
    expect((await owner.vehicles.get({ id: draft.id })).status).toBe('draft');
    const { caller: anonymous } = await callerFor(null);
    expect(await codeOf(anonymous.vehicles.get({ id: draft.id }))).toBe('VEHICLE_NOT_FOUND');
    const stale = createCaller(
      createContextFactory(deps)({ requestId: 'req_stale', ip: '10.1.0.2', authorization: `Bearer ${'a'.repeat(32)}` }),
    );
    expect(await codeOf(stale.vehicles.get({ id: draft.id }))).toBe('VEHICLE_NOT_FOUND');
    expect(await codeOf(stale.vehicles.search({}))).toBe('ok');
  });

  it('refuses bad input with VALIDATION_ERROR before any use case runs', async () => {
    const { caller } = await callerFor(['customer', 'driver']);
    const bad = [
      () => caller.vehicles.create({ ...vehicleInput, currency: 'lkr' }),
      () => caller.vehicles.create({ ...vehicleInput, seats: 0 }),
      () => caller.vehicles.create({ ...vehicleInput, bufferMinutes: 20_000 }),
      () => caller.vehicles.create({ ...vehicleInput, latitude: 123 }),
      () => caller.vehicles.create({ ...vehicleInput, timeZone: 'Not/AZone' }),
      () => caller.vehicles.search({ startDate: 'soon' }),
      () => caller.bookings.create({ vehicleId: 'x', startDate: '2026-03-10T10:00:00Z', endDate: '2026-03-11T10:00:00Z' }),
      () => caller.vehicles.createBlackout({ id: newId(), startDate: '2026-03-10', endDate: '2026-03-11' }),
    ] as (() => Promise<unknown>)[];
    for (const attempt of bad) expect(await codeOf(attempt())).toMatch(/^(VALIDATION_ERROR|BAD_REQUEST)$/);
  });
});

describe('the REST contract', () => {
  it('documents every rentals operation in the OpenAPI document', () => {
    const doc = buildOpenApiDocument({ baseUrl: 'http://localhost/api/v1', version: 't' }) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /vehicles',
        'GET /vehicles/{id}',
        'POST /vehicles',
        'PATCH /vehicles/{id}',
        'POST /vehicles/{id}/submit',
        'POST /vehicles/{id}/photos',
        'DELETE /vehicles/{id}/photos/{fileId}',
        'POST /vehicles/{id}/blackouts',
        'GET /vehicles/{id}/blackouts',
        'DELETE /vehicles/{id}/blackouts/{blackoutId}',
        'GET /vehicles/{id}/bookings',
        'GET /driver/vehicles',
        'GET /driver/bookings',
        'POST /bookings',
        'POST /bookings/{id}/start',
        'POST /bookings/{id}/complete',
        'POST /drivers/applications',
        'GET /drivers/applications/me',
        'GET /admin/driver-applications',
        'POST /admin/driver-applications/{id}/approve',
        'POST /admin/driver-applications/{id}/reject',
        'GET /admin/vehicles',
        'POST /admin/vehicles/{id}/approve',
        'POST /admin/vehicles/{id}/reject',
        'POST /admin/vehicles/{id}/suspend',
        'POST /admin/vehicles/{id}/reinstate',
      ]),
    );
  });
});
