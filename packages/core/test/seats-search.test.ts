import { findAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelTrip, confirmBooking, getTrip, getTripSeats, reserveSeats, searchTrips } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { addTrip, createOperator, insertCustomer, type OperatorFixture, ORIGIN, routeStops } from './support/seat-fixtures';

let deps: TestDeps;
let operator: OperatorFixture;
const T0 = new Date('2026-03-01T00:00:00Z');
const trips = { a: '', b: '', e: '', hidden: '', cancelled: '' };
const STOPS = routeStops(['Colombo Fort', 'Kadawatha', 'Kegalle', 'Kandy Goods Shed'], ['Colombo', 'Kadawatha', 'Kegalle', 'Kandy']);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return findAppError(error)?.code ?? 'NOT_AN_APP_ERROR';
  }
  return undefined;
}

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  operator = await createOperator(deps, { stops: STOPS, timeZone: 'Asia/Colombo', name: 'Lanka Test' });
  // Colombo is UTC+05:30: A leaves 01:30 on the 11th local, B 15:30 on the 10th, E 22:30 on the 12th.
  trips.a = await addTrip(deps, operator, new Date('2026-03-10T20:00:00Z'));
  trips.b = await addTrip(deps, operator, new Date('2026-03-10T10:00:00Z'));
  trips.e = await addTrip(deps, operator, new Date('2026-03-12T17:00:00Z'));
  const unapproved = await createOperator(deps, { stops: STOPS, approved: false });
  trips.hidden = await addTrip(deps, unapproved, new Date('2026-03-10T11:00:00Z'));
  trips.cancelled = await addTrip(deps, operator, new Date('2026-03-10T12:00:00Z'));
  await cancelTrip(deps, operator.owner, { organizationId: operator.organizationId, tripId: trips.cancelled }, ORIGIN);

  // On A: 1A held 0→1, 1B sold 2→3, 1C a hold that lapses unswept.
  await reserveSeats(deps, await insertCustomer(deps), { tripId: trips.a, seatNumbers: ['1A'], fromStop: 0, toStop: 1 }, ORIGIN);
  const sold = await reserveSeats(
    deps,
    await insertCustomer(deps),
    { tripId: trips.a, seatNumbers: ['1B'], fromStop: 2, toStop: 3 },
    ORIGIN,
  );
  await confirmBooking(deps, { bookingId: sold.id, paidMinor: sold.totalMinor });
  await reserveSeats(deps, await insertCustomer(deps), { tripId: trips.a, seatNumbers: ['1C'], holdDurationMinutes: 1 }, ORIGIN);
  deps.clock.advance(2 * 60_000);
});
afterAll(() => deps.cleanup());

const search = (input: { origin?: string; destination?: string; date?: string; page?: number; limit?: number }) =>
  searchTrips(deps, { page: 1, limit: 20, ...input });

describe('searchTrips', () => {
  it('finds trips by city or stop name, case-insensitively, only in the direction of travel', async () => {
    const found = await search({ origin: 'colombo', destination: 'KANDY' });
    expect(found.items.map((t) => t.id)).toEqual([trips.b, trips.a, trips.e]);
    expect(found.meta).toEqual({ page: 1, limit: 20, total: 3 });
    expect(found.items[0]).toMatchObject({
      fromStop: 0,
      toStop: 3,
      fareMinor: 10_000 + 11_000 + 12_000,
      departsAt: '2026-03-10T10:00:00.000Z',
      arrivesAt: '2026-03-10T13:00:00.000Z',
      origin: { position: 0, name: 'Colombo Fort', city: 'Colombo' },
      destination: { position: 3, name: 'Kandy Goods Shed', city: 'Kandy' },
      operator: { id: operator.organizationId, name: 'Lanka Test' },
      timeZone: 'Asia/Colombo',
      currency: 'LKR',
      seatCount: 40,
      freeSeats: 40,
    });
    expect((await search({ origin: 'Kandy', destination: 'Colombo' })).items).toEqual([]);
    expect((await search({ origin: 'kegalle', destination: 'kandy goods shed' })).items.map((t) => [t.fromStop, t.toStop])).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect((await search({ origin: 'Galle' })).items).toEqual([]);
  });

  it('counts free seats for the leg: overlapping live holds and sales only, a lapsed hold is free', async () => {
    const freeOn = async (origin: string, destination: string) =>
      (await search({ origin, destination })).items.find((t) => t.id === trips.a)?.freeSeats;
    expect(await freeOn('Colombo', 'Kegalle')).toBe(39); // 1A [0,1) overlaps; 1B [2,3) does not
    expect(await freeOn('Kegalle', 'Kandy')).toBe(39); // 1B overlaps
    expect(await freeOn('Kadawatha', 'Kegalle')).toBe(40);
    expect(await freeOn('Colombo', 'Kandy')).toBe(38);
  });

  it('reads date as the local date of leaving the origin stop, in the trip zone', async () => {
    const on = async (date: string, origin = 'Colombo') => (await search({ origin, destination: 'Kandy', date })).items.map((t) => t.id);
    expect(await on('2026-03-10')).toEqual([trips.b]);
    expect(await on('2026-03-11')).toEqual([trips.a]);
    expect(await on('2026-03-12')).toEqual([trips.e]);
    // E reaches Kegalle 2 h 05 later, after local midnight: the 13th there.
    expect(await on('2026-03-12', 'Kegalle')).toEqual([]);
    expect(await on('2026-03-13', 'Kegalle')).toEqual([trips.e]);
    expect(await on('2026-04-01')).toEqual([]);
  });

  it('lists upcoming trips without filters, hides unapproved operators and cancelled trips, and pages', async () => {
    const all = await search({});
    expect(all.items.map((t) => t.id)).toEqual([trips.b, trips.a, trips.e]);
    expect(all.items.every((t) => t.fromStop === 0 && t.toStop === 3)).toBe(true);
    const second = await search({ limit: 1, page: 2 });
    expect(second.items.map((t) => t.id)).toEqual([trips.a]);
    expect(second.meta).toEqual({ page: 2, limit: 1, total: 3 });
    expect(await search({ limit: 2, page: 9 })).toEqual({ items: [], meta: { page: 9, limit: 2, total: 3 } });
    expect((await search({ destination: 'Kegalle' })).items.map((t) => [t.fromStop, t.toStop])).toEqual([
      [0, 2],
      [0, 2],
      [0, 2],
    ]);
  });

  it.each(['2026-02-30', '10-03-2026', 'tomorrow'])('refuses the date %s with VALIDATION_ERROR', async (date) => {
    expect(await codeOf(search({ date }))).toBe('VALIDATION_ERROR');
  });
});

