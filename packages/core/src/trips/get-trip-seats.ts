import { assertLeg, legFareMinor } from '@fareway/domain';
import type { Deps } from '../deps';
import { compareSeatNos, seatStatesForLeg } from '../seats/seat-occupancy';
import { loadPublicTrip } from './get-trip';

export type SeatState = 'free' | 'held' | 'sold';

export interface TripSeatMap {
  tripId: string;
  fromStop: number;
  toStop: number;
  fareMinor: number;
  currency: string;
  seats: Array<{ seatNo: string; row: number; column: number; seatClass: string | null; state: SeatState }>;
  counts: Record<SeatState, number>;
}

/**
 * `GET /trips/{id}/seats`: each seat of the bus for the leg [fromStop, toStop)
 * (the whole trip when omitted): sold (paid), held (an unpaid hold that has not
 * lapsed) or free. Read without locks: a snapshot the hold then re-checks.
 */
export async function getTripSeats(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { tripId: string; fromStop?: number; toStop?: number },
): Promise<TripSeatMap> {
  const loaded = await loadPublicTrip(deps.db, input.tripId);
  const fromStop = input.fromStop ?? 0;
  const toStop = input.toStop ?? loaded.stops.length - 1;
  assertLeg(loaded.stops.length, fromStop, toStop);
  const states = await seatStatesForLeg(deps.db, { tripId: loaded.trip.id, fromStop, toStop, now: deps.clock.now() });
  const counts: Record<SeatState, number> = { free: 0, held: 0, sold: 0 };
  const seats = loaded.layout.cells
    .filter((c) => c.kind === 'seat' && c.label)
    .map((c) => {
      const seatNo = c.label as string;
      const state: SeatState = states.get(seatNo) ?? 'free';
      counts[state] += 1;
      return { seatNo, row: c.row, column: c.column, seatClass: c.seatClass ?? null, state };
    })
    .sort((a, b) => a.row - b.row || a.column - b.column || compareSeatNos(a.seatNo, b.seatNo));
  return {
    tripId: loaded.trip.id,
    fromStop,
    toStop,
    fareMinor: legFareMinor(
      loaded.stops.slice(0, -1).map((s) => s.fareToNextMinor ?? 0),
      fromStop,
      toStop,
    ),
    currency: loaded.trip.currency,
    seats,
    counts,
  };
}
