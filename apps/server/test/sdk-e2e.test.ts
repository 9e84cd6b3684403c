import { createFarewayClient, type FarewayClient } from '@fareway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorTrip } from './seats-fixtures';
import { apiFetch } from './support/openapi-validator';
import { insertUser, insertVehicle, type PaymentsHarness, startPaymentsHarness } from './support/payments-harness';

// Seed 000's flows through the generated SDK (openapi-fetch over the committed document)
// against a real server, the sandbox gateway and a worker; every answer is also checked
// against the served OpenAPI document by apiFetch.
const CUSTOMER = '+94770000031';
const DRIVER = '+94770000032';
const RIDER = '+94770000033';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let h: PaymentsHarness;
const client = (token?: string): FarewayClient => createFarewayClient({ baseUrl: h.base, token, fetch: apiFetch });

beforeAll(async () => {
  h = await startPaymentsHarness({ env: { OTP_TEST_NUMBERS: `${CUSTOMER}=123456,${DRIVER}=234567,${RIDER}=345678` } });
});
afterAll(async () => {
  await h?.close();
});

async function signUp(phoneNumber: string, code: string) {
  const api = client();
  const sent = await api.POST('/auth/send-otp', { body: { phoneNumber } });
  expect(sent.response.status).toBe(200);
  const verified = await api.POST('/auth/verify-otp', { body: { phoneNumber, code } });
  expect(verified.data?.data.user.phone).toBe(phoneNumber);
  return verified.data?.data.token ?? '';
}

/** The sandbox's hosted page, as the browser would press Approve on it. */
async function approveSandbox(checkoutUrl: string) {
  // The checkout URL carries its signed link (issue 15): only the link, or the payer's session, may act on it.
  const { pathname, search } = new URL(checkoutUrl);
  const res = await apiFetch(`${h.base}${pathname}/approve${search}`, { method: 'POST', redirect: 'manual' });
  expect(res.status).toBe(303);
}