describe('getTrip and getTripSeats', () => {
  it('shows stops, times, cumulative fares and the layout', async () => {
    const trip = await getTrip(deps, trips.b);
    expect(trip).toMatchObject({ id: trips.b, status: 'scheduled', fareMinor: 33_000, currency: 'LKR', timeZone: 'Asia/Colombo' });
    expect(trip.stops.map((s) => [s.name, s.departsAt, s.fareFromStartMinor])).toEqual([
      ['Colombo Fort', '2026-03-10T10:00:00.000Z', 0],
      ['Kadawatha', '2026-03-10T11:05:00.000Z', 10_000],
      ['Kegalle', '2026-03-10T12:05:00.000Z', 21_000],
      ['Kandy Goods Shed', '2026-03-10T13:00:00.000Z', 33_000],
    ]);
    expect(trip.layout).toMatchObject({ rows: 10, columns: 5, seatCount: 40 });
    expect(await codeOf(getTrip(deps, trips.hidden))).toBe('TRIP_NOT_FOUND');
    expect(await codeOf(getTrip(deps, 'not-a-uuid'))).toBe('TRIP_NOT_FOUND');
  });

  it('gives each seat free, held or sold for the leg', async () => {
    const stateOf = async (fromStop?: number, toStop?: number) => {
      const map = await getTripSeats(deps, { tripId: trips.a, fromStop, toStop });
      return { ...Object.fromEntries(map.seats.filter((s) => s.row === 1).map((s) => [s.seatNo, s.state])), counts: map.counts };
    };
    expect(await stateOf()).toEqual({ '1A': 'held', '1B': 'sold', '1C': 'free', '1D': 'free', counts: { free: 38, held: 1, sold: 1 } });
    expect(await stateOf(1, 2)).toEqual({ '1A': 'free', '1B': 'free', '1C': 'free', '1D': 'free', counts: { free: 40, held: 0, sold: 0 } });
    expect(await stateOf(0, 3)).toMatchObject({ '1A': 'held', '1B': 'sold' });
    const map = await getTripSeats(deps, { tripId: trips.a, fromStop: 1, toStop: 3 });
    expect(map).toMatchObject({ fromStop: 1, toStop: 3, fareMinor: 23_000, currency: 'LKR' });
    expect(map.seats.slice(0, 5).map((s) => [s.seatNo, s.row, s.column])).toEqual([
      ['1A', 1, 1],
      ['1B', 1, 2],
      ['1C', 1, 4],
      ['1D', 1, 5],
      ['2A', 2, 1],
    ]);
  });

  it.each([
    [2, 2],
    [3, 1],
    [0, 4],
    [-1, 2],
  ])('refuses the leg %i→%i with VALIDATION_ERROR', async (fromStop, toStop) => {
    expect(await codeOf(getTripSeats(deps, { tripId: trips.a, fromStop, toStop }))).toBe('VALIDATION_ERROR');
  });
});
