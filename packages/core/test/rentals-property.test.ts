import { blockedPeriod, findAppError, periodsOverlap } from '@fareway/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, cancelBooking, confirmBooking, createBlackout, createRentalHold, deleteBlackout, searchVehicles } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser, insertVehicle } from './support/booking-fixtures';

/**
 * The availability maths and the database's decisions against a brute-force
 * model: random holds, blackouts, confirmations, cancellations and clock
 * moves (so holds lapse, swept or not) on vehicles with random turnaround
 * buffers. Every accept/refuse must match the model, and so must every
 * booking's final status and the final search results.
 */
let deps: TestDeps;
let owner: Actor;
let run = 0;
/** How often each outcome happened across runs: the property must have seen both sides of every decision. */
const tally = new Map<string, number>();
const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
const origin = { ip: null, requestId: 'req_property' };
const HOUR = 3_600_000;
const T0 = new Date('2026-06-01T00:00:00Z');
/** Ranges start a day after T0: always in the future, however far the clock moves in one run. */
const BASE = T0.getTime() + 24 * HOUR;
const HOLD_MS = 5 * 60_000;

beforeAll(async () => {
  deps = await createTestDeps({ env: { HOLDS_MAX_PER_USER: '100' } });
  owner = { userId: await insertUser(deps, ['customer', 'driver']), roles: ['customer', 'driver'], sessionId: 'p' };
});
afterAll(() => deps.cleanup());

type Op =
  | { type: 'hold'; vehicle: number; customer: number; startH: number; hours: number }
  | { type: 'blackout'; vehicle: number; startH: number; hours: number }
  | { type: 'unblock'; pick: number }
  | { type: 'confirm'; pick: number }
  | { type: 'cancel'; pick: number }
  | { type: 'advance'; minutes: number };

interface Entry {
  id: string;
  vehicle: number;
  kind: 'booking' | 'blackout';
  customer: number;
  period: { start: Date; end: Date };
  status: 'pending' | 'confirmed' | 'expired' | 'cancelled' | 'blackout';
  expiresAt: number;
}

