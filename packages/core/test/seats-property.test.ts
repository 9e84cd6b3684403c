import { findAppError } from '@fareway/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, cancelBooking, compareSeatNos, confirmBooking, getTripSeats, reserveSeats } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { addTrip, createOperator, insertCustomer, type OperatorFixture, ORIGIN, routeStops } from './support/seat-fixtures';

/**
 * Random reserve / cancel / pay / clock-advance sequences on one small trip
 * (4 seats, 5 stops, 3 customers), each decision compared with a brute-force
 * model of seat-legs, and the final seat map of every leg with the model's.
 */
const SEATS = ['1A', '1B', '1C', '1D'];
const STOPS = 5;
const USERS = 3;
const T0 = new Date('2026-06-01T00:00:00Z').getTime();

type Op =
  | { t: 'reserve'; user: number; seats: string[]; from: number; to: number; minutes: number }
  | { t: 'cancel'; pick: number }
  | { t: 'pay'; pick: number }
  | { t: 'advance'; minutes: number };

const legArb = fc
  .tuple(fc.integer({ min: 0, max: STOPS - 1 }), fc.integer({ min: 0, max: STOPS - 1 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number]);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        user: fc.integer({ min: 0, max: USERS - 1 }),
        seats: fc.subarray(SEATS, { minLength: 1, maxLength: 3 }),
        leg: legArb,
        minutes: fc.integer({ min: 1, max: 15 }),
      })
      .map(({ leg, ...r }) => ({ t: 'reserve' as const, ...r, from: leg[0], to: leg[1] })),
  },
  { weight: 1, arbitrary: fc.nat(50).map((pick) => ({ t: 'cancel' as const, pick })) },
  { weight: 2, arbitrary: fc.nat(50).map((pick) => ({ t: 'pay' as const, pick })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 10 }).map((minutes) => ({ t: 'advance' as const, minutes })) },
);

interface ModelBooking {
  id: string;
  user: number;
  seats: string[];
  from: number;
  to: number;
  status: 'pending' | 'confirmed' | 'expired' | 'cancelled';
  expiresAt: number;
  totalMinor: number;
}

const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) => a.from < b.to && b.from < a.to;

class Model {
  bookings: ModelBooking[] = [];
  now = T0;
  private stale = () => this.bookings.filter((b) => b.status === 'pending' && b.expiresAt <= this.now);
  private live = (b: ModelBooking) => b.status === 'confirmed' || (b.status === 'pending' && b.expiresAt > this.now);

  reserve(op: Extract<Op, { t: 'reserve' }>): { code: string; seats?: string[] } {
    const holds = this.bookings.filter((b) => b.user === op.user && b.status === 'pending' && b.expiresAt > this.now).length;
    if (holds >= 3) return { code: 'HOLD_LIMIT_REACHED' };
    const taken = op.seats.filter((s) => this.bookings.some((b) => this.live(b) && b.seats.includes(s) && overlaps(b, op)));
    if (taken.length > 0) return { code: 'SEATS_UNAVAILABLE', seats: taken.sort(compareSeatNos) };
    // The hold's transaction committed: its sweep of lapsed holds stays.
    for (const b of this.stale()) b.status = 'expired';
    return { code: 'ok' };
  }

  cancel(b: ModelBooking): string {
    if (b.status !== 'pending' && b.status !== 'confirmed') return 'BOOKING_CANNOT_CANCEL';
    b.status = 'cancelled';
    return 'ok';
  }

  pay(b: ModelBooking): string {
    if (b.status === 'pending') {
      b.status = 'confirmed';
      return 'ok';
    }
    if (b.status === 'confirmed') return 'PAYMENT_ALREADY_PROCESSED';
    if (b.status === 'cancelled') return 'BOOKING_CANNOT_CANCEL';
    // A lapsed hold paid late comes back only if no live booking overlaps any of its seats.
    if (this.bookings.some((o) => o !== b && this.live(o) && overlaps(o, b) && o.seats.some((s) => b.seats.includes(s))))
      return 'SEATS_UNAVAILABLE';
    for (const o of this.stale()) o.status = 'expired';
    b.status = 'confirmed';
    return 'ok';
  }

