import { newId, schema, tstzRangeLiteral, withTransaction } from '@fareway/db';
import { DEFAULT_CANCELLATION_POLICY } from '@fareway/domain';
import type { TestDeps } from '../../src/testing';

let phone = 5_000_000;

export async function insertUser(deps: TestDeps, roles: ('customer' | 'driver' | 'admin')[] = ['customer']): Promise<string> {
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(schema.users).values({ id, phone: `+9477${++phone}`, roles, status: 'active', createdAt: now, updatedAt: now });
  return id;
}

export async function insertVehicle(deps: TestDeps, ownerUserId: string, overrides: Partial<typeof schema.vehicles.$inferInsert> = {}) {
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(schema.vehicles).values({
    id,
    ownerUserId,
    make: 'Toyota',
    model: 'Aqua',
    year: 2020,
    type: 'car',
    seats: 4,
    transmission: 'automatic',
    fuel: 'hybrid',
    city: 'Colombo',
    timeZone: 'Asia/Colombo',
    dailyRateMinor: 1_000_000,
    currency: 'LKR',
    bufferMinutes: 60,
    status: 'approved',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
  return id;
}

/** A rental booking row and its occupancy, inserted directly (the rentals use case is tested on its own). */
export async function insertRental(
  deps: TestDeps,
  input: {
    customerId: string;
    vehicleId: string;
    ownerUserId: string;
    start: Date;
    end: Date;
    bufferMinutes?: number;
    status?: 'pending' | 'confirmed';
    expiresAt?: Date;
    paidMinor?: number;
  },
) {
  const now = deps.clock.now();
  const id = newId();
  const status = input.status ?? 'pending';
  // withTransaction, so a constraint violation arrives translated (BOOKING_CONFLICT), as in the use cases.
  await withTransaction(deps.db, async (tx) => {
    await tx.insert(schema.bookings).values({
      id,
      kind: 'rental',
      customerId: input.customerId,
      status,
      vehicleId: input.vehicleId,
      partnerUserId: input.ownerUserId,
      startsAt: input.start,
      endsAt: input.end,
      currency: 'LKR',
      totalMinor: 1_000_000,
      commissionRateBasisPoints: 1_000,
      commissionMinor: 100_000,
      partnerMinor: 900_000,
      policy: DEFAULT_CANCELLATION_POLICY,
      paidMinor: input.paidMinor ?? 0,
      expiresAt: input.expiresAt ?? new Date(now.getTime() + 5 * 60_000),
      createdAt: now,
      updatedAt: now,
    });
    const blockedEnd = new Date(input.end.getTime() + (input.bufferMinutes ?? 60) * 60_000);
    await tx.insert(schema.vehicleOccupancies).values({
      id: newId(),
      vehicleId: input.vehicleId,
      kind: 'booking',
      bookingId: id,
      startsAt: input.start,
      endsAt: input.end,
      blockedPeriod: tstzRangeLiteral(input.start, blockedEnd),
      status,
      createdAt: now,
    });
  });
  return id;
}

let holdDay = 0;

/** A fresh customer with a pending day's rental hold on a fresh vehicle, three days after the previous one (holds never collide). */
export async function insertHold(deps: TestDeps, options: { expiresAt?: Date } = {}) {
  const owner = await insertUser(deps, ['driver']);
  const vehicle = await insertVehicle(deps, owner);
  const customer = await insertUser(deps);
  holdDay += 3;
  const start = new Date(new Date('2026-04-01T10:00:00Z').getTime() + holdDay * 86_400_000);
  const bookingId = await insertRental(deps, {
    customerId: customer,
    vehicleId: vehicle,
    ownerUserId: owner,
    start,
    end: new Date(start.getTime() + 86_400_000),
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  });
  return { owner, vehicle, customer, bookingId, start };
}
