import { schema } from '@fareway/db';
import { findAppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOrganizationMember,
  cancelTrip,
  listOrganizationBookings,
  listOrganizationSettlements,
  previewTripCancellation,
  reserveSeats,
  scheduleTrips,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { addTrip, createOperator, insertCustomer, type OperatorFixture, ORIGIN } from './support/seat-fixtures';

let deps: TestDeps;
let operator: OperatorFixture;
const T0 = new Date('2026-03-02T00:00:00Z'); // a Monday
const HOUR = 3_600_000;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    return appError.code;
  }
  return undefined;
}

/** A seat booking on the trip; `paid` marks it confirmed and paid in full (the payment flow is tested elsewhere). */
async function seatBooking(tripId: string, seats: string[], paid: boolean): Promise<string> {
  const booking = await reserveSeats(
    deps,
    await insertCustomer(deps, 'Ama'),
    { tripId, seatNumbers: seats, fromStop: 0, toStop: 2 },
    ORIGIN,
  );
  if (paid)
    await deps.database.sql`update bookings set status = 'confirmed', paid_minor = total_minor, expires_at = null where id = ${booking.id}`;
  return booking.id;
}

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  operator = await createOperator(deps);
});
afterAll(() => deps.cleanup());

describe('the trip cancellation preview', () => {
  it('lists the bookings cancelling would cancel with their refunds, and the cancellation then does exactly that', async () => {
    const tripId = await addTrip(deps, operator, new Date(T0.getTime() + 48 * HOUR));
    const paid = await seatBooking(tripId, ['1A', '1B'], true);
    const held = await seatBooking(tripId, ['2A'], false);
    const lapsed = await seatBooking(tripId, ['3A'], false);
    await deps.database.sql`update bookings set expires_at = ${new Date(T0.getTime() - 1000).toISOString()} where id = ${lapsed}`;
    const input = { organizationId: operator.organizationId, tripId };

    const preview = await previewTripCancellation(deps, operator.owner, input);
    const [paidRow] = await deps.database.sql<{ paid: number }[]>`select paid_minor::int as paid from bookings where id = ${paid}`;
    expect(paidRow?.paid).toBeGreaterThan(0);
    expect(preview.bookings.map((b) => [b.bookingId, b.status, b.seats.sort(), b.paidMinor, b.refundMinor])).toEqual([
      [paid, 'confirmed', ['1A', '1B'], paidRow?.paid, paidRow?.paid],
      [held, 'pending', ['2A'], 0, 0],
    ]);
    expect(preview).toMatchObject({ cancelledBookings: 2, refundDueMinor: paidRow?.paid, currency: 'LKR' });
    // Nothing changed.
    const [still] = await deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from bookings where trip_id = ${tripId} and status in ('pending', 'confirmed')`;
    expect(still?.n).toBe(3);

    const done = await cancelTrip(deps, operator.owner, input, ORIGIN);
    expect({ cancelled: done.cancelledBookings, refund: done.refundDueMinor }).toEqual({
      cancelled: preview.cancelledBookings,
      refund: preview.refundDueMinor,
    });
    const rows = await deps.database.sql<{ id: string; status: string; due: number | null }[]>`
      select id, status, refund_due_minor::int as due from bookings where trip_id = ${tripId} order by created_at`;
    expect(rows.map((r) => [r.id, r.status, r.due])).toEqual([
      [paid, 'cancelled', paidRow?.paid],
      [held, 'cancelled', 0],
      [lapsed, 'expired', null],
    ]);
    // A cancelled trip cannot be cancelled again: the preview says so as the cancellation would.
    expect(await codeOf(previewTripCancellation(deps, operator.owner, input))).toBe('VALIDATION_ERROR');
  });

  it('is another operator’s trip: absent', async () => {
    const tripId = await addTrip(deps, operator, new Date(T0.getTime() + 72 * HOUR));
    const other = await createOperator(deps, { name: 'Other Lines' });
    expect(await codeOf(previewTripCancellation(deps, other.owner, { organizationId: operator.organizationId, tripId }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await codeOf(previewTripCancellation(deps, other.owner, { organizationId: other.organizationId, tripId }))).toBe(
      'TRIP_NOT_FOUND',
    );
  });
});

describe('a timetable on chosen weekdays', () => {
  it('creates trips only on the ISO weekdays asked for, on the operator’s local calendar', async () => {
    const result = await scheduleTrips(
      deps,
      operator.owner,
      {
        organizationId: operator.organizationId,
        routeId: operator.routeId,
        busId: operator.busId,
        startDate: '2026-03-09', // a Monday
        days: 14,
        departureTimes: ['07:30'],
        weekdays: [1, 3, 7],
      },
      ORIGIN,
    );
    const local = result.created.map((trip) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: trip.timeZone,
        weekday: 'short',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(trip.departsAt)),
    );
    expect(local).toEqual(['Mon 09, 07:30', 'Wed 11, 07:30', 'Sun 15, 07:30', 'Mon 16, 07:30', 'Wed 18, 07:30', 'Sun 22, 07:30']);
    expect(result.skipped).toEqual([]);
    const bad = scheduleTrips(
      deps,
      operator.owner,
      {
        ...{ organizationId: operator.organizationId, routeId: operator.routeId, busId: operator.busId },
        startDate: '2026-04-01',
        days: 7,
        departureTimes: ['07:30'],
        weekdays: [0],
      },
      ORIGIN,
    );
    expect(await codeOf(bad)).toBe('VALIDATION_ERROR');
  });
});

describe("an operator's bookings and statements", () => {
  it('lists only the bookings on its own trips, whatever else the filters name', async () => {
    const mine = await addTrip(deps, operator, new Date(T0.getTime() + 96 * HOUR));
    const other = await createOperator(deps, { name: 'Rival Lines' });
    const theirs = await addTrip(deps, other, new Date(T0.getTime() + 96 * HOUR));
    const myBooking = await seatBooking(mine, ['5A'], true);
    const theirBooking = await seatBooking(theirs, ['5A'], true);

    const page = await listOrganizationBookings(deps, operator.owner, { organizationId: operator.organizationId, page: 1, limit: 100 });
    const ids = page.items.map((b) => b.id);
    expect(ids).toContain(myBooking);
    expect(ids).not.toContain(theirBooking);
    const [count] = await deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from bookings where partner_organization_id = ${operator.organizationId}`;
    expect(page.meta.total).toBe(count?.n);
    expect(page.items.every((b) => b.organization?.id === operator.organizationId)).toBe(true);
    // Naming the rival's trip through the filters finds nothing of theirs.
    const viaTrip = await listOrganizationBookings(deps, operator.owner, {
      organizationId: operator.organizationId,
      tripId: theirs,
      page: 1,
      limit: 100,
    });
    expect(viaTrip.items).toEqual([]);
    expect(await codeOf(listOrganizationBookings(deps, other.owner, { organizationId: operator.organizationId, page: 1, limit: 5 }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
  });

  it('shows statements to owners only: staff are refused, strangers told it does not exist', async () => {
    const staff = await insertCustomer(deps);
    const [row] = await deps.db.select({ phone: schema.users.phone }).from(schema.users).where(eq(schema.users.id, staff.userId));
    await addOrganizationMember(
      deps,
      operator.owner,
      { organizationId: operator.organizationId, phoneNumber: row?.phone ?? '', role: 'staff' },
      ORIGIN,
    );
    const input = { organizationId: operator.organizationId, page: 1, limit: 20 };
    expect((await listOrganizationSettlements(deps, operator.owner, input)).meta.total).toBe(0);
    expect(await codeOf(listOrganizationSettlements(deps, staff, input))).toBe('FORBIDDEN');
    expect(await codeOf(listOrganizationSettlements(deps, await insertCustomer(deps), input))).toBe('ORGANIZATION_NOT_FOUND');
  });
});