const range = (startH: number, hours: number) => ({ start: new Date(BASE + startH * HOUR), end: new Date(BASE + (startH + hours) * HOUR) });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('hold' as const),
      vehicle: fc.nat(2),
      customer: fc.nat(2),
      startH: fc.nat(96),
      hours: fc.integer({ min: 1, max: 36 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('blackout' as const),
      vehicle: fc.nat(2),
      startH: fc.nat(96),
      hours: fc.integer({ min: 1, max: 24 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('unblock' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('confirm' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('cancel' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 4 }) }) },
);

const scenarioArb = fc.record({
  buffers: fc.array(
    fc.nat(8).map((n) => n * 30),
    { minLength: 1, maxLength: 3 },
  ),
  ops: fc.array(opArb, { minLength: 4, maxLength: 22 }),
  searches: fc.array(fc.record({ startH: fc.nat(100), hours: fc.integer({ min: 1, max: 48 }) }), { minLength: 1, maxLength: 4 }),
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    return appError.code;
  }
}

async function tallied(what: string, promise: Promise<unknown>): Promise<string> {
  const code = await codeOf(promise);
  count(`${what}:${code}`);
  return code;
}

describe('rentals against a brute-force model', () => {
  it('agrees on every hold, blackout, confirmation and cancellation, and on the final search', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ buffers, ops, searches }) => {
        run += 1;
        deps.clock.set(T0);
        const city = `Prop-${run}`;
        const vehicles = await Promise.all(buffers.map((bufferMinutes) => insertVehicle(deps, owner.userId, { city, bufferMinutes })));
        const customers = await Promise.all(
          [0, 1, 2].map(async () => ({ userId: await insertUser(deps), roles: ['customer' as const], sessionId: 'p' })),
        );
        const model: Entry[] = [];
        const now = () => deps.clock.now().getTime();
        const live = (e: Entry) => e.status === 'blackout' || e.status === 'confirmed' || (e.status === 'pending' && e.expiresAt > now());
        /**
         * What the use cases do under the vehicle's lock before writing: lapsed holds become expired
         * — in the same transaction, so only when the operation commits (a refusal rolls it back).
         */
        const sweepIf = (ok: boolean, vehicle: number) => {
          if (!ok) return;
          for (const e of model) if (e.vehicle === vehicle && e.status === 'pending' && e.expiresAt <= now()) e.status = 'expired';
        };
        const clashes = (vehicle: number, period: { start: Date; end: Date }, except?: Entry) =>
          model.some((e) => e !== except && e.vehicle === vehicle && live(e) && periodsOverlap(e.period, period));

        for (const op of ops) {
          if (op.type === 'advance') {
            deps.clock.advance(op.minutes * 60_000);
            continue;
          }
          if (op.type === 'hold' || op.type === 'blackout') {
            const v = op.vehicle % vehicles.length;
            const { start, end } = range(op.startH, op.hours);
            if (op.type === 'hold') {
              const period = blockedPeriod(start, end, buffers[v] ?? 0);
              const expected = clashes(v, period) ? 'BOOKING_CONFLICT' : 'ok';
              const customer = customers[op.customer] as Actor;
              let id = '';
              const got = await tallied(
                'hold',
                createRentalHold(deps, customer, { vehicleId: vehicles[v] ?? '', start, end }, origin).then((b) => {
                  id = b.id;
                }),
              );
              expect(got, `hold ${JSON.stringify(op)}`).toBe(expected);
              sweepIf(got === 'ok', v);
              if (got === 'ok')
                model.push({
                  id,
                  vehicle: v,
                  kind: 'booking',
                  customer: op.customer,
                  period,
                  status: 'pending',
                  expiresAt: now() + HOLD_MS,
                });
            } else {
              const expected = clashes(v, { start, end }) ? 'BOOKING_CONFLICT' : 'ok';
              let id = '';
              const got = await tallied(
                'blackout',
                createBlackout(deps, owner, { vehicleId: vehicles[v] ?? '', start, end }, origin).then((b) => {
                  id = b.id;
                }),
              );
              expect(got, `blackout ${JSON.stringify(op)}`).toBe(expected);
              sweepIf(got === 'ok', v);
              if (got === 'ok')
                model.push({
                  id,
                  vehicle: v,
                  kind: 'blackout',
                  customer: -1,
                  period: { start, end },
                  status: 'blackout',
                  expiresAt: Infinity,
                });
            }
            continue;
          }
          const pool = model.filter((e) => (op.type === 'unblock' ? e.kind === 'blackout' : e.kind === 'booking'));
          const entry = pool[op.pick % Math.max(pool.length, 1)];
          if (!entry) continue;
          if (op.type === 'unblock') {
            expect(
              await codeOf(deleteBlackout(deps, owner, { vehicleId: vehicles[entry.vehicle] ?? '', blackoutId: entry.id }, origin)),
            ).toBe('ok');
            model.splice(model.indexOf(entry), 1);
          } else if (op.type === 'cancel') {
            const expected = entry.status === 'pending' || entry.status === 'confirmed' ? 'ok' : 'BOOKING_CANNOT_CANCEL';
            const got = await tallied('cancel', cancelBooking(deps, customers[entry.customer] as Actor, { bookingId: entry.id }, origin));
            expect(got, `cancel a ${entry.status} booking`).toBe(expected);
            if (got === 'ok') entry.status = 'cancelled';
          } else {
            // A payment arriving: a hold (even one lapsed but not yet swept) is confirmed; an expired one
            // re-acquires the car only if it is still free; anything else is refused.
            let expected: string;
            if (entry.status === 'pending') expected = 'ok';
            else if (entry.status === 'expired') expected = clashes(entry.vehicle, entry.period, entry) ? 'BOOKING_CONFLICT' : 'ok';
            else expected = entry.status === 'confirmed' ? 'PAYMENT_ALREADY_PROCESSED' : 'BOOKING_CANNOT_CANCEL';
            const got = await tallied('confirm', confirmBooking(deps, { bookingId: entry.id, paidMinor: 1 }));
            expect(got, `confirm a ${entry.status} booking`).toBe(expected);
            sweepIf(got === 'ok' && entry.status === 'expired', entry.vehicle);
            if (got === 'ok') entry.status = 'confirmed';
          }
        }

        // Every booking ends where the model says.
        const bookingIds = model.filter((e) => e.kind === 'booking').map((e) => e.id);
        if (bookingIds.length > 0) {
          const rows = await deps.database.sql<
            Array<{ id: string; status: string }>
          >`select id, status from bookings where id in ${deps.database.sql(bookingIds)}`;
          const actual = Object.fromEntries(rows.map((r) => [r.id, r.status]));
          expect(actual).toEqual(Object.fromEntries(model.filter((e) => e.kind === 'booking').map((e) => [e.id, e.status])));
        }
        // The search sees what the model sees: free for the range plus each vehicle's own buffer.
        for (const s of searches) {
          const { start, end } = range(s.startH, s.hours);
          const found = await searchVehicles(deps, { location: city, start, end, page: 1, limit: 100 });
          const expected = vehicles.filter((_, v) => !clashes(v, blockedPeriod(start, end, buffers[v] ?? 0)));
          expect(new Set(found.items.map((x) => x.id)), `search ${JSON.stringify(s)}`).toEqual(new Set(expected));
          count(expected.length < vehicles.length ? 'search:some busy' : 'search:all free');
        }
      }),
      // FC_SEED=<seed> replays a failing run.
      { numRuns: 40, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
    // The database's own invariant, over everything the runs wrote.
    const [overlaps] = await deps.database.sql`
      select count(*)::int as n from vehicle_occupancies a join vehicle_occupancies b
        on a.vehicle_id = b.vehicle_id and a.id < b.id and a.blocked_period && b.blocked_period
      where a.status in ('pending', 'confirmed', 'active', 'blackout') and b.status in ('pending', 'confirmed', 'active', 'blackout')`;
    expect(overlaps?.n).toBe(0);
    for (const seen of [
      'hold:ok',
      'hold:BOOKING_CONFLICT',
      'blackout:ok',
      'blackout:BOOKING_CONFLICT',
      'cancel:ok',
      'confirm:ok',
      'search:some busy',
      'search:all free',
    ]) {
      expect(tally.get(seen) ?? 0, seen).toBeGreaterThan(0);
    }
  });
});
