import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { searchVehicles, type VehicleSearchResult } from '../vehicles/search-vehicles';

/**
 * `GET /vehicles/{id}/alternatives?startDate&endDate`: when a car is taken for a range, the
 * nearest others free for all of it: same city and at least as many seats, the same type first,
 * then the closest daily rate. Read-only; the hold re-checks everything.
 */
export async function findVehicleAlternatives(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { vehicleId: string; start: Date; end: Date; limit?: number },
): Promise<VehicleSearchResult[]> {
  const [taken] = await deps.db.select().from(schema.vehicles).where(eq(schema.vehicles.id, input.vehicleId)).limit(1);
  if (taken?.status !== 'approved') throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
  const free = await searchVehicles(deps, {
    location: taken.city,
    start: input.start,
    end: input.end,
    seats: taken.seats,
    page: 1,
    limit: 50,
  });
  return free.items
    .filter((v) => v.id !== taken.id)
    .sort(
      (a, b) =>
        Number(b.type === taken.type) - Number(a.type === taken.type) ||
        Math.abs(a.dailyRateMinor - taken.dailyRateMinor) - Math.abs(b.dailyRateMinor - taken.dailyRateMinor),
    )
    .slice(0, input.limit ?? 4);
}
