import { router } from '../trpc';
import { getTrip } from './get-trip';
import { getTripSeats } from './get-trip-seats';
import { searchTrips } from './search-trips';

/** Public trip search and seat maps. */
export const tripsRouter = router({ search: searchTrips, get: getTrip, seats: getTripSeats });
