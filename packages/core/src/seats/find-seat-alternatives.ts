import type { Deps } from '../deps';
import { loadPublicTrip } from '../trips/get-trip';
import { getTripSeats } from '../trips/get-trip-seats';
import { searchTrips, type TripSearchResult } from '../trips/search-trips';

export interface SeatAlternatives {
  /** Seats still free on the same trip for the same leg (seat order), when any are. */
  sameTrip: { tripId: string; fromStop: number; toStop: number; freeSeats: string[] };
  /** The next trips from the same boarding stop to the same stop with at least `seats` free, soonest first. */
  laterTrips: TripSearchResult[];
}

/**
 * `GET /trips/{id}/alternatives?fromStop&toStop&seats`: when seats are refused as taken, what
 * else there is: the free seats on that leg of the same trip, and the next trips between the same
 * stops with room for the party. Read-only; the hold re-checks everything.
 */
export async function findSeatAlternatives(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { tripId: string; fromStop?: number; toStop?: number; seats: number; limit?: number },
): Promise<SeatAlternatives> {
  const map = await getTripSeats(deps, input);
  const { trip, stops } = await loadPublicTrip(deps.db, input.tripId);
  const from = stops[map.fromStop];
  const to = stops[map.toStop];
  const later = from && to ? await searchTrips(deps, { origin: from.name, destination: to.name, page: 1, limit: 20 }) : { items: [] };
  return {
    sameTrip: {
      tripId: map.tripId,
      fromStop: map.fromStop,
      toStop: map.toStop,
      freeSeats: map.seats.filter((s) => s.state === 'free').map((s) => s.seatNo),
    },
    laterTrips: later.items
      .filter((t) => t.id !== trip.id && t.freeSeats >= input.seats && t.departsAt > (from?.departsAt.toISOString() ?? ''))
      .slice(0, input.limit ?? 3),
  };
}