describe('seed 000 through the generated SDK', () => {
  it('OTP sign-up → search → hold → pay (sandbox) → confirmed → cancel → refund', async () => {
    const owner = await insertUser(h.deps, ['customer', 'driver']);
    const vehicleId = await insertVehicle(h.deps, owner, { city: 'Galle' });
    const api = client(await signUp(CUSTOMER, '123456'));
    const range = { startDate: '2026-04-10T04:30:00Z', endDate: '2026-04-12T04:30:00Z' };

    const found = await api.GET('/vehicles', { params: { query: { location: 'galle', ...range } } });
    expect(found.data?.meta).toEqual({ page: 1, limit: 20, total: 1 });
    expect(found.data?.data[0]?.id).toBe(vehicleId);

    const held = await api.POST('/bookings', { body: { vehicleId, ...range } });
    const booking = held.data?.data;
    expect(booking).toMatchObject({ status: 'pending', vehicleId, totalMinor: 2_000_000, currency: 'LKR' });
    const bookingId = booking?.id ?? '';

    const initiated = await api.POST('/payments/initiate', { body: { bookingId, provider: 'sandbox' } });
    const payment = initiated.data?.data;
    expect(payment?.status).toBe('pending');
    await approveSandbox((payment?.checkout as { url?: string } | undefined)?.url ?? '');
    await h.eventually(async () =>
      expect((await api.GET('/bookings/{id}', { params: { path: { id: bookingId } } })).data?.data.status).toBe('confirmed'),
    );

    const cancelled = await api.POST('/bookings/{id}/cancel', { params: { path: { id: bookingId } }, body: { reason: 'Plans changed' } });
    expect(cancelled.data?.data).toMatchObject({ status: 'cancelled', refundDueMinor: 2_000_000 });
    await h.eventually(async () =>
      expect((await api.GET('/payments/{id}', { params: { path: { id: payment?.id ?? '' } } })).data?.data.status).toBe('refunded'),
    );
  });

  it('driver registration → vehicle → admin approval → searchable', async () => {
    const driver = client(await signUp(DRIVER, '234567'));
    const admin = client(await h.adminToken());
    const upload = (purpose: 'driver_document' | 'vehicle_photo') =>
      driver.POST('/files', {
        params: { query: { purpose } },
        body: PNG as unknown as string,
        bodySerializer: (body) => body,
        headers: { 'content-type': 'image/png' },
      });
    const licence = (await upload('driver_document')).data?.data;
    expect(licence?.purpose).toBe('driver_document');
    const applied = await driver.POST('/drivers/applications', {
      body: {
        fullName: 'Sunil Silva',
        nationalId: '198512345678',
        licenceNumber: 'B7654321',
        licenceExpiry: '2029-12-31',
        documents: [{ kind: 'licence_front', fileId: licence?.id ?? '' }],
      },
    });
    const applicationId = applied.data?.data.id ?? '';
    expect(
      (await admin.POST('/admin/driver-applications/{id}/approve', { params: { path: { id: applicationId } }, body: {} as never })).data
        ?.data.status,
    ).toBe('approved');
    const created = await driver.POST('/vehicles', {
      body: {
        make: 'Suzuki',
        model: 'Wagon R',
        year: 2018,
        type: 'car',
        seats: 4,
        transmission: 'automatic',
        fuel: 'petrol',
        city: 'Matara',
        latitude: 5.9549,
        longitude: 80.555,
        timeZone: 'Asia/Colombo',
        dailyRateMinor: 650_000,
        currency: 'LKR',
        bufferMinutes: 30,
      },
    });
    const vehicleId = created.data?.data.id ?? '';
    const photo = (await upload('vehicle_photo')).data?.data;
    await driver.POST('/vehicles/{id}/photos', { params: { path: { id: vehicleId } }, body: { fileId: photo?.id ?? '' } });
    expect((await driver.POST('/vehicles/{id}/submit', { params: { path: { id: vehicleId } }, body: {} as never })).data?.data.status).toBe(
      'pending_review',
    );
    expect((await client().GET('/vehicles', { params: { query: { location: 'matara' } } })).data?.data).toEqual([]);
    expect((await admin.POST('/admin/vehicles/{id}/approve', { params: { path: { id: vehicleId } }, body: {} })).data?.data.status).toBe(
      'approved',
    );
    const found = await client().GET('/vehicles', { params: { query: { location: 'matara' } } });
    expect(found.data?.data.map((v) => v.id)).toEqual([vehicleId]);
  });

  it('trip search → seat map → reserve two seats → pay by wallet → cancel', async () => {
    const trip = await operatorTrip(h.deps, {
      rows: 4,
      stops: 3,
      departsAt: new Date('2026-03-09T01:00:00Z'),
      names: ['Jaffna', 'Vavuniya', 'Anuradhapura'],
    });
    const api = client(await signUp(RIDER, '345678'));
    const topUp = await api.POST('/wallet/top-up', { body: { amountMinor: 50_000, provider: 'sandbox' } });
    await approveSandbox((topUp.data?.data.checkout as { url?: string } | undefined)?.url ?? '');
    await h.eventually(async () => expect((await api.GET('/wallet')).data?.data.balanceMinor).toBe(50_000));

    const search = await api.GET('/trips', { params: { query: { origin: 'Jaffna', destination: 'Anuradhapura', date: '2026-03-09' } } });
    expect(search.data?.data.map((t) => t.id)).toEqual([trip.tripId]);
    const map = await api.GET('/trips/{id}/seats', { params: { path: { id: trip.tripId }, query: { fromStop: 0, toStop: 2 } } });
    expect(map.data?.data.counts).toMatchObject({ free: 16, held: 0, sold: 0 });

    const reserved = await api.POST('/bookings/reserve', {
      body: { tripId: trip.tripId, seatNumbers: ['1A', '1B'], fromStop: 0, toStop: 2 },
    });
    const booking = reserved.data?.data;
    expect(booking?.status).toBe('pending');
    const bookingId = booking?.id ?? '';
    const paid = await api.POST('/payments/process', { body: { bookingId, method: 'wallet' } });
    expect(paid.data?.data).toMatchObject({ status: 'completed', bookingId });
    expect((await api.GET('/wallet')).data?.data.balanceMinor).toBe(50_000 - (booking?.totalMinor ?? 0));
    expect((await api.GET('/trips/{id}/seats', { params: { path: { id: trip.tripId } } })).data?.data.counts).toMatchObject({ sold: 2 });

    const cancelled = await api.POST('/bookings/{id}/cancel', { params: { path: { id: bookingId } }, body: {} });
    expect(cancelled.data?.data.status).toBe('cancelled');
    await h.eventually(async () => expect((await api.GET('/wallet')).data?.data.balanceMinor).toBe(50_000));
    expect((await api.GET('/trips/{id}/seats', { params: { path: { id: trip.tripId } } })).data?.data.counts).toMatchObject({ free: 16 });
  });

  it('refresh rotates the token: the old one is refused at once, the new one works', async () => {
    const old = await h.tokenFor(await insertUser(h.deps));
    const api = client(old);
    const refreshed = await api.POST('/auth/refresh', { body: {} });
    const fresh = refreshed.data?.data;
    expect(fresh?.token).toMatch(/^[a-z2-7]{32}$/);
    expect(fresh?.token).not.toBe(old);
    expect(Date.parse(fresh?.expiresAt ?? '')).toBeGreaterThan(h.deps.clock.now().getTime());
    const refused = await client(old).GET('/auth/me');
    expect([refused.response.status, refused.error?.error.code]).toEqual([401, 'TOKEN_INVALID']);
    expect((await client(old).POST('/auth/refresh', { body: {} })).error?.error.code).toBe('TOKEN_INVALID');
    expect((await client(fresh?.token).GET('/auth/me')).data?.data.id).toBe(fresh?.user.id);
  });

  it('two refreshes racing on one token give one new token, not two', async () => {
    const old = await h.tokenFor(await insertUser(h.deps));
    const answers = await Promise.all(Array.from({ length: 5 }, () => client(old).POST('/auth/refresh', { body: {} })));
    expect(answers.filter((a) => a.response.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.error?.error.code === 'TOKEN_INVALID')).toHaveLength(4);
    const userId = answers.find((a) => a.data)?.data?.data.user.id ?? '';
    expect(await h.deps.database.sql`select count(*)::int as n from sessions where user_id = ${userId}`).toEqual([{ n: 1 }]);
  });
});