  stateOf(seat: string, leg: { from: number; to: number }): 'free' | 'held' | 'sold' {
    const on = this.bookings.filter((b) => b.seats.includes(seat) && overlaps(b, leg));
    if (on.some((b) => b.status === 'confirmed')) return 'sold';
    if (on.some((b) => b.status === 'pending' && b.expiresAt > this.now)) return 'held';
    return 'free';
  }
}

let deps: TestDeps;
let operator: OperatorFixture;
beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(new Date(T0));
  operator = await createOperator(deps, { rows: 1, stops: routeStops(['P0', 'P1', 'P2', 'P3', 'P4']) });
});
afterAll(() => deps.cleanup());

async function outcome(promise: Promise<unknown>): Promise<{ code: string; seats?: string[] }> {
  try {
    await promise;
    return { code: 'ok' };
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    const seats = (appError.details as { seats?: string[] } | undefined)?.seats;
    return seats ? { code: appError.code, seats } : { code: appError.code };
  }
}

describe('seat holds against a brute-force model', () => {
  it('agrees on every decision and on the final seat map of every leg', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        deps.clock.set(new Date(T0));
        const tripId = await addTrip(deps, operator, new Date(T0 + 30 * 86_400_000));
        const users: Actor[] = [];
        for (let i = 0; i < USERS; i++) users.push(await insertCustomer(deps));
        const model = new Model();
        for (const op of ops) {
          if (op.t === 'advance') {
            deps.clock.advance(op.minutes * 60_000);
            model.now += op.minutes * 60_000;
          } else if (op.t === 'reserve') {
            const actor = users[op.user] as Actor;
            let id = '';
            let totalMinor = 0;
            const got = await outcome(
              reserveSeats(
                deps,
                actor,
                { tripId, seatNumbers: op.seats, fromStop: op.from, toStop: op.to, holdDurationMinutes: op.minutes },
                ORIGIN,
              ).then((b) => {
                id = b.id;
                totalMinor = b.totalMinor;
              }),
            );
            const expected = model.reserve(op);
            expect(got, JSON.stringify(op)).toEqual(expected);
            if (got.code === 'ok')
              model.bookings.push({
                id,
                user: op.user,
                seats: op.seats,
                from: op.from,
                to: op.to,
                status: 'pending',
                expiresAt: model.now + op.minutes * 60_000,
                totalMinor,
              });
          } else {
            const booking = model.bookings[op.pick % Math.max(1, model.bookings.length)];
            if (!booking) continue;
            const actor = users[booking.user] as Actor;
            if (op.t === 'cancel') {
              const got = await outcome(cancelBooking(deps, actor, { bookingId: booking.id }, ORIGIN));
              expect(got.code, `cancel ${booking.status}`).toBe(model.cancel(booking));
            } else {
              const got = await outcome(confirmBooking(deps, { bookingId: booking.id, paidMinor: booking.totalMinor }));
              expect(got.code, `pay ${booking.status}`).toBe(model.pay(booking));
            }
          }
        }
        const statuses = await deps.database.sql<
          Array<{ id: string; status: string }>
        >`select id, status from bookings where trip_id = ${tripId}`;
        expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual(
          Object.fromEntries(model.bookings.map((b) => [b.id, b.status])),
        );
        for (let from = 0; from < STOPS - 1; from++) {
          for (let to = from + 1; to < STOPS; to++) {
            const map = await getTripSeats(deps, { tripId, fromStop: from, toStop: to });
            expect(Object.fromEntries(map.seats.map((s) => [s.seatNo, s.state])), `leg ${from}→${to}`).toEqual(
              Object.fromEntries(SEATS.map((s) => [s, model.stateOf(s, { from, to })])),
            );
          }
        }
        const [overlap] = await deps.database.sql<Array<{ n: number }>>`
          select count(*)::int as n from seat_reservations a join seat_reservations b
            on a.trip_id = b.trip_id and a.seat_no = b.seat_no and a.id < b.id and a.legs && b.legs
          where a.trip_id = ${tripId} and a.status in ('pending', 'confirmed', 'active') and b.status in ('pending', 'confirmed', 'active')`;
        expect(overlap?.n).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
