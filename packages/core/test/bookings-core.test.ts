import { withTransaction } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBooking, confirmBooking, expireStaleHolds, getBooking, listMyBookings } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';

let deps: TestDeps;
const origin = { ip: '10.0.0.1', requestId: 'req_test' };
const at = (iso: string) => new Date(iso);
const actorOf = (userId: string, roles: ('customer' | 'driver' | 'admin')[] = ['customer']) => ({ userId, roles, sessionId: 's' });

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(at('2026-03-01T00:00:00Z'));
});
afterAll(() => deps.cleanup());

async function occupancyStatus(bookingId: string): Promise<string | undefined> {
  const [row] = await deps.database.sql<Array<{ status: string }>>`select status from vehicle_occupancies where booking_id = ${bookingId}`;
  return row?.status;
}

describe('inventory invariants in the database', () => {
  it('the exclusion constraint refuses an overlap inside the turnaround buffer, with BOOKING_CONFLICT', async () => {
    const owner = await insertUser(deps, ['driver']);
    const vehicle = await insertVehicle(deps, owner);
    const alice = await insertUser(deps);
    await insertRental(deps, {
      customerId: alice,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-10T10:00:00Z'),
      end: at('2026-03-11T10:00:00Z'),
    });
    // Starts 30 minutes after the return: inside the 60-minute buffer.
    const overlap = insertRental(deps, {
      customerId: alice,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-11T10:30:00Z'),
      end: at('2026-03-12T10:00:00Z'),
    });
    await expect(overlap).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    // Right after the buffer is fine.
    await insertRental(deps, {
      customerId: alice,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-11T11:00:00Z'),
      end: at('2026-03-12T10:00:00Z'),
    });
  });

  it('status changes reach the inventory row; an expired hold stops blocking', async () => {
    const owner = await insertUser(deps, ['driver']);
    const vehicle = await insertVehicle(deps, owner);
    const bob = await insertUser(deps);
    const hold = await insertRental(deps, {
      customerId: bob,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-10T10:00:00Z'),
      end: at('2026-03-11T10:00:00Z'),
      expiresAt: at('2026-03-01T00:05:00Z'),
    });
    deps.clock.set(at('2026-03-01T00:06:00Z'));
    const expired = await withTransaction(deps.db, (tx) => expireStaleHolds(tx, { vehicleId: vehicle }, deps.clock.now()));
    expect(expired).toEqual([hold]);
    expect(await occupancyStatus(hold)).toBe('expired');
    const other = await insertUser(deps);
    const second = await insertRental(deps, {
      customerId: other,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-10T12:00:00Z'),
      end: at('2026-03-10T20:00:00Z'),
    });
    // The first customer's payment arrives late: the car is taken now, so it cannot be re-acquired.
    await expect(confirmBooking(deps, { bookingId: hold, paidMinor: 1_000_000 })).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    expect(await occupancyStatus(hold)).toBe('expired');
    // Once the second customer cancels, the late payment re-acquires the car.
    await cancelBooking(deps, actorOf(other), { bookingId: second }, origin);
    const confirmed = await confirmBooking(deps, { bookingId: hold, paidMinor: 1_000_000 });
    expect(confirmed.status).toBe('confirmed');
    expect(await occupancyStatus(hold)).toBe('confirmed');
  });

  it('cancelling records the refund the snapshotted policy gives, per who cancels', async () => {
    deps.clock.set(at('2026-03-01T00:00:00Z'));
    const owner = await insertUser(deps, ['driver']);
    const vehicle = await insertVehicle(deps, owner);
    const carol = await insertUser(deps);
    const early = await insertRental(deps, {
      customerId: carol,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-10T10:00:00Z'),
      end: at('2026-03-11T10:00:00Z'),
    });
    await confirmBooking(deps, { bookingId: early, paidMinor: 1_000_000 });
    const late = await insertRental(deps, {
      customerId: carol,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-01T12:00:00Z'),
      end: at('2026-03-02T10:00:00Z'),
    });
    await confirmBooking(deps, { bookingId: late, paidMinor: 1_000_000 });

    const a = await cancelBooking(deps, actorOf(carol), { bookingId: early, reason: 'plans changed' }, origin);
    expect(a).toMatchObject({ status: 'cancelled', refundDueMinor: 1_000_000, cancellationReason: 'plans changed' });
    const b = await cancelBooking(deps, actorOf(carol), { bookingId: late }, origin);
    expect(b.refundDueMinor).toBe(500_000);
    await expect(cancelBooking(deps, actorOf(carol), { bookingId: late }, origin)).rejects.toMatchObject({ code: 'BOOKING_CANNOT_CANCEL' });

    // The driver cancelling owes the customer everything.
    const third = await insertRental(deps, {
      customerId: carol,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-03-01T12:00:00Z'),
      end: at('2026-03-02T10:00:00Z'),
    });
    await confirmBooking(deps, { bookingId: third, paidMinor: 1_000_000 });
    const c = await cancelBooking(deps, actorOf(owner, ['driver']), { bookingId: third }, origin);
    expect(c.refundDueMinor).toBe(1_000_000);
  });

  it('others cannot see or cancel a booking', async () => {
    const owner = await insertUser(deps, ['driver']);
    const vehicle = await insertVehicle(deps, owner);
    const dave = await insertUser(deps);
    const stranger = await insertUser(deps);
    const id = await insertRental(deps, {
      customerId: dave,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: at('2026-04-10T10:00:00Z'),
      end: at('2026-04-11T10:00:00Z'),
    });
    await expect(getBooking(deps, actorOf(stranger), id)).rejects.toMatchObject({ code: 'BOOKING_NOT_FOUND' });
    await expect(cancelBooking(deps, actorOf(stranger), { bookingId: id }, origin)).rejects.toMatchObject({ code: 'BOOKING_NOT_FOUND' });
    expect((await getBooking(deps, actorOf(owner, ['driver']), id)).id).toBe(id);
    const mine = await listMyBookings(deps, actorOf(dave), { page: 1, limit: 20 });
    expect(mine.items.map((b) => b.id)).toEqual([id]);
    expect(mine.items[0]).toMatchObject({ kind: 'rental', totalPrice: 10_000, totalMinor: 1_000_000, currency: 'LKR' });
  });
});
